import { StatsigProvider, useExperiment } from '@statsig/react-bindings';

function Hero() {
  const variant = useExperiment('hero').get('variant', 'standard');
  return variant === 'compare' ? (
    <p>Compare the two jackets side by side</p>
  ) : (
    <p>Our spring collection</p>
  );
}

export function App() {
  return (
    <StatsigProvider sdkKey="client-bench" user={{}}>
      <Hero />
    </StatsigProvider>
  );
}
