'use client';
import {
  Component,
  type ComponentType,
  type CSSProperties,
  createContext,
  type ErrorInfo,
  type ReactNode,
  useContext,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { internalsOf, type ObserveExposure } from '../core/client';
import { plainEvidence } from '../core/explain';
import { coreMessages, type Messages, messagesOf } from '../core/messages';
import type {
  RegisteredIntent,
  RegisteredSlot,
  RegisteredVariant,
  VariantOf,
} from '../core/register';
import type { SlotController } from '../core/slots/hub';
import { resolveSlot } from '../core/slots/registry';
import type { Decision, Policy, VariantSpec } from '../core/slots/types';
import { type AppClient, ClientContext, inside, useIsoLayoutEffect } from './context';

/** Wraps the chosen variant to animate a switch; must key its child by `variant`. */
export type SlotTransition = ComponentType<{ variant: string; children: ReactNode }>;

export interface AdaptiveSlotProps<S extends RegisteredSlot = RegisteredSlot> {
  /** The slot's id: names it in decisions, events and `data-intent-slot`. Unique on the page. */
  id: S;
  /** Chooses the variant. @defaultValue the registered slot's policy, else the client's (`intentMatch()`) */
  policy?: Policy;
  /** Force a variant (Storybook, tests, previews): no policy runs and nothing is recorded. Works without a provider. @defaultValue chosen by the policy */
  variant?: VariantOf<S>;
  /**
   * The generalized experience, shown until a decision is made (and on the server). Mark one: a
   * slot with neither this nor a `<Variant fallback>` renders nothing on the server and in the
   * first render, then the first variant (reported in development).
   * @defaultValue the `<Variant fallback>`
   */
  fallback?: VariantOf<S>;
  /** Switch while the user is looking; otherwise a seen variant stays until navigation. @defaultValue `false` */
  live?: boolean;
  /** Animates switches, e.g. `Crossfade` from `intentful/motion`. @defaultValue no animation */
  transition?: SlotTransition;
  /**
   * Size the slot to its tallest variant: every variant renders, stacked in one grid cell, and
   * only the chosen one is visible (the others are `visibility: hidden`, so they are neither
   * seen, focused nor read out). A switch then never moves the page, with no guessed
   * `min-height` and no dead space. Every variant's components mount, so keep side effects out
   * of variant bodies.
   * @defaultValue `false`: only the chosen variant renders
   */
  reserve?: boolean;
  /** @defaultValue none */
  className?: string;
  /** @defaultValue none */
  style?: CSSProperties;
  children?: ReactNode;
}

export interface VariantProps {
  /** The variant's id within its slot. */
  id: RegisteredVariant;
  /** Intents this variant serves; the intent-match policy shows it when one is confident. @defaultValue none: never chosen by intent */
  intents?: readonly RegisteredIntent[];
  /** Human-readable name for devtools and reports. @defaultValue the id */
  label?: string;
  /** The generalized experience: shown until a decision is made, on the server, and to the holdout. @defaultValue `false` */
  fallback?: boolean;
  children?: ReactNode;
}

/** The variants of one mounted slot, as they register. */
interface Variants {
  add(id: string, spec: VariantSpec): () => void;
  specs(): { [id: string]: VariantSpec } | null;
  listen(listener: () => void): () => void;
}

function createVariants(onDuplicate: (id: string) => void): Variants {
  const specs = new Map<string, VariantSpec[]>();
  let listener: (() => void) | null = null;
  let cached: { [id: string]: VariantSpec } | null = null;
  const changed = (): void => {
    cached = null;
    listener?.();
  };
  return {
    add(id, spec) {
      const list = specs.get(id) ?? [];
      // The same variant twice is a transition keeping the old copy mounted; only a second
      // variant with other options under one id is a mistake.
      if (
        process.env.NODE_ENV !== 'production' &&
        list.length > 0 &&
        JSON.stringify(list[0]) !== JSON.stringify(spec)
      )
        onDuplicate(id);
      list.push(spec);
      specs.set(id, list);
      changed();
      return () => {
        const at = list.indexOf(spec);
        if (at >= 0) list.splice(at, 1);
        if (list.length === 0) specs.delete(id);
        changed();
      };
    },
    specs() {
      if (specs.size === 0) return null;
      if (!cached) {
        cached = {};
        for (const [id, list] of specs) cached[id] = list[0]!;
      }
      return cached;
    },
    listen(l) {
      listener = l;
      return () => {
        if (listener === l) listener = null;
      };
    },
  };
}

interface Scope {
  readonly slot: string;
  /** The chosen variant, or `''` before the slot's variants are known (server, first render). */
  readonly variant: string;
  readonly fallback: string | undefined;
  readonly decision: Decision;
  readonly controller: SlotController | null;
  readonly variants: Variants;
  readonly reserve: boolean;
}

const ScopeContext = /* @__PURE__ */ createContext<Scope | null>(null);

const noSubscribe = (): (() => void) => () => {};

// Half the variant on screen counts as seen; without IntersectionObserver (old browsers, jsdom)
// mounting is the best evidence there is.
const observeWithIntersection: ObserveExposure = (element, onVisible) => {
  if (typeof IntersectionObserver === 'undefined') {
    onVisible();
    return () => {};
  }
  const io = new IntersectionObserver(
    (entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        io.disconnect();
        onVisible();
      }
    },
    { threshold: 0.5 },
  );
  io.observe(element);
  return () => io.disconnect();
};

