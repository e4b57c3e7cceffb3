import { createContext, useContext } from 'react';
import type { IntentEngine } from '../core/engine';
import type { RegisteredIntent, RegisteredStep } from '../core/register';

export type AppEngine = IntentEngine<RegisteredIntent, RegisteredStep>;

export const EngineContext = /* @__PURE__ */ createContext<AppEngine | null>(null);

/** The provider's engine; `hook` names the caller so a misplaced hook says where it went wrong. */
export function useEngineFor(hook: string): AppEngine {
  const engine = useContext(EngineContext);
  if (engine === null) {
    throw new Error(
      `intentful: ${hook} must be used inside <IntentProvider>. Wrap your app (or this story/test) in <IntentProvider model={…}>.`,
    );
  }
  return engine;
}
