import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { createIntentful, IntentProvider, persistence } from 'intentful';
import { IntentProfile, type IntentProfileProps } from 'intentful/profile';
import { Profiler } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeClock, memoryStorage, shopModel } from '../fixtures';
import { engineOf } from '../internal';

afterEach(() => {
  vi.unstubAllGlobals();
});

// user-event walks radio groups with CSS.escape, which jsdom lacks.
globalThis.CSS ??= { escape: (s: string) => s.replace(/[^\w-]/g, '\\$&') } as typeof CSS;

type Options = Partial<Parameters<typeof createIntentful>[0]>;

function setup(props: IntentProfileProps = {}, options: Options = {}) {
  const time = fakeClock();
  const client = createIntentful({ model: shopModel, clock: time.clock, ...options });
  const view = render(
    <IntentProvider client={client}>
      <IntentProfile {...props} />
    </IntentProvider>,
  );
  const profile = () => screen.getByRole('region', { name: 'What we think you are here for' });
  // What a reader sees: the text without the stylesheet.
  const text = () =>
    [...profile().children]
      .filter((e) => e.tagName !== 'STYLE')
      .map((e) => e.textContent)
      .join(' ');
  const row = (label: string) =>
    screen.getByText(label, { selector: '[data-part=label]' }).closest('li') as HTMLElement;
  const labels = () =>
    [...view.container.querySelectorAll('[data-part=label]')].map((e) => e.textContent);
  const track = (...targets: string[]) =>
    act(() => {
      for (const target of targets) client.track({ type: 'click', target });
    });
  return { client, time, view, profile, text, row, labels, track };
}

// Page-level rules judge a whole document; the profile is a fragment of one. jsdom has no
// layout, so colour contrast is judged in chromium (test/browser/profile.test.ts).
const fragmentRules = {
  'color-contrast': { enabled: false },
  region: { enabled: false },
  'landmark-one-main': { enabled: false },
  'page-has-heading-one': { enabled: false },
};
async function violations(root: Element): Promise<string[]> {
  const result = await axe.run(root, { rules: fragmentRules, resultTypes: ['violations'] });
  return result.violations.map((v) => `${v.id}: ${v.help}`);
}

describe('<IntentProfile>: what the app thinks, in words', () => {
  it('says nothing is guessed yet before any evidence', () => {
    const { profile, text } = setup();
    expect(profile().dataset.state).toBe('empty');
    expect(text()).toContain('Nothing yet: we have not guessed');
    expect(screen.queryAllByRole('listitem')).toEqual([]);
  });

  it('lists an inferred intent by its label, with confidence in words and labelled evidence only', () => {
    const { row, track, text } = setup();
    track('compare', 'compare');
    const compare = row('comparing options');
    expect(compare.dataset.intentBelief).toBe('compare');
    expect(compare.dataset.declared).toBe('no');
    expect(within(compare).getByText('Fairly sure')).toBeTruthy();
    expect(within(compare).getByText('Because you opened the comparison ×2.')).toBeTruthy();
    // No raw numbers: neither percentages nor log-odds reach the user.
    expect(text()).not.toMatch(/\d+\s*%|[+−-]\d\.\d/);
  });

  it('states a guess from unlabelled rules without showing the rule, and says "just a hunch" when weak', () => {
    const { row, track, text } = setup({ minConfidence: 0.3 });
    track('gift-wrap');
    const gift = row('gift');
    expect(gift.dataset.certainty).toBe('low');
    expect(within(gift).getByText('Just a hunch')).toBeTruthy();
    expect(within(gift).getByText('From how you have browsed so far.')).toBeTruthy();
    expect(text()).not.toContain('gift-wrap');
  });

  it('leaves out guesses below the threshold, intents the app hides, and caps the list', () => {
    const { labels, track, client } = setup({ intents: ['compare', 'gift'], max: 1 });
    track('delivery-x', 'delivery-y', 'delivery-z');
    expect(client.belief('shipping-concern').confidence).toBeGreaterThan(0.5);
    expect(labels()).toEqual([]);
    track('gift-wrap', 'gift-wrap', 'compare', 'compare');
    // Both above the threshold; only the more confident one is listed (max 1).
    expect(client.belief('gift').confidence).toBeGreaterThan(client.belief('compare').confidence);
    expect(labels()).toEqual(['gift']);
  });

  it('updates when evidence decays away', () => {
    const { labels, track, client, time } = setup();
    track('compare', 'compare');
    expect(labels()).toEqual(['comparing options']);
    time.advance(10 * 60_000);
    act(() => engineOf(client).refresh());
    expect(labels()).toEqual([]);
  });
});

