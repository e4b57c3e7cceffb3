// The calibration loop's input: labelled sessions recorded in the browser, in the CLI's format.
import { type Session, validateSession } from '../calibrate/format';
import type { IntentfulPlugin, PluginContext } from '../core/client';
import { browserStorage, type StorageLike } from '../core/persist';
import type { Signal } from '../core/signal';

export type { Session } from '../calibrate/format';

export interface RecorderOptions<O extends string> {
  /**
   * The outcomes every session is labelled with: `false` until the session reaches one (a
   * `goal` signal with that target, or `label()`), so sessions without a purchase count as
   * negatives when calibrating.
   */
  outcomes: readonly O[];
  /** Sessions kept; the oldest is dropped beyond this. @defaultValue `20` */
  maxSessions?: number;
  /** Signals kept per session; its oldest are dropped beyond this. @defaultValue `300` */
  maxSignals?: number;
  /** Inactivity after which the next signal starts a new session, in milliseconds. @defaultValue `1800000` (30 min) */
  sessionGap?: number;
  /**
   * Where sessions are kept across page loads (only while consent allows persisting); `null`
   * keeps them in memory for this page. @defaultValue the client's `storage`, else `localStorage`
   */
  storage?: StorageLike | null;
  /**
   * Receives finished sessions as JSONL (one session per line, the CLI's format), only while
   * consent allows sending; return `false` to keep them for the next try. A session is finished
   * after `sessionGap` without signals (noticed when the next signal, visit or `flush()` comes)
   * or when the app calls `end()`. For example `(body) => navigator.sendBeacon('/sessions', body)`.
   * @defaultValue none: sessions stay on the device until `download()` or `toJSONL()`
   */
  send?: (jsonl: string) => unknown;
}

/** The recorder plugin and the app's handle on what it recorded. */
export interface Recorder<O extends string = string> extends IntentfulPlugin {
  /**
   * Labels the current session: `reached` (default `true`) adds a `goal` signal for `outcome`
   * now, so evaluation judges the session on what came before it. `false` without consent
   * to record.
   */
  label(outcome: O, reached?: boolean): boolean;
  /** Finishes the current session (checkout done, sign-out): the next signal starts a new one. */
  end(): void;
  /** The kept sessions, oldest first, in the CLI's session format. */
  sessions(): Session[];
  /** The kept sessions as JSONL, ready for `intentful calibrate` and `evaluate`. */
  toJSONL(): string;
  /**
   * Saves the kept sessions as a file through the browser's download (a Blob and an object
   * URL). `false` where there is no DOM or nothing is kept.
   * @param filename @defaultValue `'intentful-sessions.jsonl'`
   */
  download(filename?: string): boolean;
  /** Hands finished sessions to `send` now (when consent allows sending). */
  flush(): void;
}

interface Live {
  id: string;
  signals: Signal[];
  outcomes: Record<string, boolean>;
  last: number;
  done: boolean;
}

const VERSION = 1;

/**
 * Records labelled sessions for calibration: the signals the client accepted, after the same
 * redaction the client applies (it reads them from the client's history), plus the outcomes the
 * app names. Records only while consent allows persisting; what this page saw before consent
 * arrived is added when it does (as `persistence()` saves it). Withdrawal, Global Privacy
 * Control and `forget()` erase what it kept. Bounded: `maxSessions` sessions of `maxSignals`
 * signals, the oldest dropped first. Each stored signal is appended as it arrives; the page's
 * history is read once, when recording starts.
 */
