import type { Collector } from './context';
import { describeElement, eventElement } from './hub';

/** Options for hesitation: a long pause over a call to action or pricing. */
export interface HesitationOptions {
  /** Time the pointer rests on a marked element before it counts, in ms. @defaultValue `2500` */
  minMs?: number;
  /** Elements where a pause means hesitation. @defaultValue `'[data-intent-cta],[data-intent-pricing]'` */
  selector?: string;
}

/**
 * Delegated `pointerover`/`pointerout`: resting on a marked element for `minMs` without clicking
 * emits `{ type: 'hesitation', target: 'buy', data: { ms: 2500 } }`, once per visit.
 */
export const collectHesitation = ((ctx, options) => {
  const { hub } = ctx;
  const minMs = options.minMs ?? 2500;
  const selector = options.selector ?? '[data-intent-cta],[data-intent-pricing]';
  let current: Element | null = null;
  let cancel: (() => void) | null = null;

  const leave = (): void => {
    cancel?.();
    cancel = null;
    current = null;
  };

  const offs = [
    hub.on('document', 'pointerover', (event) => {
      const el = eventElement(event)?.closest(selector) ?? null;
      if (el === current) return;
      leave();
      if (!el) return;
      current = el;
      cancel = ctx.later(() => {
        cancel = null;
        const name =
          el.getAttribute('data-intent-cta') ||
          el.getAttribute('data-intent-pricing') ||
          describeElement(el);
        ctx.emit({ type: 'hesitation', target: name, data: { ms: minMs } });
      }, minMs);
    }),
    hub.on('document', 'pointerout', (event) => {
      const to = (event as PointerEvent).relatedTarget as Node | null;
      if (current && to && current.contains(to)) return;
      leave();
    }),
    hub.on('document', 'click', leave),
  ];
  return () => {
    for (const off of offs) off();
    leave();
  };
}) satisfies Collector<HesitationOptions>;
