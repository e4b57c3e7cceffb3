import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { createIntentful, IntentProvider, persistence } from 'intentful';
import { IntentProfile, IntentQuestion, type IntentQuestionProps } from 'intentful/profile';
import { describe, expect, it, vi } from 'vitest';
import { fakeClock, memoryStorage, shopModel } from '../fixtures';

type Options = Partial<Parameters<typeof createIntentful>[0]>;
type Client = ReturnType<typeof createIntentful<string, string>>;

const CHOICES: IntentQuestionProps['choices'] = [
  { intent: 'compare', label: 'Comparing a few options' },
  'shipping-concern',
  { intent: 'gift', label: 'Buying a gift' },
];

function client(options: Options = {}): Client {
  return createIntentful({ model: shopModel, clock: fakeClock().clock, ...options });
}

function show(c: Client, props: Partial<IntentQuestionProps> = {}) {
  return render(
    <IntentProvider client={c}>
      <IntentQuestion choices={CHOICES} {...props} />
    </IntentProvider>,
  );
}

const question = () => screen.queryByRole('region', { name: 'What brings you here today?' });

describe('<IntentQuestion>: asking', () => {
  it('asks with one button per choice, labelled by the app or else by the model', () => {
    show(client());
    expect(question()).not.toBeNull();
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Comparing a few options',
      'worried about delivery',
      'Buying a gift',
      'Not now',
    ]);
    expect(question()?.dataset.state).toBe('open');
  });

  it('styles only its own root (zero specificity), or nothing when unstyled', () => {
    const styled = show(client());
    const css = styled.container.querySelector('style')?.textContent ?? '';
    expect(css).toContain(':where([data-intent-question])');
    expect(css).not.toContain('data-intent-profile');
    styled.unmount();
    const bare = show(client(), { unstyled: true, className: 'mine' });
    expect(bare.container.querySelector('style')).toBeNull();
    expect(question()?.className).toBe('mine');
  });

  it('a choice declares its intent, thanks the user in a live region and calls onAnswer', async () => {
    const user = userEvent.setup();
    const c = client();
    const onAnswer = vi.fn();
    show(c, { onAnswer });
    await user.click(screen.getByRole('button', { name: 'Buying a gift' }));
    expect(c.belief('gift').declared).toBe(true);
    expect(c.belief('gift').confidence).toBe(1);
    expect(c.belief('compare').declared).toBeNull();
    expect(onAnswer).toHaveBeenCalledWith('gift');
    expect(question()?.dataset.state).toBe('answered');
    expect(screen.queryAllByRole('button')).toEqual([]);
    expect(screen.getByRole('status').textContent).toBe(
      'Thanks: we will keep “Buying a gift” in mind.',
    );
    expect(document.activeElement).toBe(screen.getByRole('heading'));
  });

  it('is not asked again on this page once answered, nor when the answer was given elsewhere', async () => {
    const user = userEvent.setup();
    const c = client();
    const first = show(c);
    await user.click(screen.getByRole('button', { name: 'Comparing a few options' }));
    first.unmount();
    show(c);
    expect(question()).toBeNull();

    // Another client where the user already said it through the profile.
    const other = client();
    other.declare('shipping-concern', true);
    show(other);
    expect(screen.queryByRole('button', { name: 'Buying a gift' })).toBeNull();
  });

  it('is dismissible; dismissed, it stays dismissed on this page', async () => {
    const user = userEvent.setup();
    const c = client();
    const onDismiss = vi.fn();
    const first = show(c, { onDismiss });
    await user.click(screen.getByRole('button', { name: 'Not now' }));
    expect(question()).toBeNull();
    expect(onDismiss).toHaveBeenCalledOnce();
    expect(Object.values(c.getState().beliefs).every((b) => b.declared === null)).toBe(true);
    first.unmount();
    show(c);
    expect(question()).toBeNull();
  });

  it('questions with different ids are answered apart', async () => {
    const user = userEvent.setup();
    const c = client();
    const first = show(c, { id: 'landing' });
    await user.click(screen.getByRole('button', { name: 'Not now' }));
    first.unmount();
    show(c, { id: 'checkout', question: 'Anything we can help with?', choices: ['compare'] });
    expect(screen.getByRole('region', { name: 'Anything we can help with?' })).toBeTruthy();
  });
});

