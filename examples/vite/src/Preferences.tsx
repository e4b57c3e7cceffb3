// #region readme:profile
// Preferences.tsx: what the app believes, shown to the user, who can correct it
import { IntentProfile, IntentQuestion } from 'intentful/profile';

export function Preferences() {
  return (
    <>
      {/* Asked once: answered or dismissed, it stays away (on later visits too, with consent) */}
      <IntentQuestion
        choices={[{ intent: 'shipping-concern', label: 'Checking when it would arrive' }]}
      />
      <IntentProfile />
    </>
  );
}
// #endregion
