/**
 * The text redaction of `redaction()`, by the plugin context of the client it was given to (one
 * context per client). Collectors read free text (clicked text, typed queries) only for a client
 * found here, and leave their compact sanitizer to the full redactor.
 */
export const fullRedaction: WeakMap<object, (text: string) => string> =
  /* @__PURE__ */ new WeakMap();
