// #region readme:providers
'use client';

import { collectors, createIntentful, IntentProvider, persistence } from 'intentful';
import type { ReactNode } from 'react';
import { model } from './model';

// One client for the app, built once in a module. Consent starts 'pending'.
const intentful = createIntentful({ model, plugins: [collectors(), persistence()] });

export function Providers({ children }: { children: ReactNode }) {
  return <IntentProvider client={intentful}>{children}</IntentProvider>;
}
// #endregion
