import { engineOf, type Intentful } from '../core/client';
import {
  defineModel,
  type EvidenceRule,
  type IntentDefinition,
  type Model,
  type StepDefinition,
} from '../core/model';
import type { Signal, SignalInput } from '../core/signal';

/** Signal type that moves an intent to a chosen confidence in a model prepared by `simulatable`. */
export const SIMULATE_SIGNAL = 'intentful:simulate';

const RULE_ID = 'intentful:simulate';

const logOddsOf = (signal: Signal): number => {
  const v = signal.data?.logOdds;
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
};

const cache = new WeakMap<Model, Model>();

/** `true` when the model already carries the simulation rule (from `simulatable`). */
export function isSimulatable(model: Model): boolean {
  return model.intents.every((i) => i.rules.some((r) => r.id === RULE_ID));
}

/**
 * The same model plus one evidence rule per intent that only a `intentful:simulate` signal
 * matches. Real signals score exactly as before, and a simulated belief still decays like any
 * other evidence, so what a designer sees is what the inference would produce for a user with
 * that confidence. The rule has no label: it is the tool's notation, left out of what end users
 * read (devtools still list it by its id).
 */
export function simulatable<I extends string, S extends string>(model: Model<I, S>): Model<I, S> {
  if (isSimulatable(model)) return model;
  const known = cache.get(model);
  if (known) return known as Model<I, S>;
  const source = model.definition;
  const intents = {} as Record<I, IntentDefinition>;
  for (const id of model.intentIds) {
    const def = source.intents[id];
    const rule: EvidenceRule = {
      id: RULE_ID,
      when: { type: SIMULATE_SIGNAL, target: id },
      weight: logOddsOf,
    };
    intents[id] = { ...def, evidence: [...def.evidence, rule] };
  }
  const next = defineModel<I, readonly StepDefinition<I>[]>({
    ...source,
    intents,
  }) as unknown as Model<I, S>;
  cache.set(model, next);
  return next;
}

const clamp = (p: number): number => Math.min(0.999, Math.max(0.001, p));

/**
 * The signal that moves `intent` from its current score to `confidence` (0–1). Returns `null`
 * when the client's model was not prepared with `simulatable` (nothing could match the signal).
 */
export function simulationSignal<I extends string, S extends string>(
  client: Intentful<I, S>,
  intent: I,
  confidence: number,
  at?: number,
): SignalInput | null {
  if (!isSimulatable(client.model as Model)) return null;
  const p = clamp(confidence);
  const target = Math.log(p / (1 - p));
  // The engine answers for any time; the client's belief() only for now.
  const current = engineOf(client).belief(intent, at).score;
  return {
    type: SIMULATE_SIGNAL,
    target: intent,
    ...(at !== undefined && { at }),
    data: { logOdds: target - current },
  };
}

/**
 * Moves one intent to a confidence as if the user had shown that much evidence. Works on
 * clients whose model went through `simulatable`; otherwise it declares the intent instead (an
 * explicit choice is the only other way to set a belief) and returns `false`.
 */
export function simulateIntent<I extends string, S extends string>(
  client: Intentful<I, S>,
  intent: I,
  confidence: number,
): boolean {
  const signal = simulationSignal(client, intent, confidence);
  if (signal === null) {
    client.declare(intent, confidence >= 0.5);
    return false;
  }
  return client.track(signal);
}
