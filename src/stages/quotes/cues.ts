// The attribution grammar: reporting verbs (cues), the noun phrase that names a speaker, and the
// patterns that put them around a quote ("X said", "said X", "X: “…”", "– X", "according to X").
// Regular expressions over one sentence; the caller gives the text before or after the quote.

/** Reporting verbs that introduce speech, direct or reported, in the forms news uses. */
const SPEECH_VERBS = [
  'said',
  'says',
  'say',
  'told',
  'tells',
  'added',
  'adds',
  'stated',
  'states',
  'explained',
  'explains',
  'noted',
  'notes',
  'wrote',
  'writes',
  'asked',
  'asks',
  'replied',
  'replies',
  'insisted',
  'insists',
  'claimed',
  'claims',
  'warned',
  'warns',
  'denied',
  'denies',
  'declared',
  'declares',
  'announced',
  'announces',
  'argued',
  'argues',
  'continued',
  'continues',
  'tweeted',
  'tweets',
  'posted',
  'remarked',
  'recalled',
  'recalls',
  'suggested',
  'suggests',
  'acknowledged',
  'acknowledges',
  'admitted',
  'admits',
  'confirmed',
  'confirms',
  'reported',
  'reports',
  'stressed',
  'stresses',
  'emphasised',
  'emphasized',
  'urged',
  'urges',
  'vowed',
  'vows',
  'promised',
  'promises',
  'predicted',
  'predicts',
  'charged',
  'countered',
  'responded',
  'concluded',
  'observed',
  'quipped',
  'joked',
  'shouted',
  'yelled',
  'commented',
  'alleged',
  'alleges',
  'maintained',
  'maintains',
  'contended',
  'assured',
  'pointed out',
  'points out',
  'went on',
  'goes on',
  'complained',
  'complains',
  'boasted',
  'conceded',
  'cautioned',
  'reiterated',
  'revealed',
  'mentioned',
  'testified',
  'announced',
  'estimated',
  'estimates',
  'predicted',
  'speculated',
  'proclaimed',
  'agreed',
  'agrees',
  'answered',
  'demanded',
  'wondered',
  'sang',
  'sings',
  'chanted',
  'read',
  'joked',
  'exclaimed',
  'lamented',
  'scoffed',
  'retorted',
  'thundered',
  'snapped',
  'whispered',
  'told',
];

/** Verbs of belief that report content only with a clause after them ("believes that …"). */
const BELIEF_VERBS = [
  'believes',
  'believed',
  'believe',
  'thinks',
  'thought',
  'think',
  'fears',
  'feared',
  'hopes',
  'hoped',
  'expects',
  'expected',
  'knows',
  'knew',
  'worries',
  'worried',
  'suspects',
  'suspected',
  'concedes',
  'felt',
  'feels',
  'found',
  'finds',
  'showed',
  'shows',
  'indicated',
  'indicates',
  'implied',
  'learned',
  'learnt',
];

/** Every one-word cue of both lists (features of the learned tagger). */
export const CUE_WORDS: ReadonlySet<string> = new Set(
  [...SPEECH_VERBS, ...BELIEF_VERBS].filter((w) => !w.includes(' ')),
);

const CUE = `(?:${[...new Set(SPEECH_VERBS)].sort((a, b) => b.length - a.length).join('|')})`;
const BELIEF = `(?:${BELIEF_VERBS.join('|')})`;
/** Auxiliaries and adverbs between a subject and its cue ("has also said", "later told"). */
const AUX = String.raw`(?:(?:has|have|had|was|were|is|would|will|could|also|later|then|previously|earlier|recently|reportedly|again|once|further|repeatedly|publicly|privately|separately|simply|flatly|quickly|\p{Ll}+ly)\s+){0,3}`;
/** What the audience of "told" looks like: "told Reuters", "told reporters on Monday". */
const AUDIENCE = String.raw`(?:[\p{Lu}][\p{L}\p{M}.'’\-]*(?:\s+[\p{Lu}][\p{L}\p{M}.'’\-]*){0,3}|(?:the\s+)?(?:reporters|journalists|the press|an? [\p{L}\-]+ (?:reporter|newspaper|journalist|broadcaster|outlet|audience|crowd)|\p{Ll}+ers|supporters|lawmakers|parliament|a news conference|a press conference|me|us|him|her|them|the crowd|the audience|the BBC|CNN))`;
/** The audience, only after a verb that takes one ("told Reuters", not "said Obama …"). */
const TOLD_AUDIENCE = String.raw`(?:(?<=\b(?:told|tells|telling|assured|warned|urged|asked|informed|reminded|promised))\s+${AUDIENCE})?`;
/** Short adjuncts between a cue and its content ("said on Monday", "said in a statement"). */
const ADJUNCT = String.raw`(?:\s+(?:on|in|at|of|during|late|early|last|this|earlier|later|via|through|after|before|while|to|about|from|outside|inside)(?:\s+(?:[\p{L}\p{N}'’\-.]+)){1,6}?|\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tonight|recently|previously|earlier|again|repeatedly|publicly|also)(?:\s+(?:morning|afternoon|evening|night))?)?`;

