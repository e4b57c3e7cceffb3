'use client';

// Zero specificity (`:where`), so any rule of the app wins without !important. Colours are the
// light defaults, each a CSS variable, so a theme changes them without `unstyled`. Each sheet
// reaches only its own component: a later sheet's equal-specificity rules would override it.
const base = (
  scope: string,
): string => `:where([${scope}]){--_bg:var(--intentful-bg,#fff);--_fg:var(--intentful-fg,#1f2328);--_muted:var(--intentful-muted,#57606a);--_accent:var(--intentful-accent,#0a58ca);--_border:var(--intentful-border,#d0d7de);--_radius:var(--intentful-radius,8px);--_gap:var(--intentful-gap,0.75rem);--_danger:var(--intentful-danger,#a40e26);box-sizing:border-box;max-width:36rem;padding:calc(var(--_gap)*1.5);border:1px solid var(--_border);border-radius:var(--_radius);background:var(--_bg);color:var(--_fg);font:inherit;line-height:1.45}
:where([${scope}]) :where(h2,h3,h4,h5,h6){margin:0 0 var(--_gap);font-size:1.125em}
:where([${scope}]) :where(p){margin:0}
:where([${scope}]) :where(ul){margin:0;padding:0;list-style:none}
:where([${scope}]) :where(button){font:inherit;cursor:pointer;padding:0.375em 0.875em;border:1px solid var(--_border);border-radius:999px;background:var(--_bg);color:var(--_fg)}
:where([${scope}]) :where(button:hover){border-color:var(--_accent)}
:where([${scope}]) :where(button:focus-visible,input:focus-visible){outline:2px solid var(--_accent);outline-offset:2px}
:where([${scope}]) :where([role=status]:empty){display:none}
:where([${scope}]) :where([role=status]){margin-top:var(--_gap);color:var(--_muted)}`;

export const profileCss = `${base('data-intent-profile')}
:where([data-intent-profile]) :where([data-intent-belief]){display:grid;gap:0.375rem;padding:var(--_gap) 0;border-top:1px solid var(--_border)}
:where([data-intent-profile]) :where([data-part=label]){font-weight:600}
:where([data-intent-profile]) :where([data-part=certainty]){margin-left:0.5em;padding:0.125em 0.5em;border-radius:999px;font-size:0.875em;background:color-mix(in srgb,var(--_accent) 10%,var(--_bg));color:var(--_accent)}
:where([data-intent-profile]) :where([data-declared=false] [data-part=label]){text-decoration:line-through;color:var(--_muted)}
:where([data-intent-profile]) :where([data-part=because],[data-part=empty],[data-part=consent]){color:var(--_muted)}
:where([data-intent-profile]) :where([data-part=actions],[data-part=privacy]){display:flex;flex-wrap:wrap;gap:0.5rem;align-items:center}
:where([data-intent-profile]) :where([data-part=privacy]){margin-top:var(--_gap);padding-top:var(--_gap);border-top:1px solid var(--_border);display:grid}
:where([data-intent-profile]) :where(fieldset){min-width:0;margin:0;padding:0;border:0}
:where([data-intent-profile]) :where([data-part=privacy] fieldset){display:flex;flex-wrap:wrap;gap:0.25rem 1rem}
:where([data-intent-profile]) :where(legend){margin-bottom:0.375rem;padding:0;font-weight:600}
:where([data-intent-profile]) :where(label){display:inline-flex;gap:0.375em;align-items:center;cursor:pointer}
:where([data-intent-profile]) :where(input){accent-color:var(--_accent)}
:where([data-intent-profile]) :where([data-part=forget]){justify-self:start;color:var(--_danger);border-color:currentColor}`;

export const questionCss = `${base('data-intent-question')}
:where([data-intent-question]) :where([data-part=choices]){display:flex;flex-wrap:wrap;gap:0.5rem;margin-bottom:var(--_gap)}
:where([data-intent-question]) :where([data-intent-choice]){border-color:var(--_accent);color:var(--_accent)}
:where([data-intent-question]) :where([data-part=dismiss]){border-color:transparent;color:var(--_muted);text-decoration:underline}`;
