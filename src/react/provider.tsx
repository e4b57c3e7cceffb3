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
  return (
    <ClientContext.Provider value={client}>
      <Mount client={client} />
      {children}
    </ClientContext.Provider>
  );
}

/**
 * Mounts from a first child: React runs a parent's layout effect after its children's, and the
 * slots' effects must find the client mounted (unit id chosen, hub listening).
 */
function Mount({ client }: { client: AppClient }): null {
  useIsoLayoutEffect(() => {
    client.mount();
    return () => client.unmount();
  }, [client]);
  return null;
}