describe('<IntentProfile>: renders only when what it says changes', () => {
  it('a signal that changes no word of the profile re-renders nothing; a new reason does', () => {
    const time = fakeClock();
    const client = createIntentful({ model: shopModel, clock: time.clock });
    let commits = 0;
    render(
      <IntentProvider client={client}>
        <Profiler id="p" onRender={() => commits++}>
          <IntentProfile intents={['compare']} />
        </Profiler>
      </IntentProvider>,
    );
    act(() => {
      client.track({ type: 'click', target: 'compare' });
      client.track({ type: 'click', target: 'compare' });
    });
    const before = commits;
    const state = client.getState();
    act(() => {
      for (let i = 0; i < 20; i++) client.track({ type: 'click', target: `delivery-${i}` });
    });
    expect(client.getState()).not.toBe(state);
    expect(commits).toBe(before);
    act(() => {
      client.track({ type: 'page-view', target: '/p/1', data: { pageType: 'product' } });
    });
    expect(commits).toBe(before + 1);
    expect(screen.getByText(/^Because you/).textContent).toBe(
      'Because you opened the comparison ×2 and viewed a product.',
    );
  });
});

describe('<IntentProfile>: correcting it', () => {
  it('"That\'s right" declares the intent, says so, announces it and offers undo', async () => {
    const user = userEvent.setup();
    const { row, client, track, profile } = setup();
    track('compare', 'compare');
    await user.click(
      within(row('comparing options')).getByRole('button', { name: 'That’s right' }),
    );
    expect(client.belief('compare').declared).toBe(true);
    const compare = row('comparing options');
    expect(compare.dataset.declared).toBe('true');
    expect(within(compare).getByText('You told us')).toBeTruthy();
    expect(within(compare).queryByText(/Because you/)).toBeNull();
    expect(within(profile()).getByRole('status').textContent).toBe(
      'Noted: comparing options. Thanks for telling us.',
    );
    // The pressed button is gone; focus is on its replacement, not lost to the page.
    expect(document.activeElement).toBe(within(compare).getByRole('button', { name: 'Undo' }));
  });

  it('"Not me" declares against the intent; it stays listed (struck) so it can be undone', async () => {
    const user = userEvent.setup();
    const { row, client, track, labels, profile } = setup({ minConfidence: 0.3 });
    track('compare', 'compare', 'gift-wrap');
    expect(labels()).toEqual(['comparing options', 'gift']);
    await user.click(within(row('comparing options')).getByRole('button', { name: 'Not me' }));
    expect(client.belief('compare').declared).toBe(false);
    expect(client.getState().top?.intent).not.toBe('compare');
    // Rejected intents go last.
    expect(labels()).toEqual(['gift', 'comparing options']);
    expect(within(row('comparing options')).getByText('Not you, you said')).toBeTruthy();
    expect(within(profile()).getByRole('status').textContent).toBe(
      'Noted: not comparing options. We will stop suggesting it.',
    );

    await user.click(within(row('comparing options')).getByRole('button', { name: 'Undo' }));
    expect(client.belief('compare').declared).toBeNull();
    expect(labels()).toEqual(['comparing options', 'gift']);
    expect(document.activeElement?.textContent).toBe('That’s right');
  });

  it('moves focus to the title when the undone intent leaves the list', async () => {
    const user = userEvent.setup();
    const { client, row } = setup();
    act(() => {
      client.declare('gift', true);
    });
    await user.click(within(row('gift')).getByRole('button', { name: 'Undo' }));
    expect(client.belief('gift').declared).toBeNull();
    expect(screen.queryByText('gift')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2 }));
  });

  it('"Forget all this" forgets beliefs, declarations and what the device stored', async () => {
    const user = userEvent.setup();
    const storage = memoryStorage();
    const { client, track, labels, profile } = setup(
      {},
      { consent: 'granted', storage, plugins: [persistence({ saveDelay: 0 })] },
    );
    track('compare', 'compare');
    act(() => {
      client.declare('gift', true);
      client.pageView('/x');
    });
    await act(() => new Promise((ok) => setTimeout(ok, 5)));
    expect(storage.data.get('intentful')).toContain('compare');
    expect(labels()).toEqual(['gift', 'comparing options']);

    await user.click(screen.getByRole('button', { name: 'Forget all this' }));
    expect(labels()).toEqual([]);
    expect(client.belief('gift').declared).toBeNull();
    expect(client.history()).toEqual([]);
    expect(storage.data.get('intentful')).toBeUndefined();
    expect(within(profile()).getByRole('status').textContent).toBe(
      'Done: we forgot what we guessed and what you told us.',
    );
  });
});

