import * as main from 'intentful';
import * as core from 'intentful/core';
import * as policies from 'intentful/policies';
import * as profile from 'intentful/profile';
import * as recorder from 'intentful/recorder';
import * as ga4 from 'intentful/sinks/ga4';
import * as posthog from 'intentful/sinks/posthog';
import * as segment from 'intentful/sinks/segment';
import { describe, expect, it } from 'vitest';

// The public surface is deliberate: a new export must be added here, and in the README's API
// table, on purpose.
const CORE = [
  'ModelError',
  'analytics',
  'beaconSink',
  'collectors',
  'consoleSink',
  'createCart',
  'createIntentful',
  'defineModel',
  'defineSlots',
  'explain',
  'hydrate',
  'persistence',
  'redaction',
  'serialize',
  'trails',
];
const REACT = [
  'AdaptiveSlot',
  'DismissVariant',
  'IntentProvider',
  'Variant',
  'WhyThis',
  'useConsent',
  'useDeclare',
  'useGoal',
  'useIntent',
  'useIntentful',
  'useNextStep',
  'usePageView',
  'useSlotDecision',
  'useTopIntent',
  'useTrack',
];

describe('public values', () => {
  it('intentful exports the client, its plugins and the React binding: at most 30 values', () => {
    const names = Object.keys(main).sort();
    expect(names).toEqual([...CORE, ...REACT].sort());
    expect(names.length).toBeLessThanOrEqual(30);
  });
  it('intentful/core exports the same framework-free values and nothing from React', () => {
    expect(Object.keys(core).sort()).toEqual(CORE);
  });
  it('intentful/policies exports the policies and their analysis', () => {
    expect(Object.keys(policies).sort()).toEqual([
      'bandit',
      'experiment',
      'intentMatch',
      'rules',
      'summarize',
      'withHoldout',
      'withUnit',
    ]);
  });
  it('each analytics sink and the recorder is its own entry with one value', () => {
    expect([ga4, segment, posthog, recorder].map((m) => Object.keys(m))).toEqual([
      ['ga4Sink'],
      ['segmentSink'],
      ['posthogSink'],
      ['recorder'],
    ]);
  });

  it('intentful/profile exports the end-user components and their default sentences', () => {
    expect(Object.keys(profile).sort()).toEqual([
      'IntentProfile',
      'IntentQuestion',
      'defaultProfileMessages',
    ]);
  });
});
