// #region readme:next-layout
// app/layout.tsx: a Server Component
import type { Metadata } from 'next';
import './globals.css';
import { Providers } from './providers';

export const metadata: Metadata = {
  title: 'intentful × Next.js',
  description: 'An adaptive slot in a Server Component',
};

export default function RootLayout({ children }: LayoutProps<'/'>) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
// #endregion
