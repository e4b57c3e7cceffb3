// Internals that unit tests exercise directly; apps reach them only through the client.
export { matchRoute, startCollectors } from '../src/collect/index';
export { engineOf, internalsOf } from '../src/core/client';

import { createIntentEngine as createEngine, type EngineOptions } from '../src/core/engine';
import { stateCodec } from '../src/core/state';

export type { EngineOptions, IntentEngine } from '../src/core/engine';
export { stateCodec } from '../src/core/state';

/** An engine as the client builds one with `persistence()` or `hydrate()`: save and restore on. */
export const createIntentEngine = <I extends string, S extends string>(
  options: EngineOptions<I, S>,
) => createEngine<I, S>({ codec: stateCodec, ...options });
export { explainBelief, explainStep } from '../src/core/explain';
export { browserStorage, createPersistence, PERSIST_VERSION } from '../src/core/persist';
export {
  canCollect,
  canPersist,
  canSend,
  createRedactor,
  readGlobalPrivacyControl,
  redactSignal,
  redactText,
} from '../src/core/privacy';
export { REDACTED } from '../src/core/redact/walk';
export { normalizeSignal, Ring, SIGNAL_LIMITS } from '../src/core/signal';
export { SlotError } from '../src/core/slots/error';
export { bucketOf, hash32, seededRandom } from '../src/core/slots/hash';
export type { SlotHub, SlotHubOptions } from '../src/core/slots/hub';
export { createSlotHub } from '../src/core/slots/hub';
export { resolveSlot } from '../src/core/slots/registry';
export { analyticsFeatures } from '../src/core/slots/tracking';
export { trailRecorder } from '../src/core/trails';
