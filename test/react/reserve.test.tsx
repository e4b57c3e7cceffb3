import { act, render } from '@testing-library/react';
import { AdaptiveSlot, createIntentful, IntentProvider, Variant } from 'intentful';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { fakeClock, shopModel } from '../fixtures';

function Hero(props: { reserve?: boolean }) {
  return (
    <AdaptiveSlot id="hero" live reserve={props.reserve ?? true}>
      <Variant id="standard" fallback>
        Standard
      </Variant>
      <Variant id="compare" intents={['compare']}>
        Compare plans
      </Variant>
    </AdaptiveSlot>
  );
}

const cells = (root: ParentNode) =>
  [...root.querySelectorAll<HTMLElement>('[data-intent-variant]')].map((el) => ({
    id: el.dataset.intentVariant,
    state: el.dataset.state,
    visibility: el.style.visibility,
    text: el.textContent,
  }));

describe('<AdaptiveSlot reserve>', () => {
  it('renders every variant in the server HTML, only the fallback visible, and hydrates silently', async () => {
    const { clock } = fakeClock();
    const html = renderToString(
      <IntentProvider client={createIntentful({ model: shopModel, clock })}>
        <Hero />
      </IntentProvider>,
    );
    const host = document.createElement('div');
    host.innerHTML = html;
    expect(cells(host)).toEqual([
      { id: 'standard', state: 'active', visibility: '', text: 'Standard' },
      { id: 'compare', state: 'inactive', visibility: 'hidden', text: 'Compare plans' },
    ]);

    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    document.body.append(host);
    await act(async () => {
      hydrateRoot(
        host,
        <IntentProvider client={createIntentful({ model: shopModel, clock })}>
          <Hero />
        </IntentProvider>,
      );
    });
    expect(error).not.toHaveBeenCalled();
    error.mockRestore();
    host.remove();
  });

  it('switching shows the chosen variant and hides the rest, without unmounting them', () => {
    const { clock } = fakeClock();
    const client = createIntentful({ model: shopModel, clock });
    const { container } = render(
      <IntentProvider client={client}>
        <Hero />
      </IntentProvider>,
    );
    const compare = container.querySelector('[data-intent-variant="compare"]');
    act(() => {
      client.track({ type: 'click', target: 'compare' });
      client.track({ type: 'click', target: 'compare' });
      client.track({ type: 'click', target: 'compare' });
    });
    expect(container.querySelector('[data-intent-slot="hero"]')?.getAttribute('data-variant')).toBe(
      'compare',
    );
    expect(cells(container)).toEqual([
      { id: 'standard', state: 'inactive', visibility: 'hidden', text: 'Standard' },
      { id: 'compare', state: 'active', visibility: '', text: 'Compare plans' },
    ]);
    // The same element: its state survives the switch instead of being rebuilt.
    expect(container.querySelector('[data-intent-variant="compare"]')).toBe(compare);
  });

  it('without reserve only the chosen variant is in the DOM', () => {
    const { container } = render(<Hero reserve={false} />, {
      wrapper: ({ children }) => (
        <IntentProvider client={createIntentful({ model: shopModel, clock: fakeClock().clock })}>
          {children}
        </IntentProvider>
      ),
    });
    expect(container.querySelector('[data-intent-variant]')).toBeNull();
    expect(container.textContent).toBe('Standard');
  });
});