const WORD = String.raw`[\p{L}\p{N}][\p{L}\p{M}\p{N}.'’\-&]*`;
/** The words a speaker's noun phrase may not contain (they start a clause or are the cue). */
const NOT_IN_SUBJECT = new RegExp(
  `^(?:${CUE}|${BELIEF}|that|who|which|when|where|while|because|if|but|and|or|so|as|than|to|not|is|are|was|were|be|been|will|would|can|could|should|must|may|might|do|does|did|have|has|had|it's|there|this|these|those)$`,
  'iu',
);
/** A word that may stand in a speaker's noun phrase (not a cue, a verb of being or a clause word). */
const NP_WORD = String.raw`(?!(?:${CUE}|${BELIEF}|that|who|which|when|where|while|because|if|but|and|or|so|as|than|to|not|is|are|was|were|be|been|will|would|can|could|should|must|may|might|do|does|did|have|has|had)(?![\p{L}\p{M}\p{N}'’\-]))${WORD}`;
/** A determiner-led or bare noun phrase of up to seven words (the caller checks the words). */
const NP = String.raw`(?:${NP_WORD}(?:\s+${NP_WORD}){0,6})`;
/** An apposition after a name: ", the Kremlin spokesman," / ", 45, a resident of Kharkiv,". */
const APPOSITION = String.raw`(?:\s+\([^()]{1,30}\))?(?:,\s+[^,.;:!?“”"«»]{2,80}?,)?`;

const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'you']);

export interface SubjectMatch {
  /** The speaker noun phrase (span into the text). */
  start: number;
  end: number;
  cueStart: number;
  cueEnd: number;
  /** Index in the text where the reported content may begin (after the cue and its adjuncts). */
  after: number;
  /** Whether "that" follows the cue. */
  that: boolean;
}

const LEADING_NON_SUBJECT =
  /^(?:in|on|at|during|after|before|since|for|with|without|by|from|into|over|under|about|if|when|while|though|although|because|once|until|like|unlike|despite|amid|among|between|through|throughout|per|via|yet|however|meanwhile|instead)$/iu;

function checkSubject(s: string): boolean {
  const words = s.split(/\s+/);
  if (words.length === 0 || words.length > 7) return false;
  for (const w of words) if (NOT_IN_SUBJECT.test(w)) return false;
  // a subject is a pronoun, a name, or a phrase with a noun-ish head; not a stray lowercase fragment
  const head = words[words.length - 1]!;
  // a prepositional or adverbial opening ("In August", "During the debate") is no subject
  if (LEADING_NON_SUBJECT.test(words[0]!)) return false;
  if (words.length === 1 && /^(?:the|a|an|this|which|most|some|many)$/iu.test(head)) return false;
  if (words.length === 1 && /^\p{Ll}+ly$/u.test(head)) return false;
  if (words.length === 1 && /^\p{Ll}/u.test(head) && !PRONOUNS.has(head) && !/s$/.test(head)) return false;
  return true;
}

/** Trims leading adverbials ("On Monday, " never reaches here; "Then Zelensky" → "Zelensky"). */
function trimSubject(text: string, start: number, end: number): [number, number] {
  const s = text.slice(start, end);
  const m = /^(?:(?:and|but|so|then|now|also|meanwhile|however|yet|still|later|earlier|instead)\s+)+/iu.exec(s);
  return m ? [start + m[0].length, end] : [start, end];
}

