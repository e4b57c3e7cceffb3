import { Context, type ManifestV2 } from '@uniformdev/context';
import { Personalize, UniformContext } from '@uniformdev/context-react';

const manifest: ManifestV2 = {
  project: {
    pz: {
      sig: {
        compare: {
          str: 50,
          cap: 100,
          dur: 's',
          crit: { type: 'G', clauses: [{ type: 'EVT', event: { op: '=', rhs: 'click:compare' } }] },
        },
      },
    },
  },
};
const context = new Context({ manifest, defaultConsent: true });

function Hero(props: { text: string }) {
  return <p>{props.text}</p>;
}

export function App() {
  return (
    <UniformContext context={context}>
      <Personalize
        name="hero"
        component={Hero}
        variations={[
          {
            id: 'compare',
            text: 'Compare the two jackets side by side',
            pz: { crit: [{ l: 'compare', op: '+' }] },
          },
          { id: 'standard', text: 'Our spring collection' },
        ]}
      />
    </UniformContext>
  );
}
