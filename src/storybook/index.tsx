'use client';

import { type ReactElement, type ReactNode, useEffect, useMemo, useState } from 'react';
import { createIntentful, type Intentful, type IntentfulOptions } from '../core/client';
import type { Model } from '../core/model';
import type { SignalInput } from '../core/signal';
import type { SlotRegistry } from '../core/slots/registry';
import type { Policy } from '../core/slots/types';
import { simulatable, simulationSignal } from '../devtools/simulate';
import type { AppClient } from '../react/context';
import { IntentProvider } from '../react/provider';

/** One step of a scripted session. */
export interface ScriptedSignal extends Omit<SignalInput, 'at'> {
  /** Milliseconds after the previous signal. @defaultValue `1000` */
  after?: number;
}

/** A named sequence of signals to replay ("hesitant shopper"). */
export interface Scenario {
  /** Shown in the toolbar. @defaultValue the scenario's key */
  label?: string;
  signals: readonly ScriptedSignal[];
}

/**
 * The `createIntentful` options a story may set; the model, slots, policy and clock have
 * parameters of their own.
 */
export type StoryClientOptions = Omit<
  IntentfulOptions<string, string>,
  'model' | 'slots' | 'policy' | 'clock'
>;

/** What a story (or `preview.parameters`) sets under `parameters.intentful`. */
export interface IntentfulParameters {
  /** The model the story's client uses. Without it the decorator leaves the story alone. @defaultValue none */
  model?: Model;
  /** Slots registered outside JSX (from `defineSlots`). @defaultValue none */
  slots?: SlotRegistry;
  /** The client's default policy. @defaultValue `intentMatch()` */
  policy?: Policy;
  /** Pin the simulated intent: the toolbar's intent is ignored for this story. `null` pins "no intent". @defaultValue the toolbar's choice */
  intent?: string | null;
  /** Confidence of the pinned intent, 0–1. @defaultValue the toolbar's choice, else `0.8` */
  confidence?: number;
  /** Simulate an explicit choice ("I'm buying a gift") instead of inferred evidence. @defaultValue `false` */
  declared?: boolean;
  /** Signals replayed before the story renders, spaced by their `after`, ending now. @defaultValue none */
  signals?: readonly ScriptedSignal[];
  /** Named scenarios offered in the toolbar; `scenario` (or the toolbar) picks one. @defaultValue `{}` */
  scenarios?: { readonly [name: string]: Scenario };
  /** Pin a scenario by name. @defaultValue the toolbar's choice */
  scenario?: string | null;
  /** `'instant'` applies the script before the first render; `'live'` plays it with its real gaps, so you watch the page adapt. @defaultValue `'instant'` */
  replay?: 'instant' | 'live';
  /** Any other `createIntentful` options (plugins such as `collectors()` or `analytics()`, consent, unitId…). @defaultValue `{}`: no plugins, so nothing is collected or stored */
  options?: StoryClientOptions;
  /** The client's clock, e.g. one a story can fast-forward to show decay. @defaultValue `Date.now` */
  clock?: () => number;
  /** Skip the decorator for this story (it renders its own provider). @defaultValue `false` */
  disable?: boolean;
}

/** Global keys the toolbar writes; a story can set them in `globals` too. */
export const GLOBAL_INTENT = 'intentfulIntent';
export const GLOBAL_CONFIDENCE = 'intentfulConfidence';
export const GLOBAL_SCENARIO = 'intentfulScenario';

const NONE = '';
const DEFAULT_CONFIDENCE = 0.8;
const DECLARED = 'declared';

/** The slice of Storybook's story context the decorator reads. */
export interface IntentfulStoryContext {
  readonly parameters: { readonly [name: string]: unknown };
  readonly globals: { readonly [name: string]: unknown };
}

/** What a story starts from: a simulated intent and a script, as resolved by `resolveSimulation`. */
export interface Simulation {
  readonly intent: string | null;
  readonly confidence: number;
  readonly declared: boolean;
  readonly signals: readonly ScriptedSignal[];
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== NONE ? v : null);

/** Resolves what to simulate: story parameters pin, the toolbar fills in the rest. */
export function resolveSimulation(
  params: IntentfulParameters,
  globals: IntentfulStoryContext['globals'],
): Simulation {
  const pinned = params.intent !== undefined;
  const intent = pinned ? (params.intent ?? null) : str(globals[GLOBAL_INTENT]);
  const rawConfidence = globals[GLOBAL_CONFIDENCE];
  const toolbarDeclared = rawConfidence === DECLARED;
  const toolbarConfidence = Number(rawConfidence);
  const confidence =
    params.confidence ??
    (Number.isFinite(toolbarConfidence) && rawConfidence !== NONE && rawConfidence !== undefined
      ? toolbarConfidence
      : DEFAULT_CONFIDENCE);
  const declared = params.declared ?? (pinned ? false : toolbarDeclared);
  const scenarioName =
    params.scenario !== undefined ? params.scenario : str(globals[GLOBAL_SCENARIO]);
  const scenario = scenarioName ? params.scenarios?.[scenarioName] : undefined;
  return {
    intent,
    confidence,
    declared,
    signals: [...(params.signals ?? []), ...(scenario?.signals ?? [])],
  };
}