describe('<IntentProfile>: consent', () => {
  it('shows the consent and changes it; "Off" drops what was inferred but keeps what the user said', async () => {
    const user = userEvent.setup();
    const { client, track, labels, profile, text } = setup();
    track('compare', 'compare');
    act(() => {
      client.declare('gift', true);
    });
    const visitOnly = screen.getByRole('radio', { name: 'This visit only' });
    expect((visitOnly as HTMLInputElement).checked).toBe(true);
    expect(text()).toContain('We use this for this visit only; nothing is stored.');

    await user.click(screen.getByRole('radio', { name: 'Remember on this device' }));
    expect(client.privacy().consent).toBe('granted');
    expect(profile().dataset.consent).toBe('granted');
    expect(text()).toContain('We remember this on this device');

    await user.click(screen.getByRole('radio', { name: 'Off' }));
    expect(client.privacy().consent).toBe('denied');
    expect(labels()).toEqual(['gift']);
    expect(within(profile()).getByRole('status').textContent).toContain('Personalization is off');
    // Behaviour no longer counts while off.
    track('compare', 'compare', 'compare');
    expect(labels()).toEqual(['gift']);
  });

  it('only states the consent when a consent manager owns the choice', () => {
    const { text } = setup({ consentControls: false }, { consent: 'granted' });
    expect(screen.queryAllByRole('radio')).toEqual([]);
    expect(text()).toContain('We remember this on this device');
  });

  it('under Global Privacy Control says so and offers no choice that would override it', () => {
    vi.stubGlobal('navigator', { ...navigator, globalPrivacyControl: true });
    const { profile, text } = setup({}, { consent: 'granted' });
    expect(profile().dataset.consent).toBe('gpc');
    expect(screen.queryAllByRole('radio')).toEqual([]);
    expect(text()).toContain('Your browser asks sites not to track you');
  });
});

describe('<IntentProfile>: keyboard and accessibility', () => {
  it('is usable with the keyboard alone: Tab to a belief, Enter confirms, Space undoes, arrows change consent', async () => {
    const user = userEvent.setup();
    const { client, track } = setup();
    track('compare', 'compare');
    await user.tab();
    // The title is focusable only by script (tabindex -1): the first stop is the first action.
    expect(document.activeElement?.textContent).toBe('That’s right');
    await user.keyboard('{Enter}');
    expect(client.belief('compare').declared).toBe(true);
    expect(document.activeElement?.textContent).toBe('Undo');
    await user.keyboard(' ');
    expect(client.belief('compare').declared).toBeNull();

    await user.tab();
    await user.tab();
    expect((document.activeElement as HTMLInputElement).value).toBe('pending');
    await user.keyboard('{ArrowRight}');
    expect(client.privacy().consent).toBe('granted');
    await user.tab();
    expect(document.activeElement?.textContent).toBe('Forget all this');
  });

  it("names each belief's buttons by their intent, and has a polite live region from the start", () => {
    const { track, row } = setup();
    const status = screen.getByRole('status');
    expect(status.textContent).toBe('');
    track('compare', 'compare');
    const group = within(row('comparing options')).getByRole('group');
    expect(group.getAttribute('aria-labelledby')).toBe(
      within(row('comparing options')).getByText('comparing options').id,
    );
    expect(screen.getByRole('group', { name: 'comparing options' })).toBe(group);
    expect(screen.getByRole('status')).toBe(status);
  });

  it('has no axe violations: empty, with beliefs, and after declarations', async () => {
    const { view, track, client } = setup({ minConfidence: 0.3 });
    expect(await violations(view.container)).toEqual([]);
    track('compare', 'compare', 'gift-wrap', 'delivery-a');
    expect(await violations(view.container)).toEqual([]);
    act(() => {
      client.declare('compare', true);
      client.declare('gift', false);
    });
    expect(await violations(view.container)).toEqual([]);
  });
});

