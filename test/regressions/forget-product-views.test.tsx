import { act, render } from '@testing-library/react';
import { collectors, IntentProvider, type Signal, useForget } from 'intentful';
import { describe, expect, it } from 'vitest';
import { fakeClock, shopModel } from '../fixtures';

const collect = collectors({ session: false });

describe('forget() and collector memory', () => {
  it('a product seen before forget() is not reported as a repeat view afterwards', () => {
    const time = fakeClock();
    const signals: Signal[] = [];
    let forget = (): void => {};
    const Grab = () => {
      forget = useForget();
      return null;
    };
    const app = (path: string) => (
      <IntentProvider
        model={shopModel}
        consent="granted"
        collect={collect}
        clock={time.clock}
        page={{ path, type: 'product' }}
        onSignal={(s) => signals.push(s)}
      >
        <Grab />
        <main data-intent-page="product" data-intent-price={path.endsWith('b') ? 300 : 100} />
      </IntentProvider>
    );
    const view = render(app('/products/a'));
    view.rerender(app('/products/b'));
    act(() => forget());
    view.rerender(app('/products/a'));
    const last = signals.filter((s) => s.type === 'page-view').at(-1)!;
    expect(last.target).toBe('/products/a');
    // Everything before forget() is gone: this is the first view of /products/a the engine knows of.
    // Nor is the dearer product seen before it: this one is the dearest so far.
    expect(last.data).toMatchObject({ productViews: 1, repeat: false, priceVsMax: 1 });
  });
});
