import {
  Children,
  Component,
  type ComponentType,
  type CSSProperties,
  createContext,
  type ErrorInfo,
  isValidElement,
  type ReactNode,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useSyncExternalStore,
} from 'react';
import type { RegisteredSlot, RegisteredVariant, VariantOf } from '../core/register';
import type { SlotController } from '../core/slots/hub';
import { resolveSlot } from '../core/slots/registry';
import type { Decision, Policy, VariantSpec } from '../core/slots/types';
import { inside } from './context';
import { SlotHubContext } from './slot-context';

/** Wraps the chosen variant to animate a switch; must key its child by `variant`. */
export type SlotTransition = ComponentType<{ variant: string; children: ReactNode }>;

export interface AdaptiveSlotProps<S extends RegisteredSlot = RegisteredSlot> {
  /** The slot's id: names it in decisions, events and `data-intent-slot`. */
  id: S;
  /** Chooses the variant. @defaultValue the registered slot's policy, else the provider's (`intentMatch()`) */
  policy?: Policy;
  /** Force a variant (Storybook, tests, previews): no policy runs and nothing is recorded. Works without a provider. @defaultValue chosen by the policy */
  variant?: VariantOf<S>;
  /** The generalized experience. @defaultValue the `<Variant fallback>`, else the first variant */
  fallback?: VariantOf<S>;
  /** Switch while the user is looking; otherwise a seen variant stays until navigation. @defaultValue `false` */
  live?: boolean;
  /** Animates switches, e.g. `Crossfade` from `intentful/motion`. @defaultValue no animation */
  transition?: SlotTransition;
  /** @defaultValue none */
  className?: string;
  /** @defaultValue none */
  style?: CSSProperties;
  children?: ReactNode;
}

export interface VariantProps extends VariantSpec {
  /** The variant's id within its slot. */
  id: RegisteredVariant;
  children?: ReactNode;
}

interface RenderScope {
  readonly slot: string;
  readonly variant: string;
  readonly decision: Decision;
  readonly controller: SlotController | null;
}

const ScopeContext = /* @__PURE__ */ createContext<RenderScope | null>(null);

const noSubscribe = (): (() => void) => () => {};

class VariantBoundary extends Component<
  { scope: RenderScope; id: string; children?: ReactNode },
  { failed: boolean }
> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override componentDidCatch(error: unknown, _info: ErrorInfo): void {
    const { scope, id } = this.props;
    if (scope.controller) scope.controller.fail(id, error);
    else if (typeof process !== 'undefined' && process.env.NODE_ENV !== 'production')
      console.warn(`[intentful] variant "${id}" of slot "${scope.slot}" threw: ${String(error)}`);
  }
  override render(): ReactNode {
    return this.state.failed ? null : this.props.children;
  }
}

/**
 * One rendering of an `<AdaptiveSlot>`. Renders its children only when chosen; a variant that
 * throws renders nothing and the slot switches to its fallback.
 */
export function Variant(props: VariantProps): ReactNode {
  const scope = useContext(ScopeContext);
  if (scope === null) {
    throw new Error(
      `intentful: <Variant id="${props.id}"> must be used inside <AdaptiveSlot>. Put it directly in <AdaptiveSlot id="…">.`,
    );
  }
  if (scope.variant !== props.id) return null;
  return (
    <VariantBoundary key={props.id} scope={scope} id={props.id}>
      {props.children}
    </VariantBoundary>
  );
}

function variantsOf(children: ReactNode): { [id: string]: VariantSpec } {
  const out: { [id: string]: VariantSpec } = {};
  Children.forEach(children, (child) => {
    if (!isValidElement(child) || child.type !== Variant) return;
    const { id, intents, label, fallback } = child.props as VariantProps;
    out[id] = {
      ...(intents && { intents }),
      ...(label !== undefined && { label }),
      ...(fallback !== undefined && { fallback }),
    };
  });
  return out;
}

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
    at: 0,
  };
}