/** What `createSimulatedClient` passes on to `createIntentful`. */
export interface SimulatedClientOptions extends StoryClientOptions {
  slots?: SlotRegistry;
  policy?: Policy;
  /** Milliseconds now; the script ends at this clock's now. @defaultValue `Date.now` */
  clock?: () => number;
}

/**
 * Creates the client a story starts from, with a model prepared by `simulatable`: the script is
 * replayed with timestamps that end now (so decay shows how long ago each step was), then the
 * simulated intent is applied on top. Everything goes through the client before the first
 * render, so slots decide on it as soon as their variants register.
 */
export function createSimulatedClient(
  model: Model,
  simulation: Simulation,
  options: SimulatedClientOptions = {},
): Intentful {
  const client = createIntentful({ ...options, model: simulatable(model) });
  const now = (options.clock ?? Date.now)();
  const total = simulation.signals.reduce((sum, s) => sum + (s.after ?? 1000), 0);
  let at = now - total;
  client.batch(() => {
    for (const { after, ...signal } of simulation.signals) {
      at += after ?? 1000;
      client.track({ ...signal, at });
    }
  });
  const { intent } = simulation;
  if (intent !== null && client.model.intentIds.includes(intent)) {
    if (simulation.declared) client.declare(intent, true);
    else {
      const signal = simulationSignal(client, intent, simulation.confidence);
      if (signal) client.track(signal);
    }
  }
  return client;
}

const keyOf = (s: Simulation): string => JSON.stringify(s);

function SimulatedProvider(props: {
  params: IntentfulParameters & { model: Model };
  simulation: Simulation;
  children: ReactNode;
}): ReactElement {
  const { params, simulation } = props;
  const live = params.replay === 'live';
  // The decorator re-resolves the simulation on every render; the key remounts on real changes.
  const [script] = useState(() => simulation.signals);
  // One client per story (and per toolbar choice): nothing leaks from one story into the next.
  const [client] = useState(
    () =>
      createSimulatedClient(params.model, live ? { ...simulation, signals: [] } : simulation, {
        ...params.options,
        ...(params.slots && { slots: params.slots }),
        ...(params.policy && { policy: params.policy }),
        ...(params.clock && { clock: params.clock }),
      }) as AppClient,
  );
  useEffect(() => {
    if (!live) return;
    const timers: ReturnType<typeof setTimeout>[] = [];
    let at = 0;
    for (const { after, ...signal } of script) {
      at += after ?? 1000;
      timers.push(setTimeout(() => client.track(signal), at));
    }
    return () => {
      for (const t of timers) clearTimeout(t);
    };
  }, [client, live, script]);
  const [warned, setWarned] = useState(false);
  useEffect(() => {
    if (warned || simulation.intent === null) return;
    if (!client.model.intentIds.includes(simulation.intent)) {
      setWarned(true);
      console.warn(
        `[intentful] the toolbar intent "${simulation.intent}" is not in this story's model (${client.model.intentIds.join(', ')}); showing the story without it.`,
      );
    }
  }, [client, simulation.intent, warned]);
  return <IntentProvider client={client}>{props.children}</IntentProvider>;
}

/**
 * Storybook decorator: wraps each story that sets `parameters.intentful.model` in an
 * `<IntentProvider>` with a client of its own that already believes what the toolbar (or the
 * story) simulates. Changing the toolbar builds a new client, so every slot re-decides from
 * scratch.
 *
 * ```ts
 * // .storybook/preview.ts
 * export default { decorators: [withIntentful], globalTypes: intentToolbar({ intents: [...] }) };
 * ```
 */
export function withIntentful(
  Story: () => ReactNode,
  context: IntentfulStoryContext,
): ReactElement {
  const params = (context.parameters.intentful ?? {}) as IntentfulParameters;
  if (params.disable || !params.model) return <Story />;
  const simulation = resolveSimulation(params, context.globals);
  return (
    <SimulatedProvider
      key={keyOf(simulation)}
      params={params as IntentfulParameters & { model: Model }}
      simulation={simulation}
    >
      <Story />
    </SimulatedProvider>
  );
}

