import { LDProvider, useFlags } from 'launchdarkly-react-client-sdk';

function Hero() {
  const variant = useFlags().hero ?? 'standard';
  return variant === 'compare' ? (
    <p>Compare the two jackets side by side</p>
  ) : (
    <p>Our spring collection</p>
  );
}

export function App() {
  return (
    <LDProvider clientSideID="bench" context={{ kind: 'user', anonymous: true }}>
      <Hero />
    </LDProvider>
  );
}
