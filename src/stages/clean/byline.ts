// Bylines written into the text: "By Jane Doe", "By Jane Doe and John Roe, Reuters",
// "Author/author: JS/KA" (the Polish outlets' editor initials). The line is page furniture,
// not body; the names go to `byline` when nothing better (a field, the page's meta) gave one.

export interface BylineLine {
  index: number;
  line: string;
  byline: string;
}

const NAME_WORD =
  /^(?:\p{Lu}[\p{L}'’-]*\.?|(?:\p{Lu}\.){1,3}\p{Lu}?[\p{L}'’-]*|(?:de|van|von|der|den|da|di|la|le|bin|al|el|du|and|&))$/u;
const AUTHOR_LINE = /^(?:author(?:\/author)?|authors?|written by|text|reporting by)\s*:\s*(\S.{0,80})$/i;

/** The byline a line gives, or null when it is not a byline line. */
export function bylineOf(line: string): string | null {
  if (line.length > 120) return null;
  const author = AUTHOR_LINE.exec(line);
  if (author) return author[1]!.replace(/\s*\/\s*sources?:.*$/i, '').trim();
  const by = /^by\s+(.+?)\.?$/i.exec(line);
  if (!by || !/^[Bb][Yy]\s+\p{Lu}/u.test(line)) return null;
  const names = by[1]!;
  // Names, joined by "and" or commas, optionally followed by ", Agency" or "| Outlet".
  const [people = '', ...rest] = names.split(/\s*[|]\s*/);
  const words = people.split(/\s*,\s*|\s+/).filter(Boolean);
  if (words.length < 2 || words.length > 14 || rest.length > 1) return null;
  if (!words.every((w) => NAME_WORD.test(w))) return null;
  if (words.filter((w) => /^\p{Lu}/u.test(w)).length < 2) return null;
  return names.trim();
}

/** Byline lines of a text (by index of `text.split('\n')`). */
export function findBylines(text: string): BylineLine[] {
  const found: BylineLine[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    const byline = line.length > 0 ? bylineOf(line) : null;
    if (byline) found.push({ index, line, byline });
  }
  return found;
}
