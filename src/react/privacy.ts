import { createContext, useContext, useEffect } from 'react';
import type { Consent } from '../core/privacy';
import { inside } from './context';

/** What `useConsent()` returns. */
export interface ConsentView {
  readonly consent: Consent;
  /** The browser sends Global Privacy Control: treated as denied for persistence and sending. */
  readonly gpc: boolean;
  /** State may be written to the device now. */
  readonly canPersist: boolean;
  /** Events may leave the page now (sinks check this before every send). */
  readonly canSend: boolean;
  /** Clears beliefs, history and everything this provider stored on the device. */
  forget(): void;
}

export interface PrivacyControls extends ConsentView {
  pageView(path?: string, pageType?: string): void;
}

export const PrivacyContext = /* @__PURE__ */ createContext<PrivacyControls | null>(null);

const usePrivacyFor = (hook: string): PrivacyControls => inside(useContext(PrivacyContext), hook);

/** The current consent, Global Privacy Control, what they allow, and `forget()`. */
export function useConsent(): ConsentView {
  return usePrivacyFor('useConsent');
}

/** A function that clears beliefs, history and everything stored on the device. */
export function useForget(): () => void {
  return usePrivacyFor('useForget').forget;
}

/**
 * Reports a page view from a router integration (`usePageView(location.pathname, 'product')`).
 * Pass the `page` prop to the provider instead when the router is above it.
 */
export function usePageView(path: string, pageType?: string): void {
  const { pageView } = usePrivacyFor('usePageView');
  useEffect(() => {
    pageView(path, pageType);
  }, [pageView, path, pageType]);
}
