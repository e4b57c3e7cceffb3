import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './index.css';
import { IntentProvider } from 'intentful';
import App from './App.tsx';
import { intentful } from './intentful';
import { Preferences } from './Preferences.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
    {/* Anywhere under a provider of the same client; a second provider only counts a mount. */}
    <IntentProvider client={intentful}>
      <Preferences />
    </IntentProvider>
  </StrictMode>,
);
