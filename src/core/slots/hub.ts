import type { Belief, IntentEngine, IntentState } from '../engine';
import type { Signal } from '../signal';
import type { Sink, SlotEvent } from './events';
import { intentMatch } from './intent-match';
import type { RegisteredSlotSpec, SlotRegistry } from './registry';
import type {
  Choice,
  Decision,
  KeyValueStorage,
  Policy,
  PolicyContext,
  ResolvedSlot,
} from './types';

export interface SlotHubOptions {
  /** Slots registered outside JSX. */
  slots?: SlotRegistry;
  /** Chooses variants for slots without their own policy. @defaultValue `intentMatch()` */
  policy?: Policy;
  /** Stable anonymous unit id for experiments. Pass it on both server and client to render experiments on the server. @defaultValue read from or saved to `storage`, else random per page load (`null` on the server) */
  unitId?: string;
  /** Where the unit id and sticky assignments live; give it only when consent allows persisting. @defaultValue `null` (nothing persisted) */
  storage?: KeyValueStorage | null;
  /** Receive decisions, exposures and outcomes. @defaultValue `[]` */
  sinks?: readonly Sink[];
  /** Asked before each event is sent; `false` drops it (consent denied, Global Privacy Control). @defaultValue always `true` */
  canSend?: () => boolean;
  /** Outcomes are attributed to exposures at most this old, in milliseconds. @defaultValue `1800000` (30 min) */
  attributionWindow?: number;
  /** Milliseconds now. @defaultValue `Date.now` */
  clock?: () => number;
  /** Receives errors from policies, variants and sinks, once per kind. @defaultValue a development-only `console.warn` */
  onError?: (error: Error) => void;
}

/** A slot's configuration from JSX or the registry. */
export interface SlotConfig extends ResolvedSlot {
  readonly policy?: Policy;
  readonly live?: boolean;
}

/** One slot's decision, shared by every mounted copy of it. */
export interface SlotController {
  readonly id: string;
  /**
   * Sets variants (ignored for registered slots), policy and live switching; cheap when nothing
   * changed, since `<AdaptiveSlot>` calls it on every render.
   */
  configure(slot: ResolvedSlot | null, policy?: Policy, live?: boolean): void;
  get(): Decision;
  /** The decision from the state the hub started with, so hydration matches the server. */
  getServer(): Decision;
  subscribe(listener: () => void): () => void;
  /** The current variant is visible: records an exposure once per variant and navigation. */
  expose(): void;
  /** A variant threw while rendering: from now on the slot shows its fallback instead. */
  fail(variant: string, error: unknown): void;
}

/** Decisions, exposures and outcomes for one engine (one provider). */
export interface SlotHub {
  readonly unit: string | null;
  slot(id: string): SlotController;
  /** Records an outcome attributed to earlier exposures. `goal` signals do the same. */
  goal(name: string, value?: number): void;
  /** A new page: seen variants may change again. `page-view` signals do the same. */
  navigate(): void;
  /** Current decisions of every known slot (devtools, audits). */
  decisions(): Decision[];
  /** Listens to the engine; returns the disconnect function. */
  connect(): () => void;
  /** Sends whatever sinks have batched. */
  flush(): void;
}

interface Exposure {
  slot: string;
  variant: string;
  policy: string;
  holdout: boolean;
  intent: string | null;
  at: number;
  learner: Policy | undefined;
  rewarded: Set<string>;
}

const isDev = (): boolean =>
  typeof process !== 'undefined' && process.env.NODE_ENV !== 'production';

const sameDecision = (a: Decision, b: Decision): boolean =>
  a.variant === b.variant &&
  a.policy === b.policy &&
  a.reason === b.reason &&
  a.intent === b.intent &&
  a.assignment?.holdout === b.assignment?.holdout;

