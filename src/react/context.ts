'use client';
import { createContext, useContext, useEffect, useLayoutEffect } from 'react';
import type { Intentful } from '../core/client';
import type { RegisteredIntent, RegisteredStep } from '../core/register';

export type AppClient = Intentful<RegisteredIntent, RegisteredStep>;

export const ClientContext = /* @__PURE__ */ createContext<AppClient | null>(null);

/** A provider's value, or an error that names the misplaced caller and the provider it needs. */
export function inside<T>(value: T | null, caller: string): T {
  if (value === null) {
    throw new Error(
      process.env.NODE_ENV !== 'production'
        ? `intentful: ${caller} must be used inside <IntentProvider client={…}>. Wrap your app (or this story/test) in <IntentProvider>.`
        : `intentful: ${caller} outside <IntentProvider>`,
    );
  }
  return value;
}

/** The provider's client; `caller` names the hook so a misplaced one says where it went wrong. */
export const useClientFor = (caller: string): AppClient =>
  inside(useContext(ClientContext), caller);

// Layout effects let registration and mount land before the browser paints; servers run none.
export const useIsoLayoutEffect: typeof useEffect =
  typeof window === 'undefined' ? useEffect : useLayoutEffect;