const POST_SUBJECT_CUE = new RegExp(
  String.raw`^[\s,]*(?:[—–―\-]+\s*)?(${NP})${APPOSITION}\s+${AUX}(${CUE}|${BELIEF})${TOLD_AUDIENCE}${ADJUNCT}(?=[\s.,;:!?]|$)`,
  'u',
);
const POST_CUE_SUBJECT = new RegExp(
  String.raw`^[\s,]*(?:[—–―\-]+\s*)?(${CUE})${ADJUNCT}\s+(${NP})(?=\s*(?:[,.;!?)]|$|\s+(?:on|in|at|during|who|after|before|when|while|according|as)\b))`,
  'u',
);
const POST_DASH = /^\s*[—–―-]+\s*((?:[\p{Lu}][\p{L}\p{M}.'’-]*[ \t]*){1,5})(?=\s*(?:[,.\n]|$))/u;
const POST_ACCORDING = new RegExp(
  String.raw`^[\s,]*(?:[—–―\-]+\s*)?(according to)\s+(${NP})(?=\s*(?:[,.;!?)]|$))`,
  'u',
);

/** The speaker and cue in the text just after a quote's closing mark ("…,” he said."). */
export function attributionAfter(text: string, from: number, to: number): SubjectMatch | null {
  const s = text.slice(from, to);
  let m = POST_SUBJECT_CUE.exec(s);
  if (m && checkSubject(m[1]!)) {
    const subjStart = from + s.indexOf(m[1]!);
    const cueStart = from + m[0].lastIndexOf(m[2]!, m[0].length);
    const [a, b] = trimSubject(text, subjStart, subjStart + m[1]!.length);
    return { start: a, end: b, cueStart, cueEnd: cueStart + m[2]!.length, after: from + m[0].length, that: false };
  }
  m = POST_CUE_SUBJECT.exec(s) ?? POST_ACCORDING.exec(s);
  if (m && checkSubject(m[2]!)) {
    const cueStart = from + s.indexOf(m[1]!);
    const subjStart = from + m[0].lastIndexOf(m[2]!);
    return {
      start: subjStart,
      end: subjStart + m[2]!.length,
      cueStart,
      cueEnd: cueStart + m[1]!.length,
      after: from + m[0].length,
      that: false,
    };
  }
  m = POST_DASH.exec(s);
  if (m) {
    const name = m[1]!.trimEnd();
    const subjStart = from + s.indexOf(name);
    return { start: subjStart, end: subjStart + name.length, cueStart: -1, cueEnd: -1, after: subjStart, that: false };
  }
  return null;
}

const PRE_SUBJECT_CUE = new RegExp(
  String.raw`(?:^|[,;(]\s+|[—–―]\s*|\b(?:and|but|as|while|when|where|after|before)\s+)(${NP})${APPOSITION}\s+${AUX}(${CUE}|${BELIEF})(${TOLD_AUDIENCE})${ADJUNCT}\s*[,:]?\s*(that\s*)?$`,
  'u',
);
const PRE_ACCORDING = new RegExp(String.raw`(?:^|[,;]\s+|\b)([Aa]ccording to)\s+(${NP})\s*[,:]\s*$`, 'u');
const PRE_COLON = /(?:^|[.;]\s+)((?:[\p{Lu}][\p{L}\p{M}.'’-]*\s*){1,5})\s*:\s*$/u;

/** The speaker and cue in the sentence just before a quote's opening mark ("Zelensky said: “…"). */
export function attributionBefore(text: string, from0: number, to: number): SubjectMatch | null {
  let from = from0;
  while (from < to && /\s/.test(text[from]!)) from++;
  const s = text.slice(from, to);
  let m = PRE_SUBJECT_CUE.exec(s);
  if (m && checkSubject(m[1]!)) {
    const base = from + m.index + m[0].indexOf(m[1]!);
    const cueStart = from + m.index + m[0].lastIndexOf(m[2]!, m[0].length - (m[3]?.length ?? 0));
    const [a, b] = trimSubject(text, base, base + m[1]!.length);
    return { start: a, end: b, cueStart, cueEnd: cueStart + m[2]!.length, after: to, that: Boolean(m[4]) };
  }
  m = PRE_ACCORDING.exec(s);
  if (m && checkSubject(m[2]!)) {
    const cueStart = from + m.index + m[0].indexOf(m[1]!);
    const subjStart = from + m.index + m[0].lastIndexOf(m[2]!);
    return {
      start: subjStart,
      end: subjStart + m[2]!.length,
      cueStart,
      cueEnd: cueStart + m[1]!.length,
      after: to,
      that: false,
    };
  }
  m = PRE_COLON.exec(s);
  if (m) {
    const name = m[1]!.trimEnd();
    const subjStart = from + m.index + m[0].indexOf(name);
    return { start: subjStart, end: subjStart + name.length, cueStart: -1, cueEnd: -1, after: to, that: false };
  }
  return null;
}

export { ADJUNCT, APPOSITION, AUDIENCE, AUX, BELIEF, CUE, checkSubject, NP, PRONOUNS, TOLD_AUDIENCE, trimSubject };
