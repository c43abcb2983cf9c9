// A small language guesser for when neither the record nor the page says: the share of the
// text's words that are the commonest function words of each language. Function words are
// frequent in every text, rare across languages, and need no model; a few hundred words decide.
// Russian and Ukrainian share most function words, so the letters only one of them uses count too.

const STOPWORDS: Readonly<Record<string, string>> = {
  en: 'the of and to in is that for it was on with as are by this be at from have has had not but they his her which were been their will would said an who more also its or after about than',
  de: 'der die das und ist nicht ein eine mit den dem des sich auf für von zu im auch es wird als bei sind wurde noch nach aus einer wie wir ich sie aber oder hat haben über durch',
  fr: 'le la les et des est une un du dans que qui pour pas sur au avec ce il elle sont par plus ont aux été mais ou nous vous leur cette ses son où sa être',
  es: 'el la los las del que en y es por con una un para se al lo su como más pero sus ha fue está son este esta entre también sobre desde hasta muy',
  it: 'il di che la le gli è per non una un del della con sono da nel alla anche come più ma dei delle ha questo questa stato essere tra sua suo',
  pl: 'i w na z że się nie do jest to o jak za od po przez ale są jego tak co już oraz dla także było może który która które czy być lub',
  pt: 'o a os as de do da dos das que em e é um uma para com não no na por mais se como mas foi ao pela pelo são seu sua também está ser entre',
  nl: 'de het een en van in is dat op te zijn met voor niet aan er ook als bij door maar om dan nog wordt werd naar uit zich heeft hebben deze dit',
  ru: 'и в не на что с по как это он она они из за от для то к о но бы же его ее её был была были было уже или только также чтобы который этот при',
  uk: 'і в не на що з по як це він вона вони із за від для та до але б же його її був була були було вже або тільки також щоб який цей при',
};

const LISTS: ReadonlyArray<[string, ReadonlySet<string>]> = Object.entries(STOPWORDS).map(([lang, words]) => [
  lang,
  new Set(words.split(' ')),
]);

/** Words read at most: the language is clear long before, and long texts stay cheap. */
const MAX_WORDS = 400;
/** Fewer function words than this is too little evidence for any language. */
const MIN_HITS = 3;

export interface LanguageGuess {
  language: string;
  /** Share of the words read that are function words of that language. */
  score: number;
}

/** The language of a text (ISO 639-1), or null when the text is too short or matches none. */
export function detectLanguage(text: string): LanguageGuess | null {
  const words =
    text
      .toLowerCase()
      .match(/[\p{L}']+/gu)
      ?.slice(0, MAX_WORDS) ?? [];
  if (words.length === 0) return null;
  const hits = new Map<string, number>();
  for (const word of words) {
    for (const [lang, set] of LISTS) if (set.has(word)) hits.set(lang, (hits.get(lang) ?? 0) + 1);
  }
  // Letters of one Cyrillic language only.
  const sample = words.join(' ');
  const ukLetters = (sample.match(/[іїєґ]/g) ?? []).length;
  const ruLetters = (sample.match(/[ыэъё]/g) ?? []).length;
  if (ukLetters + ruLetters > 0) {
    hits.set('uk', (hits.get('uk') ?? 0) + ukLetters / 2);
    hits.set('ru', (hits.get('ru') ?? 0) + ruLetters / 2);
  }
  let best: string | null = null;
  let bestHits = 0;
  for (const [lang, n] of hits) {
    if (n > bestHits) {
      best = lang;
      bestHits = n;
    }
  }
  if (!best || bestHits < MIN_HITS) return null;
  return { language: best, score: bestHits / words.length };
}
