import {
  type Belief,
  createIntentEngine,
  type EngineStats,
  type IntentEngine,
  type IntentState,
  type PersistedState,
  type TrailEntry,
} from './engine';
import {
  type CoreMessages,
  coreMessages,
  guardMessages,
  type Messages,
  type ProfileMessages,
  withMessages,
} from './messages';
import type { Model } from './model';
import type { StorageLike } from './persist';
import {
  type Consent,
  canCollect,
  canPersist,
  canSend,
  readGlobalPrivacyControl,
  type WithoutConsent,
} from './privacy';
import type { TrailRecorder } from './runtime';
import { Listeners, notifyAll, reportOnce, type Signal, type SignalInput } from './signal';
import { SlotError } from './slots/error';
import type { SlotFeatures } from './slots/features';
import { createSlotHub, type SlotController, type SlotHub } from './slots/hub';
import { type SlotRegistry, unknownIntent } from './slots/registry';
import type { Decision, KeyValueStorage, Policy } from './slots/types';
import type { StateCodec } from './state';

/** Calls `onVisible` once the element is actually seen; returns a cleanup. */
export type ObserveExposure = (element: Element, onVisible: () => void) => () => void;

/** What the user allowed, and what that lets the library do now. */
export interface PrivacyView {
  readonly consent: Consent;
  /** The browser sends Global Privacy Control: treated as denied. */
  readonly gpc: boolean;
  /** Signals may be collected and inferred on (in memory at least). */
  readonly canCollect: boolean;
  /** State may be written to the device. */
  readonly canPersist: boolean;
  /** Events may leave the page (sinks). */
  readonly canSend: boolean;
}

/** What a plugin is given when the client is created. */
export interface PluginContext {
  readonly model: Model<string, string>;
  /** Milliseconds now (the client's clock, guarded). */
  readonly clock: () => number;
  /** Storage key prefix; related keys add a suffix (`:slots`, `:visit`). */
  readonly storageKey: string;
  /** The device storage the app chose; `undefined` means the browser's `localStorage`. */
  readonly storage: StorageLike | null | undefined;
  /** The app starts from a given state (`hydrate()`): it wins over what a device saved. */
  readonly hasInitialState: boolean;
  track(signal: SignalInput): boolean;
  history(): readonly Signal[];
  /**
   * The state as JSON. Save/restore code comes with `persistence()`, `hydrate()` or a
   * `serialize(client)` call; without any of them this throws.
   */
  serialize(): PersistedState;
  /** Adds a saved visit under what this page has seen; `false` (reported) when it was unusable or there is no save/restore code. */
  restore(state: PersistedState): boolean;
  /** Called after every change of beliefs, steps or history. */
  subscribe(listener: () => void): () => void;
  /** Called with each signal as stored (after redaction); returns the unsubscribe. */
  onSignal(listener: (signal: Signal) => void): () => void;
  privacy(): PrivacyView;
  report(error: unknown): void;
}

/** What a running plugin does; every member is optional. */
export interface PluginInstance {
  /** Applied to every signal before it is stored (redaction). */
  redact?(signal: Signal): Signal;
  /**
   * Starts what touches the DOM, storage or timers. Called on `mount()` and again after every
   * consent change (the previous run stopped first); returns its stop.
   */
  start?(privacy: PrivacyView): (() => void) | undefined;
  /** Handles a page view (collectors keep their own page memory); `true` when handled. */
  pageView?(path: string | undefined, pageType: string | undefined): boolean;
  /** The user asked to forget: drop what this plugin remembers. */
  forget?(): void;
  /** Remove everything this plugin stored on the device (consent denied, GPC, forget). */
  erase?(): void;
  /** Where sticky slot assignments and the experiment unit id live, only while consent allows. */
  readonly assignments?: KeyValueStorage;
  /** Parts of the slot layer this plugin needs (`analytics()`: exposures, goals, events, units). */
  readonly slots?: SlotFeatures;
}

/** What a plugin gives the client's engine; every member is optional. */
export interface EngineParts {
  /** Save/restore code (`persistence()`, `hydrate()`); without any, `serialize` throws. */
  readonly codec?: StateCodec;
  /** The state to start from (`hydrate()`), with `codec`; it wins over what a device saved. */
  readonly initial?: PersistedState;
  /** Trail recording (`trails()`); without it `trail()` answers `[]`. */
  readonly trails?: TrailRecorder;
}

