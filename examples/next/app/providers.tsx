// #region readme:next-providers
// app/providers.tsx: the client, built once in a 'use client' module
'use client';

import { collectors, createIntentful, IntentProvider, persistence } from 'intentful';
import type { ReactNode } from 'react';
import { model } from './model';

const intentful = createIntentful({ model, plugins: [collectors(), persistence()] });

export function Providers({ children }: { children: ReactNode }) {
  return <IntentProvider client={intentful}>{children}</IntentProvider>;
}
// #endregion