/** One toolbar menu, in the shape Storybook's `globalTypes` expects. */
export interface ToolbarGlobal {
  readonly description: string;
  readonly toolbar: {
    readonly title: string;
    readonly icon: 'user' | 'graphline' | 'play';
    // Mutable because Storybook's own toolbar type asks for a plain array.
    readonly items: { value: string; title: string }[];
    readonly dynamicTitle: boolean;
  };
}

export interface IntentToolbarOptions {
  /** Intents offered, or models whose intents are offered. */
  intents: readonly (string | Model)[];
  /** Confidences offered (0–1). @defaultValue `[0.3, 0.6, 0.8, 0.95]` */
  confidences?: readonly number[];
  /** Scenarios offered; stories provide their signals under `parameters.intentful.scenarios`. @defaultValue none */
  scenarios?: readonly string[] | { readonly [name: string]: Scenario };
}

/**
 * `globalTypes` for the toolbar: pick an intent and its confidence (or "declared"), or a
 * scripted scenario to replay. Pass the result to `preview.globalTypes`.
 */
export function intentToolbar(options: IntentToolbarOptions): {
  [GLOBAL_INTENT]: ToolbarGlobal;
  [GLOBAL_CONFIDENCE]: ToolbarGlobal;
  [GLOBAL_SCENARIO]?: ToolbarGlobal;
} {
  const intents = new Map<string, string>();
  for (const item of options.intents) {
    if (typeof item === 'string') intents.set(item, item);
    else for (const i of item.intents) if (i.id !== undefined) intents.set(i.id, i.label);
  }
  const confidences = options.confidences ?? [0.3, 0.6, 0.8, 0.95];
  const scenarios = Array.isArray(options.scenarios)
    ? (options.scenarios as readonly string[]).map((name) => ({ value: name, title: name }))
    : Object.entries((options.scenarios ?? {}) as { [name: string]: Scenario }).map(
        ([name, s]) => ({ value: name, title: s.label ?? name }),
      );
  return {
    [GLOBAL_INTENT]: {
      description: 'Simulate what a user with this intent would see',
      toolbar: {
        title: 'Intent',
        icon: 'user',
        items: [
          { value: NONE, title: 'No intent (default experience)' },
          ...[...intents].map(([value, title]) => ({ value, title })),
        ],
        dynamicTitle: true,
      },
    },
    [GLOBAL_CONFIDENCE]: {
      description: 'How sure the simulated inference is',
      toolbar: {
        title: 'Confidence',
        icon: 'graphline',
        items: [
          ...confidences.map((c) => ({ value: String(c), title: `${Math.round(c * 100)}% sure` })),
          { value: DECLARED, title: 'Declared by the user' },
        ],
        dynamicTitle: true,
      },
    },
    ...(scenarios.length > 0 && {
      [GLOBAL_SCENARIO]: {
        description: 'Replay a scripted sequence of signals',
        toolbar: {
          title: 'Scenario',
          icon: 'play',
          items: [{ value: NONE, title: 'No scenario' }, ...scenarios],
          dynamicTitle: true,
        },
      },
    }),
  };
}

/** Initial toolbar values for `preview.initialGlobals`. */
export const intentfulGlobals = {
  [GLOBAL_INTENT]: NONE,
  [GLOBAL_CONFIDENCE]: String(DEFAULT_CONFIDENCE),
  [GLOBAL_SCENARIO]: NONE,
} as const;

export interface VariantGalleryProps {
  /** The registry from `defineSlots`: every slot and variant in it is shown. */
  slots: SlotRegistry;
  /**
   * Renders one slot. `variant` is the one to force; with `model` it is `undefined` for every
   * variant a simulated shopper reaches on their own, so the slot's policy chooses it and its
   * `<WhyThis>` explains it as it would to that shopper. E.g.
   * `(slot, variant) => <Hero variant={variant} />`.
   */
  render: (slot: string, variant: string | undefined) => ReactNode;
  /**
   * The app's model. With it, intents are named by their labels and each variant is shown as a
   * shopper with its intent sees it, with the "why" text the library gives that shopper.
   * @defaultValue none: intents by id, variants forced, no "why"
   */
  model?: Model;
  /** Confidence of each simulated shopper's intent, 0–1. @defaultValue `0.8` */
  confidence?: number;
  /** Headings in the designers' words, by slot id. @defaultValue the slot id */
  titles?: { readonly [slot: string]: string };
  /** Only these slots, in this order. @defaultValue every registered slot */
  only?: readonly string[];
  /** Narrowest width of a variant's cell in CSS pixels; narrower screens get one column. @defaultValue `280` */
  columnWidth?: number;
}

