'use client';

import {
  type CSSProperties,
  type ReactNode,
  useContext,
  useEffect,
  useId,
  useReducer,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { engineOf, type Intentful } from '../core/client';
import type { Belief } from '../core/engine';
import type { RegisteredIntent } from '../core/register';
import type { Signal } from '../core/signal';
import type { Decision } from '../core/slots/types';
import { type AppClient, ClientContext, inside } from '../react/context';
import { isSimulatable, SIMULATE_SIGNAL, simulateIntent } from './simulate';

export {
  isSimulatable,
  SIMULATE_SIGNAL,
  simulatable,
  simulateIntent,
  simulationSignal,
} from './simulate';

const isProduction = (): boolean =>
  typeof process !== 'undefined' && process.env.NODE_ENV === 'production';

export interface IntentDevtoolsPanelProps {
  /** The client to inspect. @defaultValue the enclosing `<IntentProvider>`'s (`useIntentful()`) */
  client?: Intentful;
  /** Render even in production builds (e.g. behind your own staff-only flag). @defaultValue `false` in production, `true` otherwise */
  enabled?: boolean;
  /** Signals listed in the live feed, newest first. @defaultValue `30` */
  maxSignals?: number;
  /** Milliseconds between refreshes of decaying values while mounted. @defaultValue `1000` */
  tick?: number;
  /** @defaultValue none */
  className?: string;
  /** @defaultValue none */
  style?: CSSProperties;
}

export interface IntentDevtoolsProps extends IntentDevtoolsPanelProps {
  /** Open the panel on mount instead of showing only the toggle button. @defaultValue `false` */
  initialIsOpen?: boolean;
  /** Corner the toggle and panel sit in. @defaultValue `'bottom-right'` */
  position?: 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left';
}

// Dark theme with WCAG AA contrast, so the panel stays readable over any page.
const c = {
  bg: '#111827',
  panel: '#1f2937',
  text: '#f3f4f6',
  muted: '#c2c8d2',
  line: '#374151',
  accent: '#93c5fd',
  good: '#86efac',
  bad: '#fca5a5',
} as const;

const font: CSSProperties = {
  font: '12px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  color: c.text,
};
const sectionStyle: CSSProperties = { borderTop: `1px solid ${c.line}`, padding: '8px 10px' };
const h3: CSSProperties = {
  margin: '0 0 6px',
  fontSize: 12,
  textTransform: 'uppercase',
  letterSpacing: 0.5,
};
const list: CSSProperties = { listStyle: 'none', margin: 0, padding: 0 };
const control: CSSProperties = {
  ...font,
  background: c.bg,
  border: `1px solid ${c.line}`,
  borderRadius: 4,
  padding: '2px 6px',
};

const pct = (p: number): string => `${Math.round(p * 100)}%`;
const num = (n: number): string => (n >= 0 ? '+' : '') + n.toFixed(2);

function ago(now: number, at: number | null): string {
  if (at === null) return 'never';
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 60) return `${s}s ago`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m ${s % 60}s ago` : `${Math.floor(m / 60)}h ${m % 60}m ago`;
}

function duration(ms: number): string {
  if (!Number.isFinite(ms)) return 'never';
  if (ms < 60_000) return `${Math.round(ms / 1000)}s`;
  return `${Math.round(ms / 6000) / 10} min`;
}

function describeSignal(s: Signal): string {
  const data = s.data
    ? Object.entries(s.data)
        .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('|') : String(v)}`)
        .join(' ')
    : '';
  return [s.type, s.target, data].filter(Boolean).join(' · ');
}

/** Re-renders on every accepted signal and every `tick`, so "ago" and decay stay current. */
function useLiveSignals(client: AppClient, max: number, tick: number): readonly Signal[] {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => client.onSignal(bump), [client]);
  useEffect(() => {
    if (tick <= 0) return;
    const id = setInterval(bump, tick);
    return () => clearInterval(id);
  }, [tick]);
  return client.history().slice(-max).reverse();
}

