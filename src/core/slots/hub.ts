import type { Belief, IntentEngine, IntentState } from '../engine';
import { coreMessages, type Messages, messagesOf } from '../messages';
import { Listeners, reportOnce, type Signal } from '../signal';
import {
  type Followers,
  featuresOf,
  type SlotFeatures,
  type SlotHost,
  type Units,
} from './features';
import { intentMatch } from './intent-match';
import { type SlotRegistry, unknownIntent } from './registry';
import type { Tracking } from './tracking';
import type {
  Decision,
  DecisionEvidence,
  KeyValueStorage,
  Policy,
  PolicyAnswer,
  PolicyContext,
  ResolvedSlot,
  SignalFollower,
} from './types';

/**
 * Optional fields take `undefined` as absent, so the client passes its own options as they are.
 */
export interface SlotHubOptions {
  /** Slots registered outside JSX. */
  slots?: SlotRegistry | undefined;
  /** Chooses variants for slots without their own policy. @defaultValue `intentMatch()` */
  policy?: Policy | undefined;
  /** Stable anonymous unit id for experiments. Pass it on both server and client to render experiments on the server. @defaultValue read from or saved to `storage`, else random per page load (`null` on the server) */
  unitId?: string | undefined;
  /** Where the unit id and sticky assignments live; give it only when consent allows persisting. @defaultValue `null` (nothing persisted) */
  storage?: KeyValueStorage | null | undefined;
  /** Parts only some apps need (from plugins such as `analytics()`); policies bring their own. @defaultValue none */
  features?: readonly SlotFeatures[] | undefined;
  /** Asked before each event is sent; `false` drops it (consent denied, Global Privacy Control). @defaultValue always `true` */
  canSend?: (() => boolean) | undefined;
  /** Asked before a unit id is used: `false` (consent denied, GPC) shows everyone the generalized experience. @defaultValue always `true` */
  canPersonalize?: (() => boolean) | undefined;
  /** Milliseconds now. @defaultValue `Date.now` */
  clock?: (() => number) | undefined;
  /** Receives errors from policies, variants and sinks, once per kind. @defaultValue a development-only `console.warn` */
  onError?: ((error: Error) => void) | undefined;
  /** Sentences for end users. @defaultValue English */
  messages?: Partial<Messages> | undefined;
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
  /**
   * The user said "not for me" to the variant shown: it is not shown again on this page, and the
   * intent that chose it loses confidence (its `dismissWeight`), so its sibling variants step
   * down too. `false` when the fallback (or nothing) is shown.
   */
  dismiss(): boolean;
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
  /** Sends whatever sinks have batched, if sending is allowed now; otherwise drops it. */
  flush(): void;
  /** Drops whatever sinks have batched (consent withdrawn). */
  discard(): void;
  /**
   * Consent changed: a unit id is chosen or dropped, sticky assignments are saved now that they
   * may be, and decisions and exposures held back while sending was not allowed go out.
   */
  consentChanged(): void;
  /** The user asked to forget: exposures, batched events and the unit id go; a new unit starts. */
  forget(): void;
}

type Context = { -readonly [K in keyof PolicyContext]: PolicyContext[K] };

/** A slot controller plus what the hub itself drives. */
type Controller = SlotController & {
  refresh(): void;
  reset(): void;
  /** Asks the policy again (the unit id changed). */
  renew(): void;
  /** Asks the policy again when next read (connected: decisions may now be sent). */
  invalidate(): void;
  /** Consent now allows it: let the policy save its answer, and send what was held back. */
  release(): void;
  idle(): boolean;
  /** Re-decides if its policy's answer may have changed by `now`; returns when it may next. */
  wake(now: number): number;
};

const NONE: readonly DecisionEvidence[] = [];
/** The answer of a slot with no variants yet. */
const UNDECIDED: PolicyAnswer = { variant: '', reason: '' };

