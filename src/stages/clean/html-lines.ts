// Furniture lines inside an HTML extraction: a line (a block, or a <br>-separated line of one)
// that is only a photo credit, a share bar, a timestamp, an ad label, "Image 1 of 5", a
// "related"/"source" label or an app or newsletter appeal is page furniture, whatever element
// held it. The plain-text line classifier (`plain-text-noise.ts`) names most of them; a few
// that only HTML extractions show (captions ending in "(Image: GETTY)", "Caption", "Advert",
// multilingual labels such as "Quelle: dpa", "Auch interessant", "Czytaj też") are added here.
// Lines of `MAX_FURNITURE_CHARS` or more are always kept, and so is every line no rule names.

import { classifyLine, type NoiseKind } from './plain-text-noise.js';

/** The plain-text noise kinds that are safe on HTML text ("related" headlines and bare URLs are not). */
const HTML_NOISE_KINDS: ReadonlySet<NoiseKind> = new Set([
  'social',
  'advertisement',
  'appeal',
  'image-credit',
  'navigation',
  'timestamp',
  'embed',
  'cookie',
  'ticker',
]);

const NOISE_OPTIONS = { maxNoiseLineChars: 400, minRepeatedChars: 40 };
const MAX_FURNITURE_CHARS = 400;

const HTML_FURNITURE = new RegExp(
  [
    // "(Image: GETTY)", "(Image credit: Blue Origin)", and a caption ending in one.
    String.raw`^.{0,200}\((?:image|photo|picture|foto|bild)(?: credit)?s?:[^()]{0,150}\)$`,
    String.raw`^\((?:crédito|credit|foto|bild|quelle)\s*:[^()]{0,80}\)?$`,
    `^(?:caption|advert|don'?t miss|this slideshow requires javascript\\.?)$`,
    // "Posted: Fri 6:45 PM, Feb 16, 2018 |", "Veröffentlicht: 3. Mai 2022, 10:12".
    String.raw`^(?:posted|updated|published|aktualisiert|veröffentlicht)\b:?.{0,60}\d.{0,40}$`,
    // Source and picture labels: "Quelle: dpa", "Bild: Werk/Christian Houdek", "Titelbild: …".
    String.raw`^(?:quelle|quellen|quellenangaben|source|sources|fuente|fonte|źródło|bild|foto|fotos|titelbild|beitragsbild|bildquelle|crédito|credit|photograph by)\s*:[^.!?]{0,80}$`,
    // "Related"-type headers and labels in the languages sitrep reads.
    String.raw`^(?:auch interessant|das (?:thema )?könnte dich (?:auch )?interessieren|lade weitere inhalte|weitere informationen|weitere beiträge\b.{0,60}|neueste artikel|meistgelesene artikel|meistdiskutierte artikel|noch mehr infos\b.{0,40}|entdecken sie jetzt|veja também|le puede interesar|lea más\b.{0,120}|czytaj (?:też|także)(?!\p{L}).{0,120}|dowiedz się więcej|kontakt|kategorie\s*:.{0,60}|category\s*:.{0,60}|aktualisiert am|last modified|advertisement|anzeige|werbung|getty images|istock(?:\.com)?|drukuj|war der artikel nützlich\?|artikel gefallen\?.{0,60})\s*:?$`,
  ].join('|'),
  'iu',
);

// The extraction cascade reads the same lines in up to three candidates: remember the verdicts.
const verdicts = new Map<string, boolean>();
const MAX_VERDICTS = 10_000;

/** Whether one line of extracted HTML text is page furniture. */
export function isFurnitureLine(line: string): boolean {
  const t = line.trim();
  if (t.length === 0 || t.length >= MAX_FURNITURE_CHARS) return false;
  const known = verdicts.get(t);
  if (known !== undefined) return known;
  const kind = classifyLine(t, NOISE_OPTIONS);
  const verdict = (kind !== null && HTML_NOISE_KINDS.has(kind)) || HTML_FURNITURE.test(t);
  if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
  verdicts.set(t, verdict);
  return verdict;
}

/** The text without its furniture lines (`\n`-separated); empty when every line was furniture. */
export function dropFurnitureLines(text: string): string {
  if (!text.includes('\n')) return isFurnitureLine(text) ? '' : text;
  return text
    .split('\n')
    .filter((line) => !isFurnitureLine(line))
    .join('\n');
}
