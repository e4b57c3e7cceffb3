import { createRoot } from 'react-dom/client';
import { observePerformance, Shop, variantsOf } from './shop';

observePerformance();
createRoot(document.getElementById('root')!).render(
  <Shop slot={(slot) => <div data-slot={slot}>{variantsOf[slot][0]!.text}</div>} />,
);