/** What a policy did wrong, in words a policy author can act on. */
function badAnswer(name: string, slot: string, given: unknown, ids: readonly string[]): string {
  const where = `policy "${name}" for slot "${slot}"`;
  if (given instanceof Promise)
    return `${where} returned a Promise: decide() must answer synchronously ({ variant, reason })`;
  if (typeof given !== 'object' || given === null)
    return `${where} returned ${String(given)}: decide() must return { variant, reason }`;
  return `${where} chose unknown variant ${JSON.stringify((given as PolicyAnswer).variant)} (known: ${ids.join(', ')})`;
}

/** Where a policy context keeps what its `state` getter reads. */
const READ = Symbol('read');
// One getter shared by every context: a getter made per object (a literal's `get state()`) puts
// the object in dictionary mode, and policies read and the hub writes its fields on every decision.
function readState(this: { readonly [READ]: () => IntentState }): IntentState {
  return this[READ]();
}

/** Creates the decision layer for one engine. Framework-free; `<IntentProvider>` makes one. */
export function createSlotHub(engine: IntentEngine, options: SlotHubOptions = {}): SlotHub {
  const clock = options.clock ?? Date.now;
  const storage = options.storage ?? null;
  const policy0 = options.policy ?? intentMatch();
  const initial = engine.store.getState();
  const controllers = new Map<string, Controller>();
  // The same controllers as an array: every signal walks them, and a Map walk allocates per step.
  let ordered: Controller[] = [];
  // Any variant seen since the last forget: the unit is worth keeping then.
  let exposedAny = false;
  const history = (): Signal[] => engine.history();
  let lastNow = -Infinity;
  /** Signals heard since connect: policies that watch signals re-decide when it moves. */
  let signalCount = 0;
  // The generation whose pass the live context was last set up for: one context per publish,
  // shared by every slot that re-decides in it; -1 outside passes (generations start at 1).
  let sharedGeneration = -1;
  let passing = false;
  // One timer for the earliest time any slot's answer may change without a signal.
  let timer: ReturnType<typeof setTimeout> | undefined;
  let due = Infinity;

  const report = reportOnce(options.onError);
  const personalize = (): boolean => {
    try {
      return options.canPersonalize?.() ?? true;
    } catch (error) {
      report('consent', error);
      return false;
    }
  };

  // The unit id and the connection live on what the hub lends features, which read and set them.
  const host: SlotHost = {
    // Chosen on connect: reading storage or randomness at creation would run on servers and in renders.
    unit: options.unitId ?? null,
    connected: false,
    options,
    storage,
    engine,
    history,
    clock,
    personalize,
    report,
    renew: () => each(renew),
  };
  let tracker: Tracking | undefined;
  let units: Units | undefined;
  let follows: Followers | undefined;
  /** Runs what `f` carries that the hub does not run yet. */
  const install = (f: SlotFeatures | undefined): void => {
    tracker ||= f?.tracking?.(host);
    follows ||= f?.followers?.(host);
    units ||= f?.units?.(host);
  };
  for (const f of options.features ?? []) install(f);

  const standard = (): string => messagesOf(options.messages, coreMessages).standard;
  const { versions, confidences } = engine;
  // Without followers (no policy carries them) a follower is made fresh from history each time.
  const follow = <T extends SignalFollower>(
    make: (h: () => readonly Signal[], size: number) => T,
  ): T => (host.connected && follows ? follows.follow(make) : make(history, engine.historySize));
  const byConfidence = (a: Belief, b: Belief): number => b.confidence - a.confidence;
  /**
   * A policy context over the state `read` gives; the caller sets `unit`, `now` and `previous`.
   * Its sorted beliefs are kept for as long as the state they came from.
   */
  const contextOver = (
    read: () => IntentState,
    belief: (intent: string) => Belief | undefined,
    confidence: (intent: string) => number,
  ): Context => {
    let sorted: Belief[] = [];
    let sortedFor: IntentState | null = null;
    // `state` first, as an own enumerable getter, as a literal's `get state()` made it.
    const ctx = Object.defineProperty({}, 'state', {
      get: readState,
      enumerable: true,
      configurable: true,
    }) as Context;
    Object.defineProperty(ctx, READ, { value: read });
    ctx.unit = null;
    ctx.now = 0;
    ctx.storage = storage;
    ctx.previous = null;
    if (options.messages) ctx.messages = options.messages;
    ctx.ranked = () => {
      const s = read();
      if (s !== sortedFor) {
        sortedFor = s;
        sorted = (Object.values(s.beliefs) as Belief[]).sort(byConfidence);
      }
      return sorted;
    };
    ctx.history = history;
    ctx.confidence = confidence;
    ctx.belief = belief;
    ctx.follow = follow;
    return ctx;
  };
  // The context for the live state: one object, refreshed for each pass (shared by the slots
  // deciding in it) or read. Its `state` is built only when a policy reads it; intent match reads
  // confidences instead, so a signal that changes no decision builds nothing.
  const live = contextOver(
    engine.store.getState,
    (intent) => engine.published(engine.indexOf(intent)),
    (intent) => {
      const i = engine.indexOf(intent);
      return i < 0 ? NaN : confidences[i]!;
    },
  );

  const context = (): Context => {
    // A listener that tracks a signal during a pass starts a pass of its own on newer state.
    if (passing && sharedGeneration === engine.generation()) return live;
    if (passing) lastNow = clock();
    live.unit = personalize() ? host.unit : null;
    // Decisions read during a render are dated by the state or the hub's last event, never by
    // reading the clock there.
    live.now = passing ? lastNow : Math.max(engine.store.getState().asOf, lastNow);
    live.previous = null;
    if (passing) sharedGeneration = engine.generation();
    return live;
  };

  const serverBelief = (intent: string): Belief | undefined =>
    (initial.beliefs as Record<string, Belief | undefined>)[intent];
  /** The context of the state the hub started with, for decisions that hydration must match. */
  const serverContext = (): Context => {
    const ctx = contextOver(
      () => initial,
      serverBelief,
      (intent) => serverBelief(intent)?.confidence ?? NaN,
    );
    ctx.unit = personalize() ? (options.unitId ?? null) : null;
    ctx.now = Math.max(initial.asOf, lastNow);
    return ctx;
  };

  const each = (f: (c: Controller) => void): void => {
    // Nested (a slot listener tracked a signal): the outer pass goes on as a pass afterwards.
    const outer = passing;
    passing = true;
    try {
      const list = ordered;
      for (let i = 0; i < list.length; i++) f(list[i]!);
    } finally {
      passing = outer;
      if (!outer) sharedGeneration = -1;
    }
  };

  const makeController = (id: string): Controller => {
    const registered = options.slots?.slots[id];
    let config: SlotConfig | null = null;
    let given: ResolvedSlot | null = null;
    let key = '';
    // The intents this slot's policy reads (model indices) and their versions as last seen:
    // unchanged versions mean no new decision.
    let reads: number[] | undefined;
    let seen: number[] = [];
    // Variants that threw while rendering or that the user dismissed: not shown again here.
    const broken = new Set<string>();
    const listeners = new Listeners<() => void>();
    let current: Decision | null = null;
    let server: Decision | null = null;
    let seenGeneration = -1;
    let seenSignals = -1;
    let stale = true;
    let exposed: string | null = null;
    let unlocked = false;
    let subscribed = false;
    let until = Infinity;

    const policyOf = (c: SlotConfig): Policy => c.policy ?? policy0;

    /** The policy's decision; `prev` (this slot's decision on screen) when nothing about it changed. */
    const decide = (ctx: Context, prev: Decision | null): Decision => {
      const c = config;
      let answer: PolicyAnswer = UNDECIDED;
      let name = 'none';
      // Not mounted or registered yet (a `useSlotDecision` rendered before its slot): no decision.
      if (c) {
        const policy = policyOf(c);
        name = policy.name;
        try {
          const given: unknown = policy.decide(c, ctx);
          // Own variants only: an id such as `constructor` must not pass as a variant.
          if (
            typeof given !== 'object' ||
            given === null ||
            typeof (given as PolicyAnswer).variant !== 'string' ||
            !Object.hasOwn(c.variants, (given as PolicyAnswer).variant)
          )
            throw new Error(
              process.env.NODE_ENV !== 'production'
                ? badAnswer(name, id, given, c.ids)
                : `policy "${name}" gave no known variant`,
            );
          answer = given as PolicyAnswer;
        } catch (error) {
          report(`policy:${id}:${name}`, error);
          answer = { variant: c.fallback, reason: standard() };
        }
        if (broken.size !== 0 && broken.has(answer.variant) && answer.variant !== c.fallback)
          answer = { variant: c.fallback, reason: standard() };
      }
      // The policy kept the decision on screen (intent match mostly does): nothing to compare.
      if (answer === prev) return prev;
      // The answer a slot gives on most signals is the one it gave before: keep that decision
      // rather than build an equal one (its date stays the date it was made). Compared with this
      // slot's own decision, not `ctx.previous`, which a policy that reads other slots may move.
      if (
        prev?.variant === answer.variant &&
        prev.policy === (answer.policy ?? name) &&
        prev.reason === answer.reason &&
        prev.intent === (answer.intent ?? null) &&
        prev.describesIntent === (answer.describesIntent === true) &&
        (prev.assignment?.holdout ?? false) === (answer.assignment?.holdout ?? false) &&
        (prev.assignment?.unit ?? null) === (answer.assignment?.unit ?? null) &&
        sameEvidence(prev.evidence, answer.evidence ?? NONE)
      )
        return prev;
      return {
        slot: id,
        variant: answer.variant,
        policy: answer.policy ?? name,
        reason: answer.reason,
        evidence: answer.evidence ?? NONE,
        assignment: answer.assignment ?? null,
        fallback: !c || answer.variant === c.fallback,
        intent: answer.intent ?? null,
        describesIntent: answer.describesIntent === true,
        at: ctx.now,
      };
    };

    // Recomputes only when this slot changed, a belief it reads changed, or (for policies that
    // watch signals) a signal arrived since it last decided.
    const get = (): Decision => {
      // A variant the user has seen stays put until navigation, unless the slot is live: no need
      // to ask the policy what would replace it, nor to look at what it reads until then.
      // Every way out of the lock (reset, configure, fail, dismiss) marks the slot stale, so
      // nothing needs tracking while it holds.
      if (
        !unlocked &&
        current &&
        exposed === current.variant &&
        !config?.live &&
        (broken.size === 0 || !broken.has(exposed))
      )
        return current;
      const policy = config && policyOf(config);
      if (policy?.watchesSignals) {
        if (seenSignals !== signalCount) stale = true;
        seenSignals = signalCount;
      }
      const generation = engine.generation();
      if (generation !== seenGeneration) {
        if (!reads) stale = true;
        else
          for (let i = 0; i < reads.length; i++)
            if ((versions[reads[i]!] ?? 0) !== seen[i]) stale = true;
        seenGeneration = generation;
      }
      if (current && !stale) {
        // Nothing it reads changed since it decided: a navigation has nothing to switch to.
        unlocked = false;
        return current;
      }
      stale = unlocked = false;
      // `seen` starts empty at each configure and then keeps the length of `reads`.
      if (reads) {
        for (let i = 0; i < reads.length; i++) seen[i] = versions[reads[i]!] ?? 0;
      }
      const ctx = context();
      ctx.previous = current;
      const decided = decide(ctx, current);
      until = Infinity;
      if (policy?.nextChangeAt)
        try {
          const t = policy.nextChangeAt(config!, ctx);
          // A time not after now would wake the timer over and over for the same answer.
          if (typeof t === 'number' && t > ctx.now) {
            until = t;
            arm(t);
          }
        } catch (error) {
          report(`policy:${id}:${policy.name}`, error);
        }
      // Also when unchanged: a decision held back until connecting or consent goes out now.
      tracker?.decided(decided, current);
      current = decided;
      return decided;
    };

    // What listeners were last told, not what `get` last returned: a reader between a publish
    // and this refresh (a client listener, another slot's listener) would otherwise hide it.
    let announced: Decision | null = null;
    const refresh = (): void => {
      const { list } = listeners;
      if (list.length === 0) return;
      const next = get();
      if (next === announced) return;
      announced = next;
      for (let i = 0; i < list.length; i++) list[i]!();
    };

    const configure = (slot: ResolvedSlot | null, policy?: Policy, live?: boolean): void => {
      const base = registered ?? slot;
      if (!base) return;
      const p = policy ?? registered?.policy;
      const l = live ?? registered?.live;
      // `<AdaptiveSlot>` calls this on every render; a new object with the same variants is no change.
      const k =
        registered || base === given
          ? key
          : JSON.stringify([base.fallback, base.ids.map((v) => [v, base.variants[v]?.intents])]);
      given = base;
      if (config && k === key && p === config.policy && l === config.live) return;
      key = k;
      config = { ...base, ...(p && { policy: p }), ...(l !== undefined && { live: l }) };
      // Every way of giving a slot its variants (registry, `<AdaptiveSlot>`, a binding) meets here.
      if (process.env.NODE_ENV !== 'production') {
        const problem = unknownIntent(config, engine.model.intentIds);
        if (problem) report(problem, new Error(problem));
      }
      try {
        const chosen = policyOf(config);
        // Experiments, learning and signal rules bring the parts they need.
        install(featuresOf(chosen));
        if (process.env.NODE_ENV !== 'production' && chosen.learn && !tracker)
          report(
            `learn:${chosen.name}`,
            `policy "${chosen.name}" learns from exposures and goals, which only analytics() records: add analytics() to the client's plugins`,
          );
        reads = chosen.reads?.(config)?.map(engine.indexOf);
      } catch (error) {
        report(`policy:${id}:${policyOf(config).name}`, error);
        reads = undefined;
      }
      seen = [];
      seenGeneration = -1;
      stale = true;
      server = null;
    };
    configure(null);

    return {
      id,
      configure,
      get,
      getServer() {
        server ??= decide(serverContext(), null);
        return server;
      },
      subscribe(listener) {
        subscribed = true;
        return listeners.add(listener);
      },
      expose() {
        const d = get();
        if (exposed === d.variant || !config) return;
        exposed = d.variant;
        exposedAny = true;
        units?.exposed();
        tracker?.exposed(d, policyOf(config));
      },
      release() {
        if (!config || !current || current.variant === '') return;
        if (storage && personalize()) {
          try {
            // Sticky policies save their answer when asked; a locked variant keeps showing.
            policyOf(config).decide(config, context());
          } catch (error) {
            report(`policy:${id}:${policyOf(config).name}`, error);
          }
        }
        tracker?.release(current);
      },
      fail(variant, error) {
        report(
          `variant:${id}:${variant}`,
          process.env.NODE_ENV !== 'production'
            ? `variant "${variant}" of slot "${id}" threw while rendering: ${String(error)}`
            : error,
        );
        if (broken.has(variant)) return;
        broken.add(variant);
        stale = true;
        refresh();
      },
      dismiss() {
        const d = get();
        if (!config || d.variant === '' || d.fallback) return false;
        broken.add(d.variant);
        stale = true;
        engine.track({
          type: 'variant-dismiss',
          target: id,
          data: { variant: d.variant, ...(d.intent !== null && { intent: d.intent }) },
        });
        refresh();
        return true;
      },
      refresh,
      wake(now) {
        if (until <= now) {
          until = Infinity;
          // Re-asked like after a signal: a seen variant stays locked unless the slot is live.
          stale = true;
          refresh();
        }
        return until;
      },
      // Subscribed once and no longer: a controller made during this render is not idle yet.
      idle: () => subscribed && listeners.list.length === 0 && !registered,
      renew() {
        stale = true;
        refresh();
      },
      invalidate() {
        stale = true;
      },
      reset() {
        // One switch is allowed at navigation; if the seen variant stays, it stays locked.
        unlocked = true;
        // Ask the policy again even if nothing it reads changed: navigation is rare, and it is
        // when an experiment saves its assignment once consent has arrived.
        stale = true;
        refresh();
      },
    };
  };

  const slot = (id: string) => {
    let c = controllers.get(id);
    if (!c) {
      // Slot ids made per item (one per product) would otherwise pile up, and every signal
      // visits every controller: past a bound, the unmounted ones go.
      if (controllers.size >= 256)
        for (const [k, old] of controllers) if (old.idle()) controllers.delete(k);
      c = makeController(id);
      controllers.set(id, c);
      ordered = [...controllers.values()];
    }
    return c;
  };

  // Called by slots as they decide: an earlier time replaces the timer, a later one waits for it,
  // so the per-signal path never churns timers.
  function arm(t: number): void {
    if (!host.connected || !(t < due)) return;
    clearTimeout(timer);
    due = t;
    // Longer delays overflow setTimeout into firing at once; firing early only re-arms.
    timer = setTimeout(tick, Math.min(t - clock(), 2 ** 31 - 1));
  }
  function tick(): void {
    due = Infinity;
    const now = clock();
    let next = Infinity;
    each((c) => {
      next = Math.min(next, c.wake(now));
    });
    arm(next);
  }

  // The callbacks are made once: an arrow written inside these would be a new function per signal.
  const reset = (c: Controller): void => c.reset();
  const renew = (c: Controller): void => c.renew();
  const refresh = (c: Controller): void => c.refresh();
  const navigate = (): void => each(reset);
  const refreshAll = (): void => each(refresh);

  return {
    get unit() {
      return host.unit;
    },
    slot,
    goal: (name, value) => tracker?.goal(name, value),
    navigate,
    decisions: () => ordered.map((c) => c.get()).filter((d) => d.variant),
    connect() {
      host.connected = true;
      lastNow = clock();
      each((c) => c.invalidate());
      units?.connect(true);
      follows?.clear();
      let accepted = engine.stats.accepted;
      let resets = engine.stats.resets;
      const offStore = engine.subscribe(() => {
        // A tracked signal publishes first and calls its listeners next: decide once, there.
        if (engine.stats.accepted !== accepted) return;
        // Reset, decay or the end of a batch: history may differ from what followers saw.
        follows?.clear();
        if (engine.stats.resets === resets) return refreshAll();
        // Forgotten: a seen variant and its reason must not outlive the evidence behind them.
        resets = engine.stats.resets;
        navigate();
      });
      const offSignal = engine.onSignal((s) => {
        const n = engine.stats.accepted;
        follows?.feed(s, n, accepted);
        accepted = n;
        signalCount++;
        if (s.type === 'page-view') navigate();
        else {
          if (s.type === 'goal') tracker?.reached(s);
          refreshAll();
        }
      });
      // Slots decided before connecting (the first client render) may already be due.
      tick();
      return () => {
        host.connected = false;
        clearTimeout(timer);
        due = Infinity;
        offStore();
        offSignal();
        tracker?.flush(false, true);
      };
    },
    flush: () => tracker?.flush(),
    discard: () => tracker?.flush(true),
    consentChanged() {
      if (!host.connected) return;
      if (!personalize()) {
        units?.drop();
        navigate();
        return;
      }
      units?.consent(exposedAny);
      each((c) => c.release());
    },
    forget() {
      exposedAny = false;
      tracker?.forget();
      follows?.clear();
      units?.forget();
      navigate();
    },
  };
}

// Counts live in the evidence, not the sentence: a count that moved is a new answer to show.
function sameEvidence(a: readonly DecisionEvidence[], b: readonly DecisionEvidence[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.label !== b[i]!.label) return false;
  return true;
}