const sameList = (a: readonly Decision[], b: readonly Decision[]): boolean =>
  a.length === b.length && a.every((d, i) => d === b[i]);

const shownOf = (client: AppClient): Decision[] =>
  client.decisions().filter((d) => d.variant !== '');

/**
 * Every slot's decision, re-rendering when one changes. Slots decide in their own effects once
 * their variants register (after this panel rendered), so the panel listens to each known slot,
 * not to beliefs alone; slots that appear later join on the next render. Decisions are read
 * only while rendering, never inside a notification: reading another slot's decision there
 * would advance it before the hub tells that slot's own listeners.
 */
function useDecisions(client: AppClient): readonly Decision[] {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  const all = client.decisions();
  const known = all.map((d) => d.slot).join('\u0000');
  const shown = all.filter((d) => d.variant !== '');
  const rendered = useRef(shown);
  rendered.current = shown;
  useEffect(() => {
    const offs =
      known === '' ? [] : known.split('\u0000').map((id) => client.slot(id).subscribe(bump));
    // A slot may have decided between this render and now.
    if (!sameList(shownOf(client), rendered.current)) bump();
    return () => {
      for (const off of offs) off();
    };
  }, [client, known]);
  return shown;
}

function BeliefRow(props: { belief: Belief; client: AppClient; now: number }): ReactNode {
  const { belief: b, client, now } = props;
  const def = client.model.intents.find((i) => i.id === b.intent);
  const peak =
    b.lastEvidenceAt === null
      ? null
      : engineOf(client).belief(b.intent as RegisteredIntent, b.lastEvidenceAt);
  return (
    <li style={{ padding: '4px 0' }} data-devtools-intent={b.intent}>
      <details>
        <summary style={{ cursor: 'pointer' }}>
          <strong>{b.label}</strong> {pct(b.confidence)}
          {b.declared !== null && (
            <span style={{ color: c.accent }}> · declared {b.declared ? 'yes' : 'no'}</span>
          )}
          <span
            aria-hidden="true"
            style={{
              display: 'inline-block',
              verticalAlign: 'middle',
              marginLeft: 6,
              width: 60,
              height: 6,
              background: c.line,
              borderRadius: 3,
              overflow: 'hidden',
            }}
          >
            <span
              style={{
                display: 'block',
                width: pct(b.confidence),
                height: '100%',
                background: b.confidence >= 0.5 ? c.good : c.accent,
              }}
            />
          </span>
        </summary>
        <div style={{ color: c.muted, paddingLeft: 12 }}>
          <div>
            score {b.score.toFixed(2)} · {b.observations} signals · last{' '}
            {ago(now, b.lastEvidenceAt)}
          </div>
          <div>
            decay: halves every {duration(def?.halfLife ?? Number.POSITIVE_INFINITY)}
            {peak && peak.confidence !== b.confidence
              ? ` · was ${pct(peak.confidence)} at the last evidence`
              : ''}
          </div>
          {b.evidence.length === 0 ? (
            <div>no evidence yet</div>
          ) : (
            <ul style={list} aria-label={`evidence for ${b.label}`}>
              {b.evidence.map((e) => (
                <li key={e.rule}>
                  <span style={{ color: e.contribution >= 0 ? c.good : c.bad }}>
                    {num(e.contribution)}
                  </span>{' '}
                  {e.label} ×{e.count} · {ago(now, e.lastAt)}
                  {e.signal && <span> · {describeSignal(e.signal)}</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      </details>
    </li>
  );
}

function DecisionRow(props: { decision: Decision }): ReactNode {
  const d = props.decision;
  return (
    <li style={{ padding: '4px 0' }} data-devtools-slot={d.slot}>
      <div>
        <strong>{d.slot}</strong> → <span style={{ color: c.accent }}>{d.variant}</span>{' '}
        <span style={{ color: c.muted }}>
          ({d.policy}
          {d.fallback ? ', fallback' : ''}
          {d.assignment?.holdout ? ', holdout' : ''})
        </span>
      </div>
      <div style={{ color: c.muted }}>{d.reason}</div>
      {d.evidence.length > 0 && (
        <ul style={{ ...list, paddingLeft: 12, color: c.muted }}>
          {d.evidence.map((e) => (
            <li key={e.label}>
              {e.label}
              {e.value !== undefined ? ` (${Math.round(e.value * 100) / 100})` : ''}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function Controls(props: { client: AppClient }): ReactNode {
  const { client } = props;
  const ids = client.model.intentIds;
  const [intent, setIntent] = useState<RegisteredIntent>(ids[0] ?? ('' as RegisteredIntent));
  const [confidence, setConfidence] = useState(0.8);
  const [note, setNote] = useState('');
  const id = useId();
  const simulates = isSimulatable(client.model);
  return (
    <div style={{ display: 'grid', gap: 6 }}>
      <div style={{ display: 'flex', gap: 6, flexWrap: 'wrap', alignItems: 'center' }}>
        <label htmlFor={`${id}-intent`}>Intent</label>
        <select
          id={`${id}-intent`}
          style={control}
          value={intent}
          onChange={(e) => setIntent(e.target.value as RegisteredIntent)}
        >
          {ids.map((i) => (
            <option key={i} value={i}>
              {i}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-confidence`}>Confidence {pct(confidence)}</label>
        <input
          id={`${id}-confidence`}
          type="range"
          min={0.05}
          max={0.95}
          step={0.05}
          value={confidence}
          onChange={(e) => setConfidence(Number(e.target.value))}
          disabled={!simulates}
        />
      </div>
      <div style={{ display: 'flex', gap: 6, flexWrap: 'wrap' }}>
        <button
          type="button"
          style={control}
          onClick={() => {
            const inferred = simulateIntent(client, intent, confidence);
            setNote(
              inferred
                ? `Simulated ${intent} at ${pct(confidence)}.`
                : `This model has no simulation rule (wrap it with simulatable()); declared ${intent} instead.`,
            );
          }}
        >
          Simulate
        </button>
        <button type="button" style={control} onClick={() => client.declare(intent, true)}>
          Declare yes
        </button>
        <button type="button" style={control} onClick={() => client.declare(intent, false)}>
          Declare no
        </button>
        <button type="button" style={control} onClick={() => client.declare(intent, null)}>
          Clear declaration
        </button>
        <button
          type="button"
          style={control}
          onClick={() => {
            // Memory only: what the device stored stays until Forget.
            engineOf(client).reset();
            setNote('Reset: evidence, declarations and steps cleared in memory.');
          }}
        >
          Reset
        </button>
        <button
          type="button"
          style={control}
          onClick={() => {
            client.forget();
            setNote('Forgot everything, including what was stored.');
          }}
        >
          Forget
        </button>
      </div>
      <div role="status" style={{ color: c.muted, minHeight: '1.45em' }}>
        {note}
      </div>
    </div>
  );
}

function PanelBody(props: IntentDevtoolsPanelProps): ReactNode {
  const fromContext = useContext(ClientContext);
  const client = (props.client as AppClient | undefined) ?? inside(fromContext, 'IntentDevtools');
  const state = useSyncExternalStore(client.subscribe, client.getState, client.getServerState);
  const signals = useLiveSignals(client, props.maxSignals ?? 30, props.tick ?? 1000);
  const decisions = useDecisions(client);
  const engine = engineOf(client);
  const now = Math.max(state.asOf, signals[0]?.at ?? 0, Date.now());
  const beliefs = (Object.values(state.beliefs) as Belief<RegisteredIntent>[])
    .map((b) => engine.belief(b.intent, now))
    .sort((a, b) => b.confidence - a.confidence);
  return (
    <section
      aria-label="intentful devtools"
      className={props.className}
      style={{ ...font, background: c.panel, borderRadius: 6, ...props.style }}
      data-intentful-devtools=""
    >
      <div style={{ padding: '8px 10px' }}>
        <strong>intentful</strong>{' '}
        <span style={{ color: c.muted }}>
          top: {state.top ? `${state.top.label} ${pct(state.top.confidence)}` : 'none'} · next step:{' '}
          {state.nextStep ? state.nextStep.id : 'none'}
        </span>
      </div>
      <div style={sectionStyle}>
        <h3 style={h3}>Beliefs</h3>
        <ul style={list}>
          {beliefs.map((b) => (
            <BeliefRow key={b.intent} belief={b} client={client} now={now} />
          ))}
        </ul>
      </div>
      <div style={sectionStyle}>
        <h3 style={h3}>Slots</h3>
        {decisions.length === 0 ? (
          <p style={{ margin: 0, color: c.muted }}>No slot mounted.</p>
        ) : (
          <ul style={list}>
            {decisions.map((d) => (
              <DecisionRow key={d.slot} decision={d} />
            ))}
          </ul>
        )}
      </div>
      <div style={sectionStyle}>
        <h3 style={h3}>Simulate</h3>
        <Controls client={client} />
      </div>
      <div style={sectionStyle}>
        <h3 style={h3}>Signals</h3>
        {signals.length === 0 ? (
          <p style={{ margin: 0, color: c.muted }}>No signal yet.</p>
        ) : (
          <ol style={{ ...list, maxHeight: 180, overflow: 'auto' }} aria-label="live signal feed">
            {signals.map((s, i) => (
              <li
                // biome-ignore lint/suspicious/noArrayIndexKey: history has no ids; position from the newest is stable enough for a feed
                key={`${s.at}:${i}`}
                style={{ color: s.type === SIMULATE_SIGNAL ? c.accent : c.text }}
              >
                <span style={{ color: c.muted }}>{ago(now, s.at)}</span> {describeSignal(s)}
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}

/**
 * The devtools panel itself, inline where you put it (a Storybook story, a staff page). Must be
 * inside `<IntentProvider client={…}>` (it reads the client from context), or given `client`.
 * Renders nothing in production unless `enabled`.
 */
export function IntentDevtoolsPanel(props: IntentDevtoolsPanelProps): ReactNode {
  if (!(props.enabled ?? !isProduction())) return null;
  return <PanelBody {...props} />;
}

const corners: Record<NonNullable<IntentDevtoolsProps['position']>, CSSProperties> = {
  'bottom-right': { bottom: 12, right: 12 },
  'bottom-left': { bottom: 12, left: 12 },
  'top-right': { top: 12, right: 12 },
  'top-left': { top: 12, left: 12 },
};

function Floating(props: IntentDevtoolsProps): ReactNode {
  const [open, setOpen] = useState(props.initialIsOpen ?? false);
  const id = useId();
  const { initialIsOpen: _open, position = 'bottom-right', ...panel } = props;
  return (
    <div
      style={{
        position: 'fixed',
        zIndex: 2147483000,
        ...corners[position],
        display: 'grid',
        gap: 6,
        justifyItems: position.endsWith('right') ? 'end' : 'start',
      }}
    >
      {open && (
        // Never wider than the screen: on a phone the panel is a drawer across the bottom.
        <div
          id={id}
          style={{
            width: 'min(380px, calc(100vw - 24px))',
            maxHeight: '70vh',
            overflow: 'auto',
            borderRadius: 6,
          }}
        >
          <PanelBody {...panel} />
        </div>
      )}
      <button
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        style={{ ...control, background: c.bg, padding: '4px 10px', borderRadius: 999 }}
      >
        {open ? 'Close intentful devtools' : 'intentful devtools'}
      </button>
    </div>
  );
}

/**
 * A floating toggle that opens the devtools panel: live signal feed, beliefs with confidence,
 * decay and evidence, each slot's decision and reason, and controls to simulate, declare, reset
 * and forget. Place it once inside `<IntentProvider>`, or pass it `client`. Renders nothing in
 * production unless `enabled`, and lives in `intentful/devtools`, so apps that never import it
 * do not ship it.
 */
export function IntentDevtools(props: IntentDevtoolsProps): ReactNode {
  if (!(props.enabled ?? !isProduction())) return null;
  return <Floating {...props} />;
}
