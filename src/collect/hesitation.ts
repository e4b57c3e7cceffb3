import { describeElement, type Hub, label } from './hub';

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
export const collectHesitation = (hub: Hub, options: HesitationOptions): void => {
  const ms = options.minMs ?? 2500;
  let current: Element | null | undefined;
  let cancel: (() => void) | undefined;
  const leave = (): void => {
    cancel?.();
    current = null;
  };
  hub.on('pointerover', (_, target) => {
    const el = target?.closest(options.selector ?? '[data-intent-cta],[data-intent-pricing]');
    if (el === current) return;
    leave();
    if (!el) return;
    current = el;
    cancel = hub.later(
      () =>
        hub.emit(
          'hesitation',
          label(el, 'data-intent-cta data-intent-pricing', describeElement(el)),
          { ms },
        ),
      ms,
    );
  });
  hub.on('pointerout', (event) => {
    const to = (event as PointerEvent).relatedTarget as Node | null;
    if (!to || !current?.contains(to)) leave();
  });
  hub.on('click', leave);
};