class VariantBoundary extends Component<
  { scope: Scope; id: string; children?: ReactNode },
  { failed: boolean }
> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override componentDidCatch(error: unknown, _info: ErrorInfo): void {
    const { scope, id } = this.props;
    scope.controller?.fail(id, error);
    if (process.env.NODE_ENV !== 'production' && !scope.controller)
      console.warn(`[intentful] variant "${id}" of slot "${scope.slot}" threw: ${String(error)}`);
  }
  override render(): ReactNode {
    return this.state.failed ? null : this.props.children;
  }
}

/**
 * One rendering of an `<AdaptiveSlot>`. It registers with the slot through context, so it may
 * sit inside fragments, wrapper components or Server Component children; it renders its
 * children only when chosen. A variant that throws renders nothing and the slot falls back.
 */
export function Variant(props: VariantProps): ReactNode {
  const scope = useContext(ScopeContext);
  if (scope === null) {
    throw new Error(
      process.env.NODE_ENV !== 'production'
        ? `intentful: <Variant id="${props.id}"> must be used inside <AdaptiveSlot>; wrap it in <AdaptiveSlot id="…">.`
        : 'intentful: <Variant> outside <AdaptiveSlot>',
    );
  }
  const { id, label, fallback } = props;
  const intents = props.intents?.join('\u0000');
  const { variants } = scope;
  useIsoLayoutEffect(
    () =>
      variants.add(id, {
        ...(intents !== undefined && {
          // Joined only to make the dependency a string; the ids are the props' own.
          intents: intents === '' ? [] : (intents.split('\u0000') as RegisteredIntent[]),
        }),
        ...(label !== undefined && { label }),
        ...(fallback !== undefined && { fallback }),
      }),
    [variants, id, intents, label, fallback],
  );
  const shown =
    scope.variant === ''
      ? scope.fallback === undefined
        ? fallback === true
        : scope.fallback === id
      : scope.variant === id;
  if (!shown && !scope.reserve) return null;
  const body = (
    <VariantBoundary key={id} scope={scope} id={id}>
      {props.children}
    </VariantBoundary>
  );
  if (!scope.reserve) return body;
  return (
    <div
      data-intent-variant={id}
      data-state={shown ? 'active' : 'inactive'}
      style={shown ? stacked : stackedHidden}
    >
      {body}
    </div>
  );
}

// Every variant of a reserving slot shares one grid cell, so the cell is as tall as the tallest.
const stacked: CSSProperties = { gridArea: '1 / 1', minWidth: 0 };
const stackedHidden: CSSProperties = { ...stacked, visibility: 'hidden' };
const stackGrid: CSSProperties = { display: 'grid' };

function forcedDecision(slot: string, variant: string): Decision {
  return {
    slot,
    variant,
    policy: 'forced',
    reason: 'Chosen by the app.',
    evidence: [],
    assignment: null,
    fallback: false,
    intent: null,
    describesIntent: false,
    at: 0,
  };
}

function claim(client: AppClient, id: string): () => void {
  let mounted = claims.get(client);
  if (!mounted) {
    mounted = new Set();
    claims.set(client, mounted);
  }
  if (mounted.has(id)) {
    report(
      client,
      `two <AdaptiveSlot id="${id}"> are mounted at once. Slot ids must be unique on the page; both show one shared decision. Give each <AdaptiveSlot> its own id.`,
    );
    return () => {};
  }
  mounted.add(id);
  return () => mounted.delete(id);
}
const claims = new WeakMap<AppClient, Set<string>>();

function report(client: AppClient | null, message: string): void {
  if (client) internalsOf(client).report(message, new Error(message));
  else if (process.env.NODE_ENV !== 'production') console.error(message);
}

/**
 * A named place in the UI that shows the one variant a policy picks. Renders a `div` with
 * `data-intent-slot`, `data-variant` and `data-policy`; records an exposure when the variant is
 * actually visible. Until its variants have registered (on the server and in the first render)
 * it shows the fallback variant.
 */
