import { engineOf, type Intentful, type IntentfulPlugin } from './client';
import { stateCodec } from './state';
import type { PersistedState } from './types';

/**
 * Starts the client from saved or server-rendered state, as if it had seen that evidence: the
 * server's `serialize(client)` given to the browser's client, so both render the same snapshot.
 * Server and browser must pass the same state. It wins over what `persistence()` saved.
 */
export function hydrate(state: PersistedState): IntentfulPlugin {
  return { name: 'hydrate', engine: { codec: stateCodec, initial: state }, setup: () => ({}) };
}

/** The client's beliefs, evidence and step choices as JSON, for `hydrate()` on a later page. */
export function serialize(client: Intentful<string, string>): PersistedState {
  const engine = engineOf(client);
  engine.setCodec(stateCodec);
  return engine.serialize();
}