/** An optional capability (collectors, persistence, redaction…) given to `createIntentful`. */
export interface IntentfulPlugin {
  readonly name: string;
  /**
   * Parts of the engine this plugin brings, read before the engine is made (so it can start from
   * a given state, and every plugin's `setup` already finds the engine). @defaultValue none
   */
  readonly engine?: EngineParts;
  /** Called once per client; must not touch the DOM, storage or timers (that is `start`). */
  setup(context: PluginContext): PluginInstance;
}

export interface IntentfulOptions<I extends string, S extends string> {
  /** The intents, evidence rules and steps, from `defineModel`. */
  model: Model<I, S>;
  /** Optional capabilities: `collectors()`, `persistence()`, `redaction()`, `analytics()`. @defaultValue `[]` */
  plugins?: readonly IntentfulPlugin[];
  /**
   * What the user agreed to; change it later with `setConsent`. Only `'granted'` persists or
   * sends, and Global Privacy Control overrides it.
   * @defaultValue `'pending'`
   */
  consent?: Consent;
  /** Before consent is granted: infer in memory for this page (`'memory'`) or collect nothing (`'none'`). @defaultValue `'memory'` */
  withoutConsent?: WithoutConsent;
  /** Slots registered outside JSX, from `defineSlots`. @defaultValue none */
  slots?: SlotRegistry;
  /** Chooses variants for slots without their own policy. @defaultValue `intentMatch()` */
  policy?: Policy;
  /** Stable anonymous id for experiments; the same on server and client renders experiments on the server. @defaultValue saved on the device with consent, else random per page load, chosen on mount */
  unitId?: string;
  /** Signals kept in history. @defaultValue `500` */
  historySize?: number;
  /** Longest wait between decay refreshes while any belief has evidence, in milliseconds; `false` refreshes only at threshold crossings. @defaultValue `10000` */
  refreshInterval?: number | false;
  /** Milliseconds now; inject a fake clock in tests. A clock that throws or returns NaN is reported once and replaced by `Date.now`. @defaultValue `Date.now` */
  clock?: () => number;
  /** Storage key prefix for everything written to the device. @defaultValue `'intentful'` */
  storageKey?: string;
  /** Device storage for beliefs, assignments and visit times. @defaultValue the browser's `localStorage` */
  storage?: StorageLike | null;
  /** How a slot learns it is visible. @defaultValue `IntersectionObserver`, half the slot on screen (in the React binding) */
  observeExposure?: ObserveExposure;
  /** Receives bad input and throwing callbacks, once per kind. @defaultValue a development-only warning */
  onError?: (error: Error) => void;
  /** Replaces any sentence the library says to end users (translation, tone). @defaultValue English */
  messages?: Partial<Messages & ProfileMessages>;
}

/**
 * The intent client: beliefs, next steps, slot decisions, consent and plugins, without any
 * framework. Build one per app (per request on a server); `mount()` starts what touches the
 * browser and `unmount()` undoes it.
 */
