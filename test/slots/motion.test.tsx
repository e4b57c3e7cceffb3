import { act, render, screen } from '@testing-library/react';
import { MotionGlobalConfig } from 'framer-motion';
import { AdaptiveSlot, createIntentful, IntentProvider, Variant } from 'intentful';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
// The motion entry is `intentful/motion` in the package; tests reach it by path.
import { Crossfade } from '../../src/motion/index';
import { fakeClock, shopModel } from '../fixtures';

let reduced = false;
const listeners = new Set<() => void>();

beforeEach(() => {
  MotionGlobalConfig.skipAnimations = true;
  vi.stubGlobal('matchMedia', (query: string) => ({
    get matches() {
      return query === '(prefers-reduced-motion: reduce)' && reduced;
    },
    media: query,
    addEventListener: (_: string, l: () => void) => listeners.add(l),
    removeEventListener: (_: string, l: () => void) => listeners.delete(l),
  }));
});

afterEach(() => {
  vi.unstubAllGlobals();
  listeners.clear();
  reduced = false;
});

type Client = ReturnType<typeof createIntentful<'compare' | 'shipping-concern' | 'gift', string>>;

function App({ client }: { client: Client }) {
  return (
    <IntentProvider client={client}>
      <AdaptiveSlot id="hero" transition={Crossfade} live>
        <Variant id="standard">Standard</Variant>
        <Variant id="compare" intents={['compare']}>
          Compare plans
        </Variant>
      </AdaptiveSlot>
    </IntentProvider>
  );
}

describe('Crossfade', () => {
  it('crossfades in one grid cell, without animating the first render', () => {
    const client = createIntentful({ model: shopModel, clock: fakeClock().clock });
    const { container } = render(<App client={client} />);
    const wrapper = container.querySelector('[data-motion]') as HTMLElement;
    expect(wrapper.dataset.motion).toBe('crossfade');
    expect(wrapper.style.display).toBe('grid');
    const first = wrapper.firstElementChild as HTMLElement;
    // Fully visible from the first paint: no fade-in after server rendering.
    expect(first.style.opacity).toBe('1');
    act(() => {
      client.declare('compare', true);
    });
    expect(screen.getByText('Compare plans')).toBeTruthy();
  });

  it('switches instantly when the user prefers reduced motion, following the setting live', () => {
    reduced = true;
    const client = createIntentful({ model: shopModel, clock: fakeClock().clock });
    const { container } = render(<App client={client} />);
    const wrapper = () => container.querySelector('[data-motion]') as HTMLElement;
    expect(wrapper().dataset.motion).toBe('reduced');
    act(() => {
      client.declare('compare', true);
    });
    expect(screen.getByText('Compare plans')).toBeTruthy();
    act(() => {
      reduced = false;
      for (const l of listeners) l();
    });
    expect(wrapper().dataset.motion).toBe('crossfade');
  });
});
