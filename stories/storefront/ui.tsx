import type { CSSProperties, ReactNode } from 'react';

// A tiny design system for the stories: plain styles, sufficient contrast, no dependencies.
export const colors = {
  ink: '#1d2433',
  muted: '#4a5468',
  line: '#d5dae3',
  paper: '#ffffff',
  wash: '#f4f6fa',
  brand: '#1f4fd1',
  good: '#176b3a',
  warn: '#8a4b00',
} as const;

export const card: CSSProperties = {
  border: `1px solid ${colors.line}`,
  borderRadius: 8,
  padding: 16,
  background: colors.paper,
  color: colors.ink,
};

export const button: CSSProperties = {
  font: 'inherit',
  padding: '6px 12px',
  borderRadius: 6,
  border: `1px solid ${colors.brand}`,
  background: colors.paper,
  color: colors.brand,
  cursor: 'pointer',
};

export const primary: CSSProperties = { ...button, background: colors.brand, color: '#fff' };

export function Stack(props: { gap?: number; children: ReactNode; style?: CSSProperties }) {
  return (
    <div style={{ display: 'grid', gap: props.gap ?? 12, ...props.style }}>{props.children}</div>
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
