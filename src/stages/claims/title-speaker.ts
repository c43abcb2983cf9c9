// The speaker a document's title names when the document is one person's own words: "… - address by
// President Volodymyr Zelenskyy", "Speech by Head of the Office of the President of Ukraine Andriy
// Yermak at …", "Statement by President Joe Biden on …". Official statements (the demo corpus of three
// presidencies) print addresses and speeches whole with no "he said" in them, so their figures would
// otherwise have no claimant. Not used when the title joins two speakers ("Remarks by President Biden
// and President Duda") or the text is a transcript with speaker labels ("THE PRESIDENT:", "Q"): there
// the figures belong to whoever holds the floor.

import { resolveMention } from '../../resources/entities-kb.js';

export interface TitleSpeaker {
  /** The knowledge base's name when the person is known, else the person's name or role as the title gives it. */
  claimant: string;
  /** The speaker as the title writes it ("President of Ukraine Volodymyr Zelenskyy"). */
  claimantText: string;
  claimantEntity: string | null;
}

const BY =
  /\b(?:address|speech|remarks|statement|essay|op-ed|video message|message)\s+(?:of|by)\s+(.+?)(?=\s+(?:to|in|at|on|for|before|during|after|with|from|about|regarding)\s|\s*[:–—|]|\s+-\s|[.!?]?$)/iu;
const POSSESSIVE =
  /(?:^|\s[-–—:]\s)((?:President\s+(?:of\s+Ukraine\s+)?)?\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,3})['’]s\s+(?:address|speech|video address|evening address)\b/u;
const ROLE_WORD =
  /^(?:president|prime|minister|head|deputy|office|first|lady|secretary|spokes(?:man|woman|person)|press|chancellor|advisor|adviser|national|security|council|nsc|general|director|chairman|chair|ambassador|ukraine|russia|united|states|federation|house|white|the|of)$/i;
const LABELS = /^(?:Q|THE PRESIDENT|[A-Z][A-Z.'’ -]{2,40}):\s/m;

/** The single speaker a title names for the document's own words, or null. */
export function titleSpeaker(
  title: string | null | undefined,
  text: string,
  date: string | null = null,
): TitleSpeaker | null {
  if (!title) return null;
  // the date picks a role's holder ("President of Ukraine" on that day)
  const KB_CONTEXT = { date: date ? date.slice(0, 10) : null, countries: [], text: '' };
  // "… - President Volodymyr Zelenskyy's address": the possessive names the speaker too
  const m = BY.exec(title.trim()) ?? POSSESSIVE.exec(title.trim());
  if (!m) return null;
  const phrase = (m[1] as string).trim();
  if (/\s(?:and|&)\s|,/.test(phrase) || phrase.split(/\s+/).length > 12) return null;
  if (LABELS.test(text)) return null;
  // the person: the closing run of capitalised words that are not role words ("… Andriy Yermak")
  const words = phrase.split(/\s+/);
  let k = words.length;
  while (k > 0 && /^\p{Lu}[\p{L}'’-]+$/u.test(words[k - 1] as string) && !ROLE_WORD.test(words[k - 1] as string)) k--;
  const person = words.slice(k).join(' ');
  if (person.split(' ').length >= 2 || (person && k > 0 && /^(?:president|minister)$/i.test(words[k - 1] as string))) {
    const resolved = resolveMention({ text: person, type: 'person' }, KB_CONTEXT);
    const linked = resolved && resolved.type === 'person' ? resolved : null;
    return { claimant: linked?.name ?? person, claimantText: phrase, claimantEntity: linked?.id ?? null };
  }
  // a role only: "the President of Ukraine", "the President"
  if (!/^(?:the\s+)?(?:president|prime minister|head|chancellor|secretary|minister)\b/i.test(phrase)) return null;
  const resolved = resolveMention({ text: phrase, type: 'person' }, KB_CONTEXT);
  const linked = resolved && resolved.type === 'person' ? resolved : null;
  return {
    claimant: linked?.name ?? phrase.replace(/^the\s+/i, ''),
    claimantText: phrase,
    claimantEntity: linked?.id ?? null,
  };
}