export function AdaptiveSlot<S extends RegisteredSlot>(props: AdaptiveSlotProps<S>): ReactNode {
  const {
    id,
    policy,
    variant: forced,
    fallback,
    live,
    transition: Transition,
    reserve = false,
    children,
  } = props;
  const client = useContext(ClientContext);
  if (client === null && forced === undefined) {
    throw new Error(
      process.env.NODE_ENV !== 'production'
        ? `intentful: <AdaptiveSlot id="${id}"> must be used inside <IntentProvider client={…}>, or given a \`variant\` to force.`
        : 'intentful: <AdaptiveSlot> outside <IntentProvider>',
    );
  }
  // Not forced means inside a provider: the check above threw otherwise.
  const controller = forced === undefined ? client!.slot(id) : null;
  const [variants] = useState(() =>
    createVariants((v) => {
      if (process.env.NODE_ENV !== 'production')
        report(
          client,
          `<AdaptiveSlot id="${id}"> has two <Variant id="${v}"> with different options; the first one's are used.`,
        );
    }),
  );
  const forcedOne = useMemo(
    () => (forced === undefined ? null : forcedDecision(id, forced)),
    [id, forced],
  );
  const chosen = useSyncExternalStore(
    controller ? controller.subscribe : noSubscribe,
    controller ? controller.get : () => forcedOne as Decision,
    controller ? controller.getServer : () => forcedOne as Decision,
  );
  const decision = forcedOne ?? chosen;
  const [, setRenders] = useState(0);
  const rendered = useRef(decision);
  rendered.current = decision;

  // Variants register in their own layout effects, which run before this one: configure once
  // they are all known, then whenever they change, and re-render before paint if that changed
  // the decision.
  useIsoLayoutEffect(() => {
    if (!controller) return;
    const apply = (): void => {
      const specs = variants.specs();
      if (!specs) return;
      // A slot registered with `defineSlots` knows its fallback without its variants.
      if (
        process.env.NODE_ENV !== 'production' &&
        fallback === undefined &&
        controller.getServer().variant === '' &&
        !Object.values(specs).some((v) => v.fallback)
      )
        report(
          client,
          `<AdaptiveSlot id="${id}"> has no fallback: mark the generalized experience with <Variant fallback> so the server and the first render show it.`,
        );
      try {
        controller.configure(resolveSlot(id, specs, fallback), policy, live);
      } catch (error) {
        report(client, String((error as Error)?.message ?? error));
        return;
      }
      if (controller.get() !== rendered.current) setRenders((n) => n + 1);
    };
    apply();
    return variants.listen(apply);
  }, [client, controller, variants, id, fallback, policy, live]);

  // Two slots with one id are a development mistake; production just shares the decision.
  if (process.env.NODE_ENV !== 'production')
    // biome-ignore lint/correctness/useHookAtTopLevel: NODE_ENV is fixed per build, so every render calls the same hooks
    useIsoLayoutEffect(() => (client && controller ? claim(client, id) : undefined), [client, id]);

  const ref = useRef<HTMLDivElement>(null);
  const observe = (client && internalsOf(client).observe) ?? observeWithIntersection;
  useIsoLayoutEffect(() => {
    const el = ref.current;
    if (!controller || !el || decision.variant === '') return;
    return observe(el, controller.expose);
  }, [controller, observe, decision.variant]);

  const scope = useMemo<Scope>(
    () => ({
      slot: id,
      variant: decision.variant,
      fallback,
      decision,
      controller,
      variants,
      reserve,
    }),
    [id, decision, fallback, controller, variants, reserve],
  );
  const scoped = <ScopeContext.Provider value={scope}>{children}</ScopeContext.Provider>;
  const content = reserve ? <div style={stackGrid}>{scoped}</div> : scoped;
  const shown = decision.variant || fallback;
  return (
    <div
      ref={ref}
      className={props.className}
      style={props.style}
      data-intent-slot={id}
      data-variant={shown || undefined}
      data-policy={decision.variant ? decision.policy : undefined}
      data-holdout={decision.assignment?.holdout ? '' : undefined}
    >
      {Transition ? <Transition variant={shown ?? ''}>{content}</Transition> : content}
    </div>
  );
}

/**
 * A slot's current decision (variant, policy, reason, evidence, assignment), or `null` before
 * the slot's variants are known. Inside an `<AdaptiveSlot>` the id may be left out.
 */
export function useSlotDecision<S extends RegisteredSlot>(id?: S): Decision<VariantOf<S>> | null {
  const scope = useContext(ScopeContext);
  const client = useContext(ClientContext);
  const slot = id ?? scope?.slot;
  if (slot === undefined) {
    throw new Error(
      process.env.NODE_ENV !== 'production'
        ? 'intentful: useSlotDecision() needs a slot id outside <AdaptiveSlot>, e.g. useSlotDecision("hero").'
        : 'intentful: useSlotDecision() outside <AdaptiveSlot> needs a slot id',
    );
  }
  const controller =
    scope?.slot === slot && scope.controller === null ? null : (client?.slot(slot) ?? null);
  const fromScope = scope?.slot === slot ? scope.decision : null;
  const decision = useSyncExternalStore(
    controller ? controller.subscribe : noSubscribe,
    controller ? controller.get : () => fromScope,
    controller ? controller.getServer : () => fromScope,
  );
  if (decision === null || decision.variant === '') return null;
  return decision as Decision<VariantOf<S>>;
}