function newUnit(storage: KeyValueStorage | null): string | null {
  try {
    const saved = storage?.getItem('intentful:unit');
    if (saved) return saved;
  } catch {
    // Blocked storage: fall through to a per-load id.
  }
  if (typeof window === 'undefined') return null;
  const id =
    typeof crypto !== 'undefined' && crypto.randomUUID
      ? crypto.randomUUID()
      : `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
  try {
    storage?.setItem('intentful:unit', id);
  } catch {
    // Full or blocked storage: the id lives for this page load only.
  }
  return id;
}

/** Creates the decision layer for one engine. Framework-free; `<IntentProvider>` makes one. */
export function createSlotHub(engine: IntentEngine, options: SlotHubOptions = {}): SlotHub {
  const clock = options.clock ?? Date.now;
  const storage = options.storage ?? null;
  const sinks = options.sinks ?? [];
  const defaultPolicy = options.policy ?? intentMatch();
  const window_ = options.attributionWindow ?? 1_800_000;
  const unit = options.unitId ?? newUnit(storage);
  const initialState = engine.store.getState();
  const controllers = new Map<string, SlotController & { refresh(): void; reset(): void }>();
  const exposures: Exposure[] = [];
  const reported = new Set<string>();
  let signalVersion = 0;

  const report = (kind: string, error: unknown): void => {
    if (reported.has(kind)) return;
    reported.add(kind);
    const err = error instanceof Error ? error : new Error(String(error));
    try {
      if (options.onError) options.onError(err);
      else if (isDev()) console.warn(`[intentful] ${err.message}`);
    } catch {
      // The error handler failed too; nothing left to tell.
    }
  };

  const allowed = (): boolean => {
    try {
      return sinks.length > 0 && (!options.canSend || options.canSend());
    } catch (error) {
      report('consent', error);
      return false;
    }
  };

  const emit = (event: SlotEvent): void => {
    if (!allowed()) return;
    sinks.forEach((sink, i) => {
      try {
        sink(event);
      } catch (error) {
        report(`sink:${i}`, new Error(`sink ${i} threw: ${String(error)}`));
      }
    });
  };

  const contextFor = (
    state: IntentState,
    unitId: string | null,
    previous: Decision | null,
  ): PolicyContext => {
    let ranked: Belief[] | undefined;
    let history: Signal[] | undefined;
    return {
      state,
      unit: unitId,
      now: clock(),
      storage,
      previous,
      ranked: () => {
        ranked ??= (Object.values(state.beliefs) as Belief[]).sort(
          (a, b) => b.confidence - a.confidence,
        );
        return ranked;
      },
      history: () => {
        history ??= engine.history();
        return history;
      },
    };
  };

  const makeController = (id: string): SlotController & { refresh(): void; reset(): void } => {
    const registered: RegisteredSlotSpec | undefined = options.slots?.slots[id];
    let config: SlotConfig | null = registered ?? null;
    let configKey = '';
    const broken = new Set<string>();
    const listeners = new Set<() => void>();
    let current: Decision | null = null;
    let server: Decision | null = null;
    let seenState: IntentState | null = null;
    let seenVersion = -1;
    let exposed: string | null = null;
    let unlocked = false;

    const policyOf = (c: SlotConfig): Policy => c.policy ?? defaultPolicy;

    const compute = (
      state: IntentState,
      unitId: string | null,
      previous: Decision | null,
    ): Decision => {
      const c = config;
      const at = clock();
      // Not mounted or registered yet (a `useSlotDecision` rendered before its slot): no decision.
      if (c === null) {
        return {
          slot: id,
          variant: '',
          policy: 'none',
          reason: '',
          evidence: [],
          assignment: null,
          fallback: true,
          intent: null,
          at,
        };
      }
      const policy = policyOf(c);
      let choice: Choice;
      try {
        choice = policy.decide(c, contextFor(state, unitId, previous));
        if (!(choice.variant in c.variants)) {
          report(
            `unknown:${id}:${policy.name}`,
            new Error(
              `policy "${policy.name}" chose unknown variant "${choice.variant}" for slot "${id}" (known: ${c.ids.join(', ')})`,
            ),
          );
          choice = { variant: c.fallback, reason: 'The standard version.' };
        }
      } catch (error) {
        report(`policy:${id}:${policy.name}`, error);
        choice = { variant: c.fallback, reason: 'The standard version.' };
      }
      if (broken.has(choice.variant) && choice.variant !== c.fallback)
        choice = { variant: c.fallback, reason: 'The standard version.' };
      return {
        slot: id,
        variant: choice.variant,
        policy: choice.policy ?? policy.name,
        reason: choice.reason,
        evidence: choice.evidence ?? [],
        assignment: choice.assignment ?? null,
        fallback: choice.variant === c.fallback,
        intent: choice.intent ?? null,
        at,
      };
    };

    const notify = (): void => {
      for (const l of listeners) l();
    };

    // Recomputes only when the engine or this slot changed since the last look.
    const get = (): Decision => {
      const state = engine.store.getState();
      const watches = config !== null && policyOf(config).watchesSignals === true;
      if (current !== null && state === seenState && (!watches || seenVersion === signalVersion))
        return current;
      seenState = state;
      seenVersion = signalVersion;
      const next = compute(state, unit, current);
      const navigated = unlocked;
      unlocked = false;
      if (current !== null) {
        if (sameDecision(current, next)) return current;
        // A variant the user has seen stays put until navigation, unless the slot is live.
        if (
          !navigated &&
          exposed === current.variant &&
          !config?.live &&
          !broken.has(current.variant)
        )
          return current;
      }
      const prev = current;
      current = next;
      // A new confidence in the reason is not a new decision for analytics.
      if (
        prev?.variant === next.variant &&
        prev.policy === next.policy &&
        prev.assignment?.holdout === next.assignment?.holdout
      )
        return next;
      // Decisions are read during React render; sinks run after it, so they may update state.
      const event: SlotEvent = {
        type: 'decision',
        at: next.at,
        unit,
        slot: id,
        variant: next.variant,
        policy: next.policy,
        reason: next.reason,
        holdout: next.assignment?.holdout ?? false,
        fallback: next.fallback,
      };
      // Consent is checked when the decision is made and again when it is sent.
      if (allowed()) queueMicrotask(() => emit(event));
      return next;
    };

    const refresh = (): void => {
      const before = current;
      if (listeners.size > 0 && get() !== before) notify();
    };

    return {
      id,
      configure(slot, policy, live) {
        const base = registered ?? slot;
        if (base === null) return;
        const p = policy ?? registered?.policy;
        const l = live ?? registered?.live;
        const key = registered
          ? ''
          : `${base.ids.map((v) => `${v}:${base.variants[v]?.intents?.join(',') ?? ''}`).join('|')}>${base.fallback}`;
        if (config && key === configKey && p === config.policy && l === config.live) return;
        config = { ...base, ...(p && { policy: p }), ...(l !== undefined && { live: l }) };
        configKey = key;
        seenState = null;
        server = null;
      },
      get,
      getServer() {
        server ??= compute(initialState, options.unitId ?? null, null);
        return server;
      },
      subscribe(listener) {
        listeners.add(listener);
        return () => {
          listeners.delete(listener);
        };
      },
      expose() {
        const d = get();
        if (exposed === d.variant || d.variant === '') return;
        exposed = d.variant;
        saveUnit();
        const learner = config ? policyOf(config) : undefined;
        const exposure: Exposure = {
          slot: id,
          variant: d.variant,
          policy: d.policy,
          holdout: d.assignment?.holdout ?? false,
          intent: d.intent,
          at: clock(),
          learner,
          rewarded: new Set(),
        };
        exposures.push(exposure);
        if (exposures.length > 100) exposures.shift();
        try {
          learner?.learn?.({ slot: id, variant: d.variant, intent: d.intent, kind: 'exposure' });
        } catch (error) {
          report(`learn:${id}`, error);
        }
        emit({
          type: 'exposure',
          at: exposure.at,
          unit,
          slot: id,
          variant: d.variant,
          policy: d.policy,
          holdout: exposure.holdout,
        });
      },
      fail(variant, error) {
        report(
          `variant:${id}:${variant}`,
          new Error(`variant "${variant}" of slot "${id}" threw while rendering: ${String(error)}`),
        );
        if (broken.has(variant)) return;
        broken.add(variant);
        seenState = null;
        refresh();
      },
      refresh,
      reset() {
        // One switch is allowed at navigation; if the seen variant stays, it stays locked.
        unlocked = true;
        seenState = null;
        refresh();
      },
    };
  };

  // Consent may arrive after load: keep this page's unit once storage is allowed, never overwrite.
  let unitSaved = false;
  const saveUnit = (): void => {
    if (unitSaved || unit === null || storage === null || options.unitId !== undefined) return;
    try {
      if (storage.getItem('intentful:unit') === null) storage.setItem('intentful:unit', unit);
      unitSaved = storage.getItem('intentful:unit') !== null;
    } catch {
      // Blocked storage: try again at the next exposure.
    }
  };

  const slot = (id: string) => {
    let c = controllers.get(id);
    if (!c) {
      c = makeController(id);
      controllers.set(id, c);
    }
    return c;
  };

  const goal = (name: string, value?: number): void => {
    const at = clock();
    const attributed: Exposure[] = [];
    for (let i = exposures.length - 1; i >= 0; i--) {
      const e = exposures[i]!;
      if (at - e.at > window_) break;
      if (!attributed.some((a) => a.slot === e.slot)) attributed.push(e);
    }
    for (const e of attributed) {
      if (e.rewarded.has(name)) continue;
      e.rewarded.add(name);
      try {
        e.learner?.learn?.({ slot: e.slot, variant: e.variant, intent: e.intent, kind: 'outcome' });
      } catch (error) {
        report(`learn:${e.slot}`, error);
      }
    }
    emit({
      type: 'outcome',
      at,
      unit,
      goal: name,
      ...(value !== undefined && { value }),
      exposures: attributed.map((e) => ({
        slot: e.slot,
        variant: e.variant,
        policy: e.policy,
        holdout: e.holdout,
        at: e.at,
      })),
    });
  };

  const flush = (): void => {
    for (const s of sinks) {
      try {
        s.flush?.();
      } catch (error) {
        report('flush', error);
      }
    }
  };

  const navigate = (): void => {
    for (const c of controllers.values()) c.reset();
  };

  return {
    unit,
    slot,
    goal,
    navigate,
    decisions: () => [...controllers.values()].map((c) => c.get()).filter((d) => d.variant !== ''),
    connect() {
      const offStore = engine.store.subscribe(() => {
        for (const c of controllers.values()) c.refresh();
      });
      const offSignal = engine.onSignal((s) => {
        signalVersion++;
        if (s.type === 'page-view') navigate();
        else if (s.type === 'goal') {
          const v = s.data?.value;
          goal(s.target ?? 'goal', typeof v === 'number' ? v : undefined);
        } else for (const c of controllers.values()) c.refresh();
      });
      return () => {
        offStore();
        offSignal();
        flush();
      };
    },
    flush,
  };
}
