'use client';

import { AnimatePresence, motion } from 'framer-motion';
import { type ReactNode, useSyncExternalStore } from 'react';
import type { SlotTransition } from '../react/slot';

const QUERY = '(prefers-reduced-motion: reduce)';

const subscribe = (onChange: () => void): (() => void) => {
  if (typeof matchMedia !== 'function') return () => {};
  const mql = matchMedia(QUERY);
  mql.addEventListener('change', onChange);
  return () => mql.removeEventListener('change', onChange);
};
const prefersReduced = (): boolean => typeof matchMedia === 'function' && matchMedia(QUERY).matches;
// The server cannot know the preference; the DOM shape is the same either way, so nothing mismatches.
const onServer = (): boolean => false;

/** `true` while the user asks for less motion; follows changes to the setting live. */
export function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, prefersReduced, onServer);
}

export interface CrossfadeOptions {
  /** Seconds the old and new variant take to fade. @defaultValue `0.2` */
  duration?: number;
}

/**
 * A transition for `<AdaptiveSlot transition={…}>`: the old and new variant overlap in one grid
 * cell while they fade, so the page does not jump. With `prefers-reduced-motion` the switch is
 * instant. The first render never animates (no flash after server rendering). Call it once at
 * module scope: each call makes a new component type.
 */
export function crossfade(options: CrossfadeOptions = {}): SlotTransition {
  const duration = options.duration ?? 0.2;
  function Crossfade(props: { variant: string; children: ReactNode }): ReactNode {
    const reduced = usePrefersReducedMotion();
    return (
      <div style={{ display: 'grid' }} data-motion={reduced ? 'reduced' : 'crossfade'}>
        <AnimatePresence initial={false}>
          <motion.div
            key={props.variant}
            style={{ gridArea: '1 / 1' }}
            initial={{ opacity: 0 }}
            animate={{ opacity: 1 }}
            exit={{ opacity: 0 }}
            transition={{ duration: reduced ? 0 : duration }}
          >
            {props.children}
          </motion.div>
        </AnimatePresence>
      </div>
    );
  }
  return Crossfade;
}

/** The default crossfade (0.2 s). */
export const Crossfade: SlotTransition = /* @__PURE__ */ crossfade();
