import { list, type Messages, messagesOf } from '../messages';
import type { PolicyContext } from './types';

/** The policies' sentences (`intentful/policies`); English defaults. */
export type PolicyMessages = Pick<
  Messages,
  | 'standard'
  | 'ruleMatched'
  | 'everyone'
  | 'learning'
  | 'testGroup'
  | 'testKept'
  | 'holdout'
  | 'notYetAssigned'
>;

export const policyMessages: PolicyMessages = {
  // Written out, not read from `coreMessages`: that import made the bundler move the policies'
  // sentences into the chunk every app loads (+300 B gzip on the minimal shape, measured).
  standard: 'The standard version: nothing specific stood out yet.',
  ruleMatched: (because) =>
    because.length
      ? `Shown because: ${list(because)}.`
      : 'Shown because of what you did on this page.',
  everyone: 'Shown to everyone on this page.',
  learning: (shown, worked) =>
    shown < 10
      ? `We are trying versions of this part of the page; this one has been shown ${shown} ${shown === 1 ? 'time' : 'times'} here so far.`
      : `We are trying versions of this part of the page; this one helped ${worked} of ${shown} times here.`,
  testGroup: 'Part of a test: this version was picked at random for your visit.',
  testKept: 'Part of a test: you were shown this version before, so it stays.',
  holdout:
    'The standard version: this visit is in the comparison group that helps us check personalization really helps.',
  notYetAssigned: 'The standard version: not assigned to a test group yet.',
};

/** The policies' sentences for this decision: the app's `messages` over the defaults. */
export const say = (ctx: PolicyContext): PolicyMessages => messagesOf(ctx.messages, policyMessages);