describe('<IntentProfile>: styling, sentences and bad input', () => {
  it('brings zero-specificity styles driven by CSS variables, or none when unstyled', () => {
    const styled = setup();
    const css = styled.view.container.querySelector('style')?.textContent ?? '';
    expect(css).toContain(':where([data-intent-profile]');
    expect(css).toContain('var(--intentful-accent');
    styled.view.unmount();
    const bare = setup({ unstyled: true, className: 'mine' });
    expect(bare.view.container.querySelector('style')).toBeNull();
    expect(bare.profile().className).toBe('mine');
  });

  it("speaks the client's messages (translation), keeping the defaults for the rest", () => {
    const time = fakeClock();
    const client = createIntentful({
      model: shopModel,
      clock: time.clock,
      messages: {
        profileTitle: 'Was wir vermuten',
        certainty: () => 'Ziemlich sicher',
        confirm: 'Stimmt',
        // Wrong type: ignored, the default stays.
        reject: 42 as unknown as string,
      },
    });
    render(
      <IntentProvider client={client}>
        <IntentProfile headingLevel={3} />
      </IntentProvider>,
    );
    act(() => {
      client.track({ type: 'click', target: 'compare' });
      client.track({ type: 'click', target: 'compare' });
    });
    expect(screen.getByRole('heading', { level: 3 }).textContent).toBe('Was wir vermuten');
    expect(screen.getByRole('region', { name: 'Was wir vermuten' })).toBeTruthy();
    expect(screen.getByText('Ziemlich sicher')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Stimmt' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Not me' })).toBeTruthy();
  });

  it('ignores unknown intents and nonsense options, reporting the unknown id once', () => {
    const onError = vi.fn();
    const { labels, track } = setup(
      {
        intents: ['compare', 'nope', '__proto__'] as never,
        minConfidence: Number.NaN,
        max: -3,
        headingLevel: 9 as never,
      },
      { onError },
    );
    track('compare', 'compare');
    expect(labels()).toEqual(['comparing options']);
    expect(screen.getByRole('heading', { level: 2 })).toBeTruthy();
    expect(onError.mock.calls.map(([e]) => (e as Error).message)).toEqual([
      'intentful: <IntentProfile intents> names intent "nope", which the model lacks; left out',
      'intentful: <IntentProfile intents> names intent "__proto__", which the model lacks; left out',
    ]);
  });

  it('a replaced sentence that throws or returns no string falls back to English, reported once', () => {
    const onError = vi.fn();
    const { track, row } = setup(
      {},
      {
        onError,
        messages: {
          certainty: () => {
            throw new Error('missing translation');
          },
          because: (() => undefined) as never,
        },
      },
    );
    track('compare', 'compare');
    expect(within(row('comparing options')).getByText('Fairly sure')).toBeTruthy();
    expect(within(row('comparing options')).getByText(/^Because you opened/)).toBeTruthy();
    expect(onError.mock.calls.map(([e]) => (e as Error).message)).toEqual([
      'intentful: messages.certainty failed (Error: missing translation); using the default',
      'intentful: messages.because failed (TypeError: returned undefined); using the default',
    ]);
  });

  it('a single id instead of a list of intents lists nothing and says why', () => {
    const onError = vi.fn();
    const { labels, track } = setup({ intents: 'compare' as never }, { onError });
    track('compare', 'compare');
    expect(labels()).toEqual([]);
    expect(onError).toHaveBeenCalledWith(
      new Error('intentful: <IntentProfile intents> takes a list of intent ids, got string'),
    );
  });

  it('outside <IntentProvider> fails with an error naming both', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => render(<IntentProfile />)).toThrow(
      /<IntentProfile> must be used inside <IntentProvider/,
    );
  });
});
