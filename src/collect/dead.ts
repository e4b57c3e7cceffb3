import { describeElement, type Hub, INTERACTIVE } from './hub';

/** Options for dead clicks: a click after which nothing happens. */
export interface DeadClickOptions {
  /** How long to watch for a response, in ms. @defaultValue `1000` */
  timeoutMs?: number;
  /**
   * Clicks on these elements are never dead: form controls change state without touching the
   * DOM, and text selection is a reaction of its own.
   * @defaultValue `'input,select,textarea,label,option,[contenteditable],[data-intent-ignore]'`
   */
  ignore?: string;
}

// Where apps announce the result of an action (a toast, "added to cart"), wherever it sits.
const LIVE = '[aria-live]:not([aria-live=off]),[role=status],[role=alert],[role=log]';
const DIALOG = 'dialog,[role=dialog],[role=alertdialog],[aria-modal=true],[popover]';
// Page-level containers: a change anywhere inside one is not a change near the click.
const PAGE = 'body,html,main,[data-intent-page]';

interface Pending {
  /** The control clicked (the button around the icon under the pointer). */
  readonly el: Element;
  /** Where a change counts as its response: the control's neighbourhood and what it controls. */
  readonly near: readonly Element[];
  readonly cancel: () => void;
}

const isDialog = (node: Node): boolean =>
  node.nodeType === 1 &&
  !!((node as Element).matches(DIALOG) || (node as Element).querySelector(DIALOG));

/**
 * A click counts as dead when, within `timeoutMs`, nothing answers it. What answers:
 * - a DOM change in the clicked control, or near it (below its grandparent, short of the page's
 *   own containers: `main`, `[data-intent-page]`, `body`), or in what it names in `aria-controls`;
 * - a class, style or child list change of an element around it (a theme switch, a scroll lock,
 *   a portal mounted on `body`);
 * - a change in a live region (`aria-live`, `role=status|alert|log`) or a dialog or popover
 *   appearing, anywhere;
 * - focus moving elsewhere, a page scroll (or a scroll of the box around the control), a
 *   navigation.
 *
 * Changes elsewhere do not: a ticking clock, a devtools panel or a slot re-rendering on the
 * other side of the page never hides a dead click. The MutationObserver watches only while a
 * click is pending.
 */
export const collectDeadClicks = (hub: Hub, options: DeadClickOptions): void => {
  const ms = options.timeoutMs ?? 1000;
  const ignore =
    options.ignore ?? 'input,select,textarea,label,option,[contenteditable],[data-intent-ignore]';
  // Pending clicks by control: repeated clicks on one control are one dead click.
  const pending = new Map<Element, Pending>();
  const drop = (el: Element): void => {
    pending.delete(el);
    // Watching the whole document costs on every change: only while a click is pending.
    if (!pending.size) observer.disconnect();
  };
  const settle = (p: Pending): void => {
    p.cancel();
    drop(p.el);
  };
  const settleAll = (): void => {
    for (const p of pending.values()) settle(p);
  };
  const observer = new hub.win.MutationObserver((records) =>
    hub.run(() => {
      for (const { type, target, addedNodes } of records) {
        if (!pending.size) return;
        const el = target.nodeType === 1 ? (target as Element) : target.parentElement;
        if (
          el?.closest(LIVE) ||
          (type === 'attributes' && el?.matches(DIALOG)) ||
          Array.prototype.some.call(addedNodes, isDialog)
        ) {
          settleAll();
          return;
        }
        for (const p of pending.values())
          if (p.near.some((n) => n.contains(target)) || target.contains(p.el)) settle(p);
      }
    }),
  );
  const neighbourhood = (el: Element): Element[] => {
    let near = el;
    for (let i = 0; i < 2; i++) {
      const up = near.parentElement;
      if (!up || up.matches(PAGE)) break;
      near = up;
    }
    const controls = (el.getAttribute('aria-controls') ?? '')
      .split(/\s+/)
      .map((id) => (id ? hub.doc.getElementById(id) : null))
      .filter((c): c is HTMLElement => c !== null);
    return [near, ...controls];
  };
  // The element the pointer last pressed: focus landing on it is the press, not a response.
  let pressed: Element | null = null;
  hub.on('pointerdown', (_, el) => {
    pressed = el;
  });
  hub.on('focusin', (_, el) => {
    if (!el || (pressed && el.contains(pressed))) return;
    for (const p of pending.values()) if (!p.el.contains(el)) settle(p);
  });
  hub.on('scroll', (_, box) => {
    if (!pending.size) return;
    for (const p of pending.values())
      if (!box || box.contains(p.el) || p.near.some((n) => n.contains(box))) settle(p);
  });
  hub.on('toggle', (_, el) => {
    if (el?.matches(DIALOG)) settleAll();
  });
  hub.on('hashchange', settleAll);
  hub.nav(settleAll);
  hub.onStop(settleAll);
  hub.on('click', (_, target) => {
    if (
      !target ||
      target.closest(ignore) ||
      // A link with a real destination leaves the page: not dead even if slow.
      !(target.closest('a[href]')?.getAttribute('href') ?? '#').startsWith('#')
    )
      return;
    const el = target.closest(INTERACTIVE) ?? target;
    if (pending.has(el)) return;
    if (!pending.size) {
      observer.observe(hub.doc, {
        subtree: true,
        childList: true,
        attributes: true,
        characterData: true,
      });
    }
    pending.set(el, {
      el,
      near: neighbourhood(el),
      cancel: hub.later(() => {
        drop(el);
        hub.emit('dead-click', describeElement(el), { ms });
      }, ms),
    });
  });
};