export interface WhyThisProps {
  /** The slot to explain. @defaultValue the enclosing `<AdaptiveSlot>` */
  slot?: RegisteredSlot;
  /** Text of the toggle. @defaultValue the client's `messages.why` ('Why am I seeing this?') */
  label?: ReactNode;
  /** Render your own explanation instead of the default list. @defaultValue a reason and up to three evidence lines */
  children?: (decision: Decision) => ReactNode;
  /** @defaultValue none */
  className?: string;
}

const noBelief = (): null => null;

/** The sentences only these components say, in English; `messages` replaces them. */
const viewMessages: Pick<Messages, 'why' | 'pending' | 'notForMe'> = {
  why: 'Why am I seeing this?',
  pending: 'This is the standard version of this page, shown to everyone.',
  notForMe: 'Not for me',
};
const viewMessagesOf = (client: AppClient | null) =>
  messagesOf(client ? internalsOf(client).givenMessages : undefined, viewMessages);

/**
 * Answers "why am I seeing this?" for end users. A variant chosen for an intent is explained
 * from that intent's live belief (confidence and the model's evidence labels), so the text is
 * never older than what the app believes now; other policies give their reason.
 */
export function WhyThis(props: WhyThisProps): ReactNode {
  const scope = useContext(ScopeContext);
  const client = useContext(ClientContext);
  const decision = useSlotDecision(props.slot);
  const slot = props.slot ?? scope?.slot;
  const messages = client ? internalsOf(client).messages : coreMessages;
  const view = viewMessagesOf(client);
  const intent = decision?.describesIntent ? decision.intent : null;
  const belief = useSyncExternalStore(
    client && intent ? client.subscribe : noSubscribe,
    client && intent
      ? () => {
          const { engine } = internalsOf(client);
          return engine.published(engine.indexOf(intent));
        }
      : noBelief,
    client && intent ? () => client.getServerState().beliefs[intent as RegisteredIntent] : noBelief,
  );
  const label = props.label ?? view.why;
  // Before the slot has decided (the server, the first render) the toggle is already there, so
  // nothing below it moves when the decision arrives.
  if (decision === null)
    return props.children || slot === undefined ? null : (
      <details className={props.className} data-intent-why={slot} data-state="pending">
        <summary>{label}</summary>
        <p>{view.pending}</p>
      </details>
    );
  if (props.children) return props.children(decision);
  let reason = decision.reason;
  let lines: string[];
  if (belief) {
    reason = belief.declared
      ? messages.told(belief.label)
      : messages.likely(belief.label, belief.confidence);
    lines = plainEvidence(belief);
  } else
    lines = decision.evidence
      .filter((e) => !e.internal && !decision.reason.includes(e.label))
      .slice(0, 3)
      .map((e) => e.label);
  return (
    <details className={props.className} data-intent-why={decision.slot}>
      <summary>{label}</summary>
      <p>{reason}</p>
      {lines.length > 0 && (
        <ul>
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </details>
  );
}

export interface DismissVariantProps {
  /** @defaultValue the client's `messages.notForMe` ('Not for me') */
  children?: ReactNode;
  /** @defaultValue none */
  className?: string;
}

/**
 * A "not for me" button for the variant its `<AdaptiveSlot>` shows. Dismissing counts against
 * the intent that chose the variant, so the whole category steps down, not just this variant;
 * the slot then shows what fits next. Renders nothing while the fallback is shown.
 */
export function DismissVariant(props: DismissVariantProps): ReactNode {
  const scope = useContext(ScopeContext);
  const client = useContext(ClientContext);
  if (scope === null)
    throw new Error(
      process.env.NODE_ENV !== 'production'
        ? 'intentful: <DismissVariant> must be used inside a <Variant> of an <AdaptiveSlot>.'
        : 'intentful: <DismissVariant> outside <AdaptiveSlot>',
    );
  const { controller, decision } = scope;
  if (!controller || decision.variant === '' || decision.fallback) return null;
  return (
    <button
      type="button"
      className={props.className}
      data-intent-dismiss={scope.slot}
      onClick={() => controller.dismiss()}
    >
      {props.children ?? viewMessagesOf(client).notForMe}
    </button>
  );
}

/** A stable function that records that a goal was reached (purchase, signup…). */
export function useGoal(): (goal: string, value?: number) => void {
  return inside(useContext(ClientContext), 'useGoal').goal;
}
