// The claims stage's public face: quantitative claims (casualties, losses, votes, aid…) read
// from the clean text, each attributed to a claimant where the text says who claims it.

export { type ClaimantPhrase, claimantPhrases, runOnClaimant } from './claimant.js';
export {
  aboutThisWar,
  countedPhrase,
  grammarMetric,
  lemma,
  type NounClass,
  nounClass,
  type Phrase,
  type VerbClass,
  verbAfter,
  verbBefore,
  verbClass,
} from './grammar.js';
export { type Counted, countedAfter, METRICS, type Metric, readMetric, SIDES, type Side } from './metrics.js';
export { findNumbers, type NumberMention, parseSimple, type Qualifier, VAGUE } from './numbers.js';
export { type ClaimData, type ClaimsOptions, claimsStage, figureClaimants, findClaims } from './stage.js';
export { type Turn, transcriptTurns, turnAt } from './turns.js';
