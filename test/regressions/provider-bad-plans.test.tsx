import { render } from '@testing-library/react';
import { IntentProvider } from 'intentful';
import { describe, expect, it, vi } from 'vitest';
import { shopModel } from '../fixtures';

// Props written for the previous release (`collect={{…}}`, `persist`, `redact={true}`), e.g. from
// JavaScript or JSON config, must not take the host page down: report and carry on.
describe('provider given options in the pre-plan shape', () => {
  it('collect as an options object does not throw into the page', () => {
    const onError = vi.fn();
    expect(() =>
      render(
        <IntentProvider
          model={shopModel}
          consent="granted"
          collect={{ rageClicks: false } as never}
          onError={onError}
        />,
      ),
    ).not.toThrow();
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ message: expect.stringContaining('collectors(options)') }),
    );
  });

  it('persist={true} does not throw into the page', () => {
    const onError = vi.fn();
    expect(() =>
      render(
        <IntentProvider
          model={shopModel}
          consent="granted"
          persist={true as never}
          onError={onError}
        />,
      ),
    ).not.toThrow();
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ message: expect.stringContaining('persistence(options)') }),
    );
  });
});
