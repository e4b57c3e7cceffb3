import { Experience, NinetailedProvider } from '@ninetailed/experience.js-react';

interface HeroProps {
  text: string;
}
// No pass-through props, so `text` travels with each variant as Ninetailed expects.
type NoPassThrough = Partial<Record<never, never>>;

function Hero(props: HeroProps) {
  return <p>{props.text}</p>;
}

export function App() {
  return (
    <NinetailedProvider clientId="bench">
      <Experience<HeroProps, NoPassThrough>
        id="hero"
        text="Our spring collection"
        component={Hero}
        experiences={[]}
      />
    </NinetailedProvider>
  );
}
