'use client';
import type { ReactNode } from 'react';
import { type AppClient, ClientContext, useIsoLayoutEffect } from './context';

export interface IntentProviderProps {
  /** The client from `createIntentful`, built once outside components. */
  client: AppClient;
  children?: ReactNode;
}

/**
 * Puts the client in context and mounts it while the provider is mounted: collectors,
 * persistence, timers and slot listening start then, and stop when it unmounts.
 */
export function IntentProvider({ client, children }: IntentProviderProps): ReactNode {
  useIsoLayoutEffect(() => {
    client.mount();
    return () => client.unmount();
  }, [client]);
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}
