import { render } from '@testing-library/react';
import { createIntentful, IntentProvider } from 'intentful';
import { describe, expect, it, vi } from 'vitest';
import { shopModel } from '../fixtures';

// Options written for an earlier release (`collect={{…}}`, `persist={true}`), e.g. from
// JavaScript or JSON config, now given as plugins, must not take the host page down: report and
// carry on.
describe('client given plugins in an old shape', () => {
  it('collectors as an options object does not throw into the page', () => {
    const onError = vi.fn();
    expect(() =>
      render(
        <IntentProvider
          client={createIntentful({
            model: shopModel,
            consent: 'granted',
            plugins: [{ rageClicks: false } as never],
            onError,
          })}
        />,
      ),
    ).not.toThrow();
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ message: expect.stringContaining('collectors()') }),
    );
  });

  it('persistence as true does not throw into the page', () => {
    const onError = vi.fn();
    expect(() =>
      render(
        <IntentProvider
          client={createIntentful({
            model: shopModel,
            consent: 'granted',
            plugins: [true as never],
            onError,
          })}
        />,
      ),
    ).not.toThrow();
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ message: expect.stringContaining('persistence()') }),
    );
  });
});
