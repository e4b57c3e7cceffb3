// #region readme:vite-client
import { collectors, createIntentful, persistence } from 'intentful';
import { model } from './model.ts';

export const intentful = createIntentful({ model, plugins: [collectors(), persistence()] });
// #endregion
