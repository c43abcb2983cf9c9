// How a claim's figure reads to a person ("at least 1,000", "10–15", "about 300"): one function
// for the report, the desk and anything else that shows a claim. Qualifier codes are the claims
// stage's (src/stages/claims/README.md).

const QUALIFIER_WORDS: Readonly<Record<string, string>> = {
  exact: '',
  range: '',
  vague: '',
  about: 'about',
  'more-than': 'more than',
  'at-least': 'at least',
  'less-than': 'fewer than',
  'at-most': 'at most',
};

export function figureOf(claim: {
  value: number;
  low: number | null;
  high: number | null;
  qualifier: string | null;
}): string {
  const n = (x: number) => x.toLocaleString('en');
  if (claim.low !== null && claim.high !== null && claim.low !== claim.high) return `${n(claim.low)}–${n(claim.high)}`;
  const words = claim.qualifier ? (QUALIFIER_WORDS[claim.qualifier] ?? claim.qualifier.replace(/-/g, ' ')) : '';
  return `${words ? `${words} ` : ''}${n(claim.value)}${claim.qualifier === 'vague' ? '+' : ''}`;
}
