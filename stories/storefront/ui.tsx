import type { CSSProperties, ReactNode } from 'react';

// The design tokens of .storybook/design-system.css, for inline styles: stories never carry raw
// colours or sizes of their own.
export const colors = {
  ink: 'var(--color-ink)',
  muted: 'var(--color-muted)',
  line: 'var(--color-line)',
  paper: 'var(--color-paper)',
  wash: 'var(--color-wash)',
  brand: 'var(--color-brand)',
  brandInk: 'var(--color-brand-ink)',
  brandWash: 'var(--color-brand-wash)',
  good: 'var(--color-good)',
  warn: 'var(--color-warn)',
} as const;

export const space = {
  1: 'var(--space-1)',
  2: 'var(--space-2)',
  3: 'var(--space-3)',
  4: 'var(--space-4)',
  5: 'var(--space-5)',
  6: 'var(--space-6)',
} as const;

export const text = {
  xs: 'var(--text-xs)',
  sm: 'var(--text-sm)',
  md: 'var(--text-md)',
  lg: 'var(--text-lg)',
  xl: 'var(--text-xl)',
  '2xl': 'var(--text-2xl)',
} as const;

export const card: CSSProperties = {
  border: `1px solid ${colors.line}`,
  borderRadius: 'var(--radius-md)',
  padding: space[4],
  background: colors.paper,
  color: colors.ink,
};

export const button: CSSProperties = {
  font: 'inherit',
  padding: '6px 12px',
  borderRadius: 'var(--radius-sm)',
  border: `1px solid ${colors.brand}`,
  background: colors.paper,
  color: colors.brand,
  cursor: 'pointer',
};

export const primary: CSSProperties = {
  ...button,
  background: colors.brand,
  color: colors.brandInk,
};

export function Stack(props: { gap?: number; children: ReactNode; style?: CSSProperties }) {
  return (
    <div style={{ display: 'grid', gap: props.gap ?? 12, minWidth: 0, ...props.style }}>
      {props.children}
    </div>
  );
}

export function Row(props: { gap?: number; children: ReactNode; style?: CSSProperties }) {
  return (
    <div
      style={{
        display: 'flex',
        gap: props.gap ?? 8,
        flexWrap: 'wrap',
        alignItems: 'center',
        ...props.style,
      }}
    >
      {props.children}
    </div>
  );
}

export const pct = (p: number): string => `${Math.round(p * 100)}%`;
