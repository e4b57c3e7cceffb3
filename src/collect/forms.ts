import type { Collector } from './context';
import { locationKey } from './context';
import { eventElement } from './hub';

/** Options for form hesitation, repeated edits and abandonment (timing and counts only). */
export interface FormOptions {
  /** A focused field left idle this long counts as a pause, in ms. @defaultValue `4000` */
  pauseMs?: number;
  /** Separate visits that change the same field before it counts as repeated editing. @defaultValue `3` */
  repeatedEdits?: number;
  /** Fields that are never observed, not even their timing. @defaultValue `'[data-intent-ignore],[type=hidden]'` */
  ignore?: string;
}

const FIELD = 'input,select,textarea';

interface FieldState {
  visits: number;
  edits: number;
  reported: boolean;
}

interface FormState {
  readonly name: string;
  readonly startedAt: number;
  readonly fields: Map<string, FieldState>;
}

function formName(form: Element | null): string {
  if (!form) return 'none';
  return form.getAttribute('data-intent-form') || form.getAttribute('name') || form.id || 'form';
}

function fieldName(el: Element): string {
  return (
    el.getAttribute('data-intent-field') ||
    el.getAttribute('name') ||
    el.id ||
    el.getAttribute('type') ||
    el.tagName.toLowerCase()
  );
}

/**
 * Observes fields through delegated `focusin`/`focusout`/`input`/`submit` listeners and reads
 * neither values nor keys, only that something changed and when:
 * - `form-hesitation` `{ form, field, reason: 'pause', ms }`: a focused field idle for `pauseMs`;
 * - `form-hesitation` `{ form, field, reason: 'edits', edits }`: changed on `repeatedEdits` visits;
 * - `form-abandon` `{ form, fields, ms }`: a started form left unsubmitted when the page is hidden
 *   or the route changes.
 */
export const collectForms = ((ctx, options) => {
  const { hub } = ctx;
  const pauseMs = options.pauseMs ?? 4000;
  const repeated = options.repeatedEdits ?? 3;
  const ignore = options.ignore ?? '[data-intent-ignore],[type=hidden]';
  const forms = new Map<Element | null, FormState>();
  let focused: Element | null = null;
  let changedThisVisit = false;
  let pauseTimer: (() => void) | null = null;
  let page = locationKey(hub.window);

  const fieldOf = (event: Event): Element | null => {
    const el = eventElement(event);
    if (!el?.matches(FIELD) || el.closest(ignore)) return null;
    return el;
  };

  const stateOf = (el: Element): { form: FormState; field: FieldState } => {
    const formEl = el.closest('form');
    let form = forms.get(formEl);
    if (!form) {
      form = { name: formName(formEl), startedAt: ctx.clock(), fields: new Map() };
      forms.set(formEl, form);
    }
    const key = fieldName(el);
    let field = form.fields.get(key);
    if (!field) {
      field = { visits: 0, edits: 0, reported: false };
      form.fields.set(key, field);
    }
    return { form, field };
  };

  const armPause = (el: Element): void => {
    pauseTimer?.();
    pauseTimer = ctx.later(() => {
      pauseTimer = null;
      if (focused !== el) return;
      const { form } = stateOf(el);
      ctx.emit({
        type: 'form-hesitation',
        target: form.name,
        data: { form: form.name, field: fieldName(el), reason: 'pause', ms: pauseMs },
      });
    }, pauseMs);
  };

  const abandonAll = (): void => {
    for (const [el, form] of forms) {
      const touched = [...form.fields.values()].filter((f) => f.edits > 0).length;
      if (touched === 0) continue;
      ctx.emit({
        type: 'form-abandon',
        target: form.name,
        data: { form: form.name, fields: touched, ms: Math.max(0, ctx.clock() - form.startedAt) },
      });
      forms.delete(el);
    }
  };

  const offs = [
    hub.on('document', 'focusin', (event) => {
      const el = fieldOf(event);
      if (!el) return;
      focused = el;
      changedThisVisit = false;
      stateOf(el).field.visits++;
      armPause(el);
    }),
    hub.on('document', 'focusout', (event) => {
      if (eventElement(event) !== focused) return;
      focused = null;
      pauseTimer?.();
      pauseTimer = null;
    }),
    hub.on('document', 'input', (event) => {
      const el = fieldOf(event);
      if (!el) return;
      const { form, field } = stateOf(el);
      if (!changedThisVisit || focused !== el) {
        changedThisVisit = true;
        field.edits++;
        if (field.edits >= repeated && !field.reported) {
          field.reported = true;
          ctx.emit({
            type: 'form-hesitation',
            target: form.name,
            data: { form: form.name, field: fieldName(el), reason: 'edits', edits: field.edits },
          });
        }
      }
      if (focused === el) armPause(el);
    }),
    hub.on('document', 'submit', (event) => {
      forms.delete(eventElement(event)?.closest('form') ?? null);
    }),
    hub.on('document', 'visibilitychange', () => {
      if (hub.document.visibilityState === 'hidden') abandonAll();
    }),
    hub.on('window', 'pagehide', abandonAll),
    hub.onNavigate(() => {
      const now = locationKey(hub.window);
      if (now === page) return;
      page = now;
      abandonAll();
      forms.clear();
    }),
  ];
  return () => {
    for (const off of offs) off();
    pauseTimer?.();
  };
}) satisfies Collector<FormOptions>;