// Neutral defaults that a host's design tokens (when defined) override.
const galleryMuted = 'var(--color-muted, #4a5468)';
const galleryLine = 'var(--color-line, #d5dae3)';

interface GalleryCellProps {
  registry: SlotRegistry;
  slot: string;
  variant: string;
  render: VariantGalleryProps['render'];
  model: Model | undefined;
  confidence: number;
  labels: ReadonlyMap<string, string>;
}

function GalleryCell(props: GalleryCellProps): ReactElement {
  const { registry, slot: slotId, variant, model, labels } = props;
  const slot = registry.slots[slotId];
  const spec = slot?.variants[variant];
  const intents = spec?.intents ?? [];
  const isFallback = variant === slot?.fallback;
  // A shopper with this variant's intent (none for the fallback), asked the slot's real policy.
  // Follows its props: a control changing the confidence or the model re-asks the policy.
  const simulated = useMemo(() => {
    if (!model) return null;
    const own = registry.slots[slotId];
    const intent =
      variant === own?.fallback ? null : (own?.variants[variant]?.intents?.[0] ?? null);
    const client = createSimulatedClient(
      model,
      { intent, confidence: props.confidence, declared: false, signals: [] },
      { slots: registry },
    );
    const decision = client.slot(slotId).get();
    return decision.variant === variant ? { client, reason: decision.reason } : null;
  }, [model, props.confidence, registry, slotId, variant]);
  const who = isFallback
    ? 'Everyone else, and the comparison group'
    : intents.length > 0
      ? `Shoppers who seem to be ${intents.map((i) => labels.get(i) ?? i).join(' or ')}`
      : 'Chosen by rules or a test, not by an intent';
  const preview = simulated ? (
    <IntentProvider client={simulated.client as AppClient}>
      {props.render(slotId, undefined)}
    </IntentProvider>
  ) : (
    props.render(slotId, variant)
  );
  return (
    <li
      data-gallery-variant={`${slotId}/${variant}`}
      // A subgrid row per part, so names, previews and "why" lines align across a row.
      style={{
        display: 'grid',
        gridRow: 'span 3',
        gridTemplateRows: 'subgrid',
        gap: 8,
        alignContent: 'start',
        minWidth: 0,
        marginBottom: 16,
      }}
    >
      <div>
        <strong style={{ display: 'block' }}>{spec?.label ?? variant}</strong>
        <span style={{ color: galleryMuted, fontSize: '0.875em' }} data-gallery-who="">
          {who}
        </span>
      </div>
      {preview}
      {simulated && (
        <p style={{ margin: 0, color: galleryMuted, fontSize: '0.875em' }} data-gallery-why="">
          They read: “{simulated.reason}”
        </p>
      )}
    </li>
  );
}

/**
 * Every registered slot with all its variants side by side, each labelled with who sees it and,
 * given the model, shown as that shopper sees it with the library's own "why" text. Works
 * without a provider: each variant gets a simulated client of its own (or is forced), so
 * nothing is recorded.
 */
export function VariantGallery(props: VariantGalleryProps): ReactElement {
  const ids = props.only ?? Object.keys(props.slots.slots);
  const width = props.columnWidth ?? 280;
  const labels = new Map<string, string>();
  for (const intent of props.model?.intents ?? [])
    if (intent.id !== undefined) labels.set(intent.id, intent.label);
  return (
    <div style={{ display: 'grid', gap: 40 }} data-intentful-gallery="">
      {ids.map((slotId) => {
        const slot = props.slots.slots[slotId];
        if (!slot) return null;
        const title = props.titles?.[slotId] ?? slotId;
        return (
          <section key={slotId} aria-labelledby={`gallery-${slotId}`} style={{ minWidth: 0 }}>
            <h2 id={`gallery-${slotId}`} style={{ fontSize: '1.25em', margin: 0 }}>
              {title}
            </h2>
            <p style={{ margin: '4px 0 16px', color: galleryMuted }}>
              {slot.ids.length} versions
              {slot.live ? ', switches while the shopper looks' : ', switches on the next page'}
            </p>
            <ul
              style={{
                listStyle: 'none',
                margin: 0,
                padding: '16px 0 0',
                borderTop: `1px solid ${galleryLine}`,
                display: 'grid',
                gap: '8px 24px',
                gridTemplateColumns: `repeat(auto-fill, minmax(min(100%, ${width}px), 1fr))`,
              }}
            >
              {slot.ids.map((variant) => (
                <GalleryCell
                  key={variant}
                  registry={props.slots}
                  slot={slotId}
                  variant={variant}
                  render={props.render}
                  model={props.model}
                  confidence={props.confidence ?? DEFAULT_CONFIDENCE}
                  labels={labels}
                />
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