export interface Intentful<I extends string = string, S extends string = string> {
  readonly model: Model<I, S>;
  /** The current beliefs, top intent, next step and step statuses. */
  getState(): IntentState<I, S>;
  /** The state the client started from: what the server rendered, for hydration. */
  getServerState(): IntentState<I, S>;
  /** Called after every change of state or consent; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
  /**
   * Records a signal; `false` when it was dropped (malformed, or consent forbids collecting).
   * Production does not copy it: a signal given with its `at` is stored as it is, and any signal's
   * `data` object is kept as given. Build a new object per signal rather than changing one
   * already tracked (development stores frozen copies, so such code throws there).
   */
  track(signal: SignalInput): boolean;
  /** Runs `fn` and publishes once, at the end. */
  batch(fn: () => void): void;
  /** An explicit choice ("I'm buying a gift"): outranks inference; `null` withdraws it. */
  declare(intent: I, value: boolean | null): boolean;
  dismissStep(id: S): boolean;
  completeStep(id: S): boolean;
  /** Reports a page view (router integrations); the same path twice in a row counts once. */
  pageView(path?: string, pageType?: string): void;
  /** Records that a goal was reached; attributed to the slot exposures before it. */
  goal(name: string, value?: number): void;
  /** Called with every accepted signal; returns the unsubscribe. */
  onSignal(listener: (signal: Signal) => void): () => void;
  /** One intent's belief now. */
  belief(intent: I): Belief<I>;
  /** The recent signals that moved a belief, and what is left of each; `[]` without `trails()`. */
  trail(intent: I): TrailEntry[];
  /** Accepted signals, oldest first (bounded by `historySize`). */
  history(): readonly Signal[];
  /** A slot's decision, shared by everything that shows the slot. */
  slot(id: string): SlotController;
  /** "Not for me" on the variant a slot shows; see `SlotController.dismiss`. */
  dismissVariant(slot: string): boolean;
  /** Current decisions of every known slot. */
  decisions(): Decision[];
  /** What the user allowed and what that permits now. */
  privacy(): PrivacyView;
  /** The user chose; `'denied'` (or GPC) removes what was stored and drops what sinks hold. */
  setConsent(consent: Consent): void;
  /** Clears beliefs, history and everything this client stored on the device. */
  forget(): void;
  readonly stats: Readonly<EngineStats>;
  /** Starts plugins, timers and slot listening; counted, so nested mounts are safe. */
  mount(): void;
  /** Undoes the matching `mount()`; the last one stops everything it started. */
  unmount(): void;
}

/** What the library's own layers (React binding, devtools, Storybook) reach; not public. */
export interface Internals {
  readonly engine: IntentEngine;
  readonly hub: SlotHub;
  readonly observe: ObserveExposure | undefined;
  /** What the server knew of consent (no GPC): the snapshot hydration starts from. */
  readonly serverPrivacy: PrivacyView;
  /** Reports once per `key` through the client's `onError`. */
  report(key: string, error: unknown): void;
  /** The core's sentences, with the app's replacements. */
  readonly messages: CoreMessages;
  /** What the app passed as `messages`, for optional parts with sentences of their own. */
  readonly givenMessages: object | undefined;
  /** Small records that follow consent (`<key>:slots`); `null` without `persistence()`. */
  readonly storage: KeyValueStorage | null;
  /** Times `forget()` ran: parts with memory of their own start fresh when it changes. */
  readonly forgets: number;
}

const internals = new WeakMap<object, Internals>();

/** The client's internals; throws for an object that `createIntentful` did not make. */
export function internalsOf(client: object): Internals {
  const found = internals.get(client);
  if (!found)
    throw new Error(
      process.env.NODE_ENV !== 'production'
        ? 'intentful: expected a client made by createIntentful()'
        : 'intentful: not a client',
    );
  return found;
}

/** The client's engine, typed as the client is. */
export const engineOf = <I extends string, S extends string>(
  client: Intentful<I, S>,
): IntentEngine<I, S> => internalsOf(client).engine as unknown as IntentEngine<I, S>;

const MAX_TIMEOUT = 2 ** 31 - 1;

/** What a consent and GPC allow; the live view and the server snapshot are both made here. */
function privacyView(
  consent: Consent,
  gpc: boolean,
  withoutConsent: WithoutConsent | undefined,
): PrivacyView {
  const state = { consent, gpc };
  return {
    ...state,
    canCollect: canCollect(state, withoutConsent),
    canPersist: canPersist(state),
    canSend: canSend(state),
  };
}
/** Signals that are the user's explicit choices, kept whatever the consent. */
const EXPLICIT = new Set(['declare', 'step-dismiss', 'step-complete', 'variant-dismiss']);

/**
 * Creates the client an app builds once. Safe to import and call on a server: nothing touches
 * the DOM, storage, timers, the clock or randomness until `mount()`.
 */
