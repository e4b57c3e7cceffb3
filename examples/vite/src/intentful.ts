// #region readme:client
// intentful.ts: the client, built once. Collectors and persistence are opt-in plugins.
import { collectors, createIntentful, persistence } from 'intentful';
import { model } from './model';

export const intentful = createIntentful({
  model,
  plugins: [collectors(), persistence()],
  consent: 'pending', // in-memory inference for this page until the user chooses
});
// #endregion
