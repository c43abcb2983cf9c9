// Datelines: the place (and agency) a story opens with, "KYIV (Reuters) -", "MINSK, 28 January
// (BelTA) –", "Kyiv/IBNS:", "Moscow CNN —", "Kyiv:". The dateline stays in the text (it is part
// of the first sentence as printed); its place is recorded as the article's `dateline`.

export interface Dateline {
  /** The place, in normal case: "Kyiv", "New York". */
  place: string;
  /** The dateline as it stands in the text. */
  match: string;
}

const PLACE = String.raw`\p{Lu}[\p{L}'’.-]*(?:[ -]\p{Lu}[\p{L}'’.-]*){0,3}`;
const DASH = '[-–—]';
const PATTERNS: readonly RegExp[] = [
  // KYIV (Reuters) -   MINSK, 28 January (BelTA) –   WASHINGTON, Feb 24 (AP) —   KYIV, Ukraine (AP) —
  new RegExp(
    String.raw`^(${PLACE})(?:,\s*${PLACE})?(?:,?\s*(?:\d{1,2}\s+\p{L}+\.?|\p{L}+\.?\s+\d{1,2}))?\s*\((?:[^()]{2,30})\)\s*${DASH}\s*`,
    'u',
  ),
  // Kyiv/IBNS:
  new RegExp(String.raw`^(${PLACE})\/\p{Lu}[\p{L}.]{1,15}\s*:\s*`, 'u'),
  // Moscow CNN —   Kyiv, Ukraine CNN —   New York CNN Business —
  new RegExp(String.raw`^(${PLACE})(?:,\s*${PLACE})?\s+CNN(?: Business| Digital)?\s*${DASH}\s*`, 'u'),
  // WASHINGTON —   KYIV, Ukraine —   (the place in capitals, so an ordinary sentence cannot match)
  new RegExp(String.raw`^(\p{Lu}[\p{Lu}'’.-]+(?: \p{Lu}[\p{Lu}'’.-]+){0,2})(?:,\s*${PLACE})?\s*${DASH}\s+`, 'u'),
  // Kyiv: (one to three words, then a full sentence)
  new RegExp(String.raw`^(${PLACE}):\s+(?=\p{Lu}.{60,}[.!?"”]$)`, 'u'),
];

// Labels that open a first line the way a place does.
const NOT_A_PLACE =
  /^(?:exclusive|breaking(?: news)?|update[ds]?|watch|opinion|analysis|live|video|editorial|comment|exclusive interview|cnn|reuters|ap|afp|bbc)$/i;

/** The dateline at the start of the first non-empty line of the text, if any. */
export function findDateline(text: string): Dateline | null {
  const first = text.split('\n').find((line) => line.length > 0);
  if (!first) return null;
  for (const pattern of PATTERNS) {
    const m = pattern.exec(first);
    if (m?.[1] && !NOT_A_PLACE.test(m[1])) return { place: normalizePlace(m[1]), match: m[0].trim() };
  }
  return null;
}

/** "KYIV" → "Kyiv", "NEW YORK" → "New York", "KRYVYI RIH" → "Kryvyi Rih"; mixed case is kept. */
export function normalizePlace(place: string): string {
  const trimmed = place.trim();
  if (trimmed !== trimmed.toUpperCase()) return trimmed;
  return trimmed.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}