export function createIntentful<I extends string, S extends string>(
  options: IntentfulOptions<I, S>,
): Intentful<I, S> {
  const report = reportOnce(options.onError);
  // This client's own copy: sentences are merged once per object, and an app that changes one
  // object between clients must not find the first client's merge. Anything but an object (a
  // missing translation namespace) leaves the English defaults.
  const said = guardMessages(options.messages, report) as Partial<Messages> | undefined;
  const messages = withMessages(said, coreMessages);
  const key = options.storageKey ?? 'intentful';
  const storage = options.storage;
  const given = options.clock;
  // A clock that throws or answers nonsense must not take tracking (or the page) down with it.
  const clock = given
    ? (): number => {
        try {
          const t = given();
          if (Number.isFinite(t)) return t;
          // `report` makes an Error of a text.
          report(
            'clock',
            process.env.NODE_ENV !== 'production'
              ? `intentful: the clock returned ${String(t)}; using Date.now`
              : `intentful: clock gave ${String(t)}`,
          );
        } catch (error) {
          report('clock', error);
        }
        return Date.now();
      }
    : Date.now;

  let consent: Consent = options.consent ?? 'pending';
  let gpc: boolean | null = null;
  let view: PrivacyView | null = null;
  const withoutConsent = options.withoutConsent;
  const privacy = (): PrivacyView => {
    if (view) return view;
    // Read once, lazily: on a server there is no navigator, and the first client render must
    // match the server's.
    gpc ??= typeof navigator !== 'undefined' && readGlobalPrivacyControl(navigator);
    view = privacyView(consent, gpc, withoutConsent);
    return view;
  };

  const redactors: ((signal: Signal) => Signal)[] = [];
  const redact = (signal: Signal): Signal => {
    let s = signal;
    for (let i = 0; i < redactors.length; i++) s = redactors[i]!(s);
    return s;
  };
  const listeners = new Listeners<() => void>();
  const notify = (): void => notifyAll(listeners, report);

  const planned = options.plugins ?? [];
  // What the plugins carry for the engine is read off them before any is set up: the engine
  // starts from a hydrated state, and every plugin's setup can already use its context.
  const parts = planned.map((p): EngineParts => p?.engine ?? {});
  const saving = parts.find((e) => typeof e.codec?.merge === 'function');
  // `hydrate(null)` from untyped code has nothing to start from: the device's state may load.
  const starting = parts.find((e) => e.initial && typeof e.codec?.merge === 'function');
  const trails = parts.find((e) => typeof e.trails === 'function')?.trails;
  const engine = createIntentEngine<I, S>({
    model: options.model,
    clock,
    beforeSignal: (signal) => {
      // Without consent to collect, only what the user said outright counts.
      if (!privacy().canCollect && !EXPLICIT.has(signal.type)) return null;
      return redact(signal);
    },
    // No clock read at creation: the state is dated by the initial state or, until mount, 0
    // (also for a state without a usable time, which untyped JSON can give).
    startAt: Number.isFinite(starting?.initial?.at) ? starting!.initial!.at : 0,
    initialState: starting?.initial,
    codec: saving?.codec,
    trails,
    historySize: options.historySize,
    onError: options.onError,
    messages,
  });
  const initial = engine.store.getState();

  const context: PluginContext = {
    model: options.model as Model<string, string>,
    clock,
    storageKey: key,
    storage,
    hasInitialState: starting !== undefined,
    // The engine's methods are closures that read no `this`: passed on as they are.
    track: engine.track,
    history: engine.history,
    serialize: engine.serialize,
    restore: engine.restore,
    subscribe: engine.subscribe,
    onSignal: engine.onSignal,
    privacy,
    // Keyed by message: one plugin problem must not hide a different one after it.
    report: (error) =>
      report(`plugin:${error instanceof Error ? error.message : String(error)}`, error),
  };
  const plugins: PluginInstance[] = [];
  for (const plugin of planned) {
    if (typeof plugin?.setup !== 'function') {
      report(
        'plugin-shape',
        process.env.NODE_ENV !== 'production'
          ? `intentful: plugins take values such as collectors() or persistence(), got ${JSON.stringify(plugin)}; ignored`
          : 'intentful: not a plugin; ignored',
      );
      continue;
    }
    try {
      const instance = plugin.setup(context);
      plugins.push(instance);
      if (instance.redact) redactors.push(instance.redact);
    } catch (error) {
      report(`plugin:${plugin.name}`, error);
    }
  }

  // Options an earlier version took would otherwise be ignored without a word.
  if (process.env.NODE_ENV !== 'production')
    for (const [old, now] of [
      ['sinks', 'plugins: [analytics({ sinks })]'],
      ['initialState', 'plugins: [hydrate(state)]'],
    ] as const)
      if (old in options) report(`option:${old}`, `intentful: the ${old} option is now ${now}`);

  // A variant or rule naming an intent the model lacks would never apply, and nothing would say.
  if (process.env.NODE_ENV !== 'production' && options.slots)
    for (const slot of Object.values(options.slots.slots)) {
      const problem = unknownIntent(slot, engine.model.intentIds);
      if (problem) throw new SlotError(problem);
    }

  const assignments = plugins.find((p) => p.assignments)?.assignments ?? null;
  const features = plugins.flatMap((p) => (p.slots ? [p.slots] : []));
  const hub = createSlotHub(engine, {
    slots: options.slots,
    policy: options.policy,
    unitId: options.unitId,
    features,
    canSend: () => privacy().canSend,
    canPersonalize: () => privacy().canCollect,
    storage: assignments,
    clock,
    onError: options.onError,
    messages: said,
  });

  let mounts = 0;
  let forgets = 0;
  let stops: (() => void)[] = [];
  let stopMount = (): void => {};
  let pending: { path: string | undefined; type: string | undefined } | null = null;
  let lastPage: string | null = null;

  /** Calls `call` on each item; one that throws is reported under `key` and the rest still run. */
  const each = <T>(items: readonly T[], key: string, call: (item: T) => void): void => {
    for (const item of items) {
      try {
        call(item);
      } catch (error) {
        report(key, error);
      }
    }
  };
  const startPlugins = (): void => {
    const p = privacy();
    each(plugins, 'plugin-start', (plugin) => {
      const stop = plugin.start?.(p);
      if (stop) stops.push(stop);
    });
  };
  const stopPlugins = (): void => {
    const running = stops;
    stops = [];
    each(running, 'plugin-stop', (stop) => stop());
  };

  const pageView = (path?: string, type?: string): void => {
    // Before mount (a child's effect runs before its provider's), collectors are not listening
    // yet: hold the view until they are.
    // Nor while consent forbids collecting: the view counts once collecting is allowed.
    if (mounts === 0 || !privacy().canCollect) {
      pending = { path, type };
      return;
    }
    for (const plugin of plugins) if (plugin.pageView?.(path, type)) return;
    const target = path ?? (typeof location === 'undefined' ? '/' : location.pathname);
    if (lastPage === target) return;
    lastPage = target;
    engine.track({
      type: 'page-view',
      target,
      data: { nav: 'manual', ...(type !== undefined && { pageType: type }) },
    });
  };

  // What was inferred from behaviour goes; declarations and step choices are replayed.
  const keepOnlyChoices = (): void => {
    const state = engine.store.getState();
    // "Not for me" on a variant is a choice too; it lives in history rather than in the state.
    const dismissals = engine.history().filter((s) => s.type === 'variant-dismiss');
    engine.reset();
    engine.batch(() => {
      for (const s of dismissals) engine.track(s);
      for (const b of Object.values<Belief<I>>(state.beliefs))
        if (b.declared !== null) engine.declare(b.intent, b.declared);
      // The record holds only settled steps: dismissed, else completed.
      for (const [id, status] of Object.entries(state.steps) as [S, string][])
        if (status === 'dismissed') engine.dismissStep(id);
        else engine.completeStep(id);
    });
  };

  const erase = (): void => each(plugins, 'plugin-erase', (plugin) => plugin.erase?.());

  const flushPending = (): void => {
    const held = pending;
    if (!held || !privacy().canCollect) return;
    pending = null;
    pageView(held.path, held.type);
  };

  // One timer: decay crossings the engine predicts, and a bounded wait while evidence is live.
  let timer: ReturnType<typeof setTimeout> | undefined;
  // [next change, when the timer fires]: typed, so the per-signal check boxes no time.
  const times = new Float64Array([0, Infinity]);
  const interval = options.refreshInterval ?? 10_000;
  // After each publish only the intents that changed can bring the next change forward; the timer
  // and mount look at every intent.
  const schedule = (all?: boolean): void => {
    if (mounts === 0) return;
    const t = clock();
    engine.nextChangeInto(t, !all, times);
    let next = times[0]!;
    const due = times[1]!;
    if (interval !== false && t + interval < Math.min(next, due) && engine.observed())
      next = t + interval;
    // Keep an earlier timer: firing early only refreshes and reschedules, and resetting the
    // timer on every signal would churn timers on the hottest path.
    if (next >= due) return;
    clearTimeout(timer);
    times[1] = next;
    if (next === Infinity) return;
    timer = setTimeout(
      () => {
        times[1] = Infinity;
        try {
          engine.refresh();
        } catch (error) {
          report('refresh', error);
        }
        schedule(true);
      },
      // Longer delays make setTimeout fire at once; waking early just reschedules.
      Math.min(MAX_TIMEOUT, Math.max(0, next - t)),
    );
  };

  const client: Intentful<I, S> = {
    model: options.model,
    // The engine's methods are closures that read no `this`: shared as they are. `belief` and
    // `trail` take a time the client does not offer, so they stay wrapped.
    getState: engine.store.getState,
    getServerState: () => initial,
    subscribe: (listener) => listeners.add(listener),
    track: engine.track,
    batch: engine.batch,
    declare: engine.declare,
    dismissStep: engine.dismissStep,
    completeStep: engine.completeStep,
    pageView,
    goal(name, value) {
      // Tracked, so models can read it (evidence, `satisfiedBy`); the connected hub attributes a
      // stored goal itself. Otherwise (not mounted, or not collecting) it is attributed here, its
      // name redacted like a signal's target, since it reaches sinks.
      const accepted = engine.track({
        type: 'goal',
        target: String(name),
        ...(typeof value === 'number' && { data: { value } }),
      });
      if (!accepted || mounts === 0)
        hub.goal(redact({ type: 'goal', at: 0, target: String(name) }).target ?? 'goal', value);
    },
    onSignal: engine.onSignal,
    belief: (intent) => engine.belief(intent),
    trail: (intent) => engine.trail(intent),
    history: engine.history,
    slot: (id) => hub.slot(id),
    dismissVariant: (id) => hub.slot(id).dismiss(),
    decisions: () => hub.decisions(),
    privacy,
    setConsent(next) {
      if (next === consent) return;
      consent = next;
      view = null;
      const p = privacy();
      if (!p.canSend) hub.discard();
      if (consent === 'denied' || p.gpc) {
        erase();
        keepOnlyChoices();
      }
      if (mounts > 0) {
        stopPlugins();
        startPlugins();
        flushPending();
      }
      hub.consentChanged();
      notify();
    },
    forget() {
      engine.reset();
      each(plugins, 'plugin-forget', (plugin) => plugin.forget?.());
      erase();
      hub.forget();
      // The current page stays counted as seen, or the next route change would double it.
      if (typeof location !== 'undefined') lastPage = location.pathname;
      // Counted once everything is erased, so parts that re-read the device on it find it empty.
      forgets++;
      notify();
    },
    // The engine's one stats object, as a value: a getter here made the client a dictionary-mode
    // object, so every call into it was a hash lookup.
    stats: engine.stats,
    mount() {
      if (mounts++ > 0) return;
      const p = privacy();
      if (consent === 'denied' || p.gpc) erase();
      // The state is dated from now on: decay and rule windows count from the real clock.
      engine.refresh();
      const offHub = hub.connect();
      stopMount = () => {
        offHub();
        clearTimeout(timer);
        times[1] = Infinity;
      };
      startPlugins();
      schedule(true);
      flushPending();
    },
    unmount() {
      if (mounts === 0 || --mounts > 0) return;
      stopPlugins();
      stopMount();
    },
  };
  // Listeners hear changes before mount too (tests, a server replay); the timer waits for mount.
  engine.subscribe(() => {
    schedule();
    notify();
  });
  internals.set(client, {
    engine: engine as unknown as IntentEngine,
    hub,
    observe: options.observeExposure,
    serverPrivacy: privacyView(options.consent ?? 'pending', false, withoutConsent),
    report,
    messages,
    givenMessages: said,
    storage: assignments,
    get forgets() {
      return forgets;
    },
  });
  return client;
}
