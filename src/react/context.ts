import { createContext, useContext } from 'react';
import type { IntentEngine } from '../core/engine';
import type { RegisteredIntent, RegisteredStep } from '../core/register';

export type AppEngine = IntentEngine<RegisteredIntent, RegisteredStep>;

export const EngineContext = /* @__PURE__ */ createContext<AppEngine | null>(null);

/** A provider's value, or an error that names the misplaced caller and how to fix it. */
export function inside<T>(value: T | null, caller: string): T {
  if (value === null) {
    throw new Error(
      `intentful: ${caller} must be used inside <IntentProvider>. Wrap your app (or this story/test) in <IntentProvider model={…}>.`,
    );
  }
  return value;
}

/** The provider's engine; `hook` names the caller so a misplaced hook says where it went wrong. */
export const useEngineFor = (hook: string): AppEngine => inside(useContext(EngineContext), hook);
