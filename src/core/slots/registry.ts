import { SlotError } from './error';
import { compileRules, type Rule } from './rules';

export { unknownIntent } from './rules';

import type { Policy, ResolvedSlot, VariantSpec } from './types';

/** A slot as a product team registers it, in code or JSON. */
export interface SlotDefinition<V extends string = string> {
  readonly variants: { readonly [K in V]: VariantSpec };
  /** The generalized experience. @defaultValue the variant marked `fallback`, else the first */
  readonly fallback?: NoInfer<V>;
  /** How the variant is chosen. @defaultValue the rules policy when `rules` are given, else the provider's policy */
  readonly policy?: Policy;
  /** JSON rules (first match wins), validated now, at registration. */
  readonly rules?: readonly Rule[];
  /** Switch variants while the user is looking instead of waiting for navigation. @defaultValue `false` */
  readonly live?: boolean;
}

/** A registered slot, ready for the hub. */
export interface RegisteredSlotSpec extends ResolvedSlot {
  readonly policy?: Policy;
  readonly live?: boolean;
  /** As registered, for the client's development check of intent ids against the model. */
  readonly rules?: readonly Rule[];
}

/** Validated slots. `M` maps slot ids to their variant ids so typos fail to compile. */
export interface SlotRegistry<M extends { [slot: string]: string } = { [slot: string]: string }> {
  readonly slots: { readonly [K in keyof M]: RegisteredSlotSpec };
  /** Type-only: slot id → variant ids. */
  readonly variantsOf?: M;
}

// Production keeps which slot, variant and field; the longer sentences are for development.
function fail(id: string, problem: string): never {
  throw new SlotError(`intentful: slot "${id}": ${problem}`);
}

/**
 * Refuses ids every object has and picks the fallback; shared by the registry and
 * `<AdaptiveSlot>`. The shape checks are the registry's (`checkVariant`): `<Variant>`s give
 * `<AdaptiveSlot>` at least one variant, each an object with intents as a list of strings.
 */
export function resolveSlot(
  id: string,
  variants: { readonly [id: string]: VariantSpec },
  fallback?: string,
  checkVariant?: (v: string) => void,
): ResolvedSlot {
  const ids = Object.keys(variants);
  if (id in Object.prototype)
    fail(
      id,
      process.env.NODE_ENV !== 'production'
        ? `"${id}" is a name every JavaScript object has; choose another slot id`
        : `reserved id "${id}"`,
    );
  for (const v of ids) {
    if (v in Object.prototype)
      fail(
        id,
        process.env.NODE_ENV !== 'production'
          ? `variant "${v}" is a name every JavaScript object has; choose another id`
          : `reserved variant id "${v}"`,
      );
    checkVariant?.(v);
  }
  const fb = fallback ?? ids.find((v) => variants[v]?.fallback) ?? ids[0]!;
  if (!Object.hasOwn(variants, fb))
    fail(
      id,
      process.env.NODE_ENV !== 'production'
        ? `fallback "${fb}" is not a variant (known: ${ids.join(', ')})`
        : `fallback "${fb}" is not a variant`,
    );
  return { id, ids, variants, fallback: fb };
}

/**
 * Registers slots outside JSX. Throws a `SlotError` naming the slot, rule index and field that
 * is wrong, so bad configuration fails at startup rather than at render.
 *
 * ```ts
 * export const slots = defineSlots({ hero: { variants: { standard: {}, compare: { intents: ['compare'] } } } });
 * declare module 'intentful' { interface Register { slots: typeof slots } }
 * ```
 */
export function defineSlots<const T extends { readonly [slot: string]: SlotDefinition<string> }>(
  definitions: T & {
    readonly [K in keyof T]: { readonly fallback?: keyof T[K]['variants'] & string };
  },
): SlotRegistry<{ [K in keyof T & string]: keyof T[K]['variants'] & string }> {
  const slots: { [slot: string]: RegisteredSlotSpec } = {};
  for (const [id, def] of Object.entries(definitions) as [string, SlotDefinition][]) {
    // Registered slots come from code or JSON, so their shape is checked here, in the order
    // `resolveSlot` meets each variant.
    const variants = def?.variants;
    if (typeof variants !== 'object' || variants === null) fail(id, 'variants must be an object');
    if (Object.keys(variants).length === 0) fail(id, 'needs at least one variant');
    const base = resolveSlot(id, variants, def.fallback, (v) => {
      const spec = variants[v];
      if (typeof spec !== 'object' || spec === null) fail(id, `variant "${v}" must be an object`);
      if (
        spec.intents !== undefined &&
        (!Array.isArray(spec.intents) || spec.intents.some((i) => typeof i !== 'string'))
      )
        fail(
          id,
          process.env.NODE_ENV !== 'production'
            ? `variant "${v}": intents must be a list of intent ids`
            : `variant "${v}": bad intents`,
        );
    });
    let policy = def.policy;
    if (def.rules !== undefined) {
      const compiled = compileRules(def.rules, `slot "${id}": `, base.ids);
      policy ??= compiled;
    }
    slots[id] = {
      ...base,
      ...(policy && { policy }),
      ...(def.rules && { rules: def.rules }),
      ...(def.live !== undefined && { live: def.live }),
    };
  }
  return { slots } as SlotRegistry<{ [K in keyof T & string]: keyof T[K]['variants'] & string }>;
}