export function recorder<const O extends string>(options: RecorderOptions<O>): Recorder<O> {
  const maxSessions = Math.max(1, options.maxSessions ?? 20);
  const maxSignals = Math.max(1, options.maxSignals ?? 300);
  const gap = options.sessionGap ?? 1_800_000;
  let ctx: PluginContext | undefined;
  let kept: Live[] = [];
  let lastSeen: Signal | undefined;
  let running = false;
  let loaded = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const key = (): string => `${ctx?.storageKey ?? 'intentful'}:recorder`;
  const given = (): StorageLike | null | undefined =>
    options.storage !== undefined ? options.storage : ctx?.storage;
  // Checked (by a test write) once, when first needed with consent; erasing never writes.
  let checked: StorageLike | null | undefined;
  const store = (): StorageLike | null => {
    if (checked === undefined) {
      const s = given();
      checked = s !== undefined ? s : browserStorage('localStorage');
    }
    return checked;
  };

  const report = (error: unknown): void => ctx?.report(error);

  const save = (): void => {
    clearTimeout(timer);
    timer = undefined;
    if (!ctx?.privacy().canPersist) return;
    try {
      store()?.setItem(key(), JSON.stringify({ v: VERSION, sessions: kept }));
    } catch (error) {
      // Full storage: the sessions still live in memory for this page.
      report(new Error(`intentful recorder: could not save sessions (${String(error)})`));
    }
  };
  const later = (): void => {
    timer ??= setTimeout(save, 1000);
  };

  const load = (): void => {
    if (loaded) return;
    loaded = true;
    let raw: string | null | undefined;
    try {
      raw = store()?.getItem(key());
    } catch {
      return;
    }
    if (!raw) return;
    try {
      const saved = JSON.parse(raw) as { v?: unknown; sessions?: unknown };
      if (saved.v !== VERSION || !Array.isArray(saved.sessions)) throw new Error('unknown shape');
      const restored: Live[] = [];
      for (const s of saved.sessions as Live[]) {
        const checked = validateSession(s);
        if (typeof checked === 'string') throw new Error(checked);
        restored.push({
          id: checked.id,
          signals: [...checked.signals],
          outcomes: { ...checked.outcomes },
          last: Number(s.last) || 0,
          done: s.done === true,
        });
      }
      kept = [...restored, ...kept].slice(-maxSessions);
    } catch (error) {
      report(
        new Error(`intentful recorder: discarded unreadable saved sessions (${String(error)})`),
      );
    }
  };

  const open = (at: number): Live => {
    let cur = kept[kept.length - 1];
    if (cur && !cur.done && at - cur.last <= gap) return cur;
    if (cur) cur.done = true;
    cur = {
      id: `${Math.floor(at).toString(36)}-${Math.random().toString(36).slice(2, 10)}`,
      signals: [],
      outcomes: {},
      last: at,
      done: false,
    };
    kept.push(cur);
    if (kept.length > maxSessions) kept.splice(0, kept.length - maxSessions);
    return cur;
  };

  const add = (s: Signal): void => {
    const cur = open(s.at);
    cur.signals.push(s);
    if (cur.signals.length > maxSignals) cur.signals.splice(0, cur.signals.length - maxSignals);
    if (s.at > cur.last) cur.last = s.at;
    // Only the outcomes named up front: a label no other session carries would give calibration
    // positives without negatives.
    if (s.type === 'goal' && (options.outcomes as readonly string[]).includes(s.target ?? ''))
      cur.outcomes[s.target as string] = true;
  };

  // When recording starts: what this page stored before (consent arrived late), after the last
  // signal already recorded. Later signals come one by one through `onSignal`.
  function backfill(): void {
    if (!running || !ctx) return;
    const history = ctx.history();
    const from = lastSeen ? history.lastIndexOf(lastSeen) + 1 : 0;
    if (lastSeen && from === 0)
      report(
        new Error(
          'intentful recorder: while recording was paused the page stored more signals than the client keeps (historySize); the oldest of them were not recorded',
        ),
      );
    if (from === history.length) return;
    for (let i = from; i < history.length; i++) add(history[i] as Signal);
    lastSeen = history[history.length - 1];
    later();
  }

  const exported = (s: Live): Session => {
    const outcomes: Record<string, boolean> = {};
    for (const o of options.outcomes) outcomes[o] = false;
    return { id: s.id, signals: s.signals, outcomes: Object.assign(outcomes, s.outcomes) };
  };

  const finished = (now: number): Live[] => kept.filter((s) => s.done || now - s.last > gap);

  const flush = (): void => {
    if (!options.send || !ctx?.privacy().canSend) return;
    const ready = finished(ctx.clock());
    if (ready.length === 0) return;
    try {
      if (options.send(ready.map((s) => JSON.stringify(exported(s))).join('\n')) === false) return;
    } catch (error) {
      report(error);
      return;
    }
    kept = kept.filter((s) => !ready.includes(s));
    save();
  };

  const clear = (): void => {
    clearTimeout(timer);
    timer = undefined;
    kept = [];
    lastSeen = undefined;
    try {
      const s = given();
      (s !== undefined ? s : globalThis.localStorage)?.removeItem(key());
    } catch {
      // A storage that refuses access holds nothing of ours.
    }
  };

  const live = (): Live[] => kept.filter((s) => s.signals.length > 0);
  const toJSONL = (): string =>
    live()
      .map((s) => `${JSON.stringify(exported(s))}\n`)
      .join('');

  return {
    name: 'recorder',
    setup(context) {
      ctx = context;
      return {
        start(privacy) {
          if (!privacy.canPersist) return undefined;
          running = true;
          load();
          backfill();
          flush();
          const offSignal = context.onSignal((signal) => {
            add(signal);
            lastSeen = signal;
            later();
          });
          // Mobile browsers may discard a hidden page without a pagehide.
          const doc = typeof document === 'undefined' ? null : document;
          const onHidden = (): void => {
            if (doc?.visibilityState === 'hidden') save();
          };
          doc?.addEventListener('visibilitychange', onHidden);
          if (typeof addEventListener === 'function') addEventListener('pagehide', save);
          return () => {
            running = false;
            offSignal();
            doc?.removeEventListener('visibilitychange', onHidden);
            if (typeof removeEventListener === 'function') removeEventListener('pagehide', save);
            if (timer !== undefined) save();
          };
        },
        forget: clear,
        erase: clear,
      };
    },
    label(outcome, reached = true) {
      if (!running || !ctx) return false;
      const at = ctx.clock();
      const cur = open(at);
      cur.outcomes[outcome] = reached;
      if (reached && !cur.signals.some((s) => s.type === 'goal' && s.target === outcome)) {
        cur.signals.push(Object.freeze({ type: 'goal', at, target: outcome }));
        if (at > cur.last) cur.last = at;
      }
      later();
      return true;
    },
    end() {
      const cur = kept[kept.length - 1];
      if (cur) cur.done = true;
      save();
      flush();
    },
    sessions: () => live().map(exported),
    toJSONL,
    download(filename = 'intentful-sessions.jsonl') {
      const body = toJSONL();
      if (
        body === '' ||
        typeof document === 'undefined' ||
        typeof URL.createObjectURL !== 'function'
      )
        return false;
      const url = URL.createObjectURL(new Blob([body], { type: 'application/x-ndjson' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = filename;
      link.hidden = true;
      document.body.append(link);
      link.click();
      link.remove();
      // Revoked after the click has started the download; revoking at once can cancel it.
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      return true;
    },
    flush,
  };
}