describe('<IntentQuestion>: remembered by the consent rules', () => {
  it('with consent and persistence(), a later visit does not ask again', async () => {
    const user = userEvent.setup();
    const storage = memoryStorage();
    const options = { consent: 'granted', storage, plugins: [persistence()] } as const;
    const first = show(client(options));
    await user.click(screen.getByRole('button', { name: 'Not now' }));
    expect(JSON.parse(storage.data.get('intentful:slots') ?? '{}')).toMatchObject({
      'question:default': 'dismissed',
    });
    first.unmount();
    show(client(options));
    expect(question()).toBeNull();
  });

  it('without consent nothing is written, and the next visit asks again', async () => {
    const user = userEvent.setup();
    const storage = memoryStorage();
    const options = { storage, plugins: [persistence()] } as const;
    const first = show(client(options));
    await user.click(screen.getByRole('button', { name: 'Buying a gift' }));
    expect([...storage.data.keys()]).toEqual([]);
    first.unmount();
    show(client(options));
    expect(question()).not.toBeNull();
  });

  it('an answer given before consent is kept once consent is granted', async () => {
    const user = userEvent.setup();
    const storage = memoryStorage();
    const c = client({ storage, plugins: [persistence()] });
    show(c);
    await user.click(screen.getByRole('button', { name: 'Buying a gift' }));
    act(() => c.setConsent('granted'));
    expect(JSON.parse(storage.data.get('intentful:slots') ?? '{}')).toMatchObject({
      'question:default': 'answered',
    });
  });

  it('after "forget all this" the question may be asked again, and the device holds nothing', async () => {
    const user = userEvent.setup();
    const storage = memoryStorage();
    const c = client({ consent: 'granted', storage, plugins: [persistence()] });
    render(
      <IntentProvider client={c}>
        <IntentQuestion choices={CHOICES} />
        <IntentProfile />
      </IntentProvider>,
    );
    await user.click(screen.getByRole('button', { name: 'Not now' }));
    expect(question()).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Forget all this' }));
    expect(question()).not.toBeNull();
    expect(storage.data.get('intentful:slots')).toBeUndefined();
  });
});

describe('<IntentQuestion>: server, keyboard, accessibility, bad input', () => {
  it('renders nothing on the server: storage is read after mount, never during a render', async () => {
    const { renderToString } = await import('react-dom/server');
    const html = renderToString(
      <IntentProvider client={client()}>
        <IntentQuestion choices={CHOICES} />
      </IntentProvider>,
    );
    expect(html).toBe('');
  });

  it('is answered with the keyboard alone', async () => {
    const user = userEvent.setup();
    const c = client();
    show(c);
    await user.tab();
    await user.tab();
    expect(document.activeElement?.textContent).toBe('worried about delivery');
    await user.keyboard('{Enter}');
    expect(c.belief('shipping-concern').declared).toBe(true);
  });

  it('has no axe violations, asking and answered', async () => {
    const user = userEvent.setup();
    const { container } = show(client());
    const rules = { region: { enabled: false }, 'color-contrast': { enabled: false } };
    const run = async () =>
      (await axe.run(container, { rules, resultTypes: ['violations'] })).violations.map(
        (v) => v.id,
      );
    expect(await run()).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Buying a gift' }));
    expect(await run()).toEqual([]);
  });

  it('leaves out unknown intents (reported once) and asks nothing when no choice is left', () => {
    const onError = vi.fn();
    const c = client({ onError });
    const { unmount } = show(c, { choices: ['gift', 'nope', 'gift', { intent: 'x', label: 'X' }] });
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['gift', 'Not now']);
    expect(onError).toHaveBeenCalledTimes(2);
    unmount();
    show(c, { choices: ['nope'] });
    expect(question()).toBeNull();
    show(c, { choices: null as never, id: 42 as never });
    expect(question()).toBeNull();
  });
});