/**
 * A named place in the UI that shows the one variant a policy picks. Renders a `div` with
 * `data-intent-slot`, `data-variant` and `data-policy`; records an exposure when the variant is
 * actually visible.
 */
export function AdaptiveSlot<S extends RegisteredSlot>(props: AdaptiveSlotProps<S>): ReactNode {
  const { id, policy, variant: forced, fallback, live, transition: Transition, children } = props;
  const runtime = useContext(SlotHubContext);
  if (runtime === null && forced === undefined) {
    throw new Error(
      `intentful: <AdaptiveSlot id="${id}"> must be used inside <IntentProvider>, or given a \`variant\` to force.`,
    );
  }
  const specs = variantsOf(children);
  const signature = JSON.stringify(specs);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the signature stands for `specs`
  const config = useMemo(
    () => (Object.keys(specs).length ? resolveSlot(id, specs, fallback) : null),
    [id, signature, fallback],
  );
  const controller = forced === undefined && runtime ? runtime.hub.slot(id) : null;
  controller?.configure(config, policy, live);
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

  const ref = useRef<HTMLDivElement>(null);
  const observe = runtime?.observe;
  useEffect(() => {
    const el = ref.current;
    if (!controller || !observe || !el || decision.variant === '') return;
    return observe(el, controller.expose);
  }, [controller, observe, decision.variant]);

  const scope = useMemo<RenderScope>(
    () => ({ slot: id, variant: decision.variant, decision, controller }),
    [id, decision, controller],
  );
  const content = <ScopeContext.Provider value={scope}>{children}</ScopeContext.Provider>;
  return (
    <div
      ref={ref}
      className={props.className}
      style={props.style}
      data-intent-slot={id}
      data-variant={decision.variant}
      data-policy={decision.policy}
      data-holdout={decision.assignment?.holdout ? '' : undefined}
    >
      {Transition ? <Transition variant={decision.variant}>{content}</Transition> : content}
    </div>
  );
}

/**
 * A slot's current decision (variant, policy, reason, evidence, assignment), or `null` before
 * the slot is registered or mounted. Inside an `<AdaptiveSlot>` the id may be left out.
 */
export function useSlotDecision<S extends RegisteredSlot>(id?: S): Decision<VariantOf<S>> | null {
  const scope = useContext(ScopeContext);
  const runtime = useContext(SlotHubContext);
  const slot = id ?? scope?.slot;
  if (slot === undefined) {
    throw new Error(
      'intentful: useSlotDecision() needs a slot id outside <AdaptiveSlot>, e.g. useSlotDecision("hero").',
    );
  }
  const controller =
    scope?.slot === slot && scope.controller === null ? null : (runtime?.hub.slot(slot) ?? null);
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
  /** Text of the toggle. @defaultValue `'Why am I seeing this?'` */
  label?: ReactNode;
  /** Render your own explanation instead of the default list. @defaultValue a reason and up to three evidence lines */
  children?: (decision: Decision) => ReactNode;
  /** @defaultValue none */
  className?: string;
}

/** Answers "why am I seeing this?" for end users, from the slot's decision. */
export function WhyThis(props: WhyThisProps): ReactNode {
  const decision = useSlotDecision(props.slot);
  if (decision === null) return null;
  if (props.children) return props.children(decision);
  const lines = decision.evidence.filter((e) => !e.label.startsWith('rule ')).slice(0, 3);
  return (
    <details className={props.className} data-intent-why={decision.slot}>
      <summary>{props.label ?? 'Why am I seeing this?'}</summary>
      <p>{decision.reason}</p>
      {lines.length > 0 && (
        <ul>
          {lines.map((e) => (
            <li key={e.label}>{e.label}</li>
          ))}
        </ul>
      )}
    </details>
  );
}

/** A stable function that records that a goal was reached (purchase, signup…). */
export function useGoal(): (goal: string, value?: number) => void {
  return inside(useContext(SlotHubContext), 'useGoal').hub.goal;
}
