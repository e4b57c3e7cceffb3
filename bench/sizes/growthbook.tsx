import { GrowthBook } from '@growthbook/growthbook';
import { GrowthBookProvider, useFeatureValue } from '@growthbook/growthbook-react';

const gb = new GrowthBook({
  features: {
    hero: {
      defaultValue: 'standard',
      rules: [{ condition: { lastClick: 'compare' }, force: 'compare' }],
    },
  },
});

function Hero() {
  const variant = useFeatureValue('hero', 'standard');
  return variant === 'compare' ? (
    <p>Compare the two jackets side by side</p>
  ) : (
    <p>Our spring collection</p>
  );
}

export function App() {
  return (
    <GrowthBookProvider growthbook={gb}>
      <Hero />
    </GrowthBookProvider>
  );
}
