import { type Hub, label } from './hub';

/** Options for form hesitation, repeated edits and abandonment (timing and counts only). */
export interface FormOptions {
  /** A focused field left idle this long counts as a pause, in ms. @defaultValue `4000` */
  pauseMs?: number;
  /** Separate visits that change the same field before it counts as repeated editing. @defaultValue `3` */
  repeatedEdits?: number;
  /** Fields that are never observed, not even their timing. @defaultValue `'[data-intent-ignore],[type=hidden]'` */
  ignore?: string;
}

/** A form being filled in: its name, when it was first focused, and edits by field name. */
interface FormState {
  readonly name: string;
  readonly at: number;
  readonly edits: Map<string, number>;
}

/**
 * Observes fields through delegated `focusin`/`focusout`/`input`/`submit` listeners and reads
 * neither values nor keys, only that something changed and when:
 * - `form-hesitation` `{ form, field, reason: 'pause', ms }`: a focused field idle for `pauseMs`;
 * - `form-hesitation` `{ form, field, reason: 'edits', edits }`: changed on `repeatedEdits` visits;
 * - `form-abandon` `{ form, fields, ms }`: a started form left unsubmitted when the page is hidden
 *   or the route changes.
 */
export const collectForms = (hub: Hub, options: FormOptions): void => {
  const pauseMs = options.pauseMs ?? 4000;
  const forms = new Map<Element | null, FormState>();
  let focused: Element | null = null;
  let changed = false;
  let pause: (() => void) | undefined;

  const field = (el: Element | null): el is Element =>
    !!el?.matches('input,select,textarea') &&
    !el.closest(options.ignore ?? '[data-intent-ignore],[type=hidden]');
  const fieldName = (el: Element): string => label(el, 'data-intent-field name id type');
  const formOf = (el: Element): FormState => {
    const formEl = el.closest('form');
    let form = forms.get(formEl);
    if (!form) {
      form = {
        name: formEl ? label(formEl, 'data-intent-form name id', 'form') : 'none',
        at: hub.now(),
        edits: new Map(),
      };
      forms.set(formEl, form);
    }
    return form;
  };
  const hesitate = (el: Element, data: { reason: string; ms?: number; edits?: number }): void => {
    const { name } = formOf(el);
    hub.emit('form-hesitation', name, { form: name, field: fieldName(el), ...data });
  };
  const arm = (el: Element): void => {
    pause?.();
    pause = hub.later(
      () => focused === el && hesitate(el, { reason: 'pause', ms: pauseMs }),
      pauseMs,
    );
  };
  const abandon = (): void => {
    for (const [el, { name, at, edits }] of forms) {
      if (!edits.size) continue;
      hub.emit('form-abandon', name, {
        form: name,
        fields: edits.size,
        ms: Math.max(0, hub.now() - at),
      });
      forms.delete(el);
    }
  };

  hub.on('focusin', (_, el) => {
    if (!field(el)) return;
    focused = el;
    changed = false;
    formOf(el);
    arm(el);
  });
  hub.on('focusout', (_, el) => {
    if (el !== focused) return;
    focused = null;
    pause?.();
  });
  hub.on('input', (_, el) => {
    if (!field(el)) return;
    const { edits } = formOf(el);
    // Typing counts once per visit to the field; a change without focus (autofill) each time.
    if (!changed || focused !== el) {
      changed = true;
      const key = fieldName(el);
      const n = (edits.get(key) ?? 0) + 1;
      edits.set(key, n);
      if (n === (options.repeatedEdits ?? 3)) hesitate(el, { reason: 'edits', edits: n });
    }
    if (focused === el) arm(el);
  });
  hub.on('submit', (_, el) => {
    forms.delete(el?.closest('form') ?? null);
  });
  hub.on('visibilitychange', () => {
    if (hub.hidden()) abandon();
  });
  hub.on('pagehide', abandon);
  hub.nav(() => {
    abandon();
    forms.clear();
  }, true);
};
