import { render } from '@testing-library/react';
import {
  AdaptiveSlot,
  collectors,
  createIntentful,
  IntentProvider,
  persistence,
  Variant,
} from 'intentful';
import { rules } from 'intentful/policies';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeClock, shopModel } from '../fixtures';

const DAY = 24 * 3600 * 1000;
const collect = collectors();
const persist = persistence();

// Rules a marketer writes against what the collectors see, with no app code in between.
const policy = rules([
  { variant: 'welcome-back', when: { returning: 7 * DAY } },
  { variant: 'boots', when: { categoriesViewed: 'boots' } },
  { variant: 'standard' },
]);

function visit(clock: () => number) {
  // A new page load: a new client, with the plugin values the app created once.
  const client = createIntentful({
    model: shopModel,
    consent: 'granted',
    plugins: [collect, persist],
    clock,
  });
  return render(
    <IntentProvider client={client}>
      <main data-intent-page="product" data-intent-category="boots">
        <AdaptiveSlot id="hero" policy={policy} live>
          <Variant id="standard" fallback>
            Standard
          </Variant>
          <Variant id="boots">Boots for every trail</Variant>
          <Variant id="welcome-back">Welcome back</Variant>
        </AdaptiveSlot>
      </main>
    </IntentProvider>,
  );
}

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  history.replaceState(null, '', '/products/boot-1');
});

describe('rules on collected facts', () => {
  it('a category marked on the page and a return visit within the window drive the rules', () => {
    const time = fakeClock();
    const first = visit(time.clock);
    expect(first.container.querySelector('[data-intent-slot]')?.textContent).toBe(
      'Boots for every trail',
    );
    first.unmount();

    // A new browser session two days later counts as a return within a week.
    sessionStorage.clear();
    time.advance(2 * DAY);
    const second = visit(time.clock);
    expect(second.container.querySelector('[data-intent-slot]')?.textContent).toBe('Welcome back');
    second.unmount();

    // Ten days later it is a return, but not within the week.
    sessionStorage.clear();
    time.advance(10 * DAY);
    const third = visit(time.clock);
    expect(third.container.querySelector('[data-intent-slot]')?.textContent).toBe(
      'Boots for every trail',
    );
  });
});
