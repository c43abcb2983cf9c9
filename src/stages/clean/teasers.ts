// Related-story teasers: a headline plus one summary sentence that a page puts under (or inside)
// an article to lead readers elsewhere. They are not the article's body: a claim in a teaser is
// the teased story's claim. They are found by their shape, so a rule only fires where the shape
// is unmistakable (a lone "-" above the pair, a "Related …" header, Kyiv Post's "Other Topics of
// Interest" line); the ingest job stores each as its own content-addressed record.

import type { Teaser } from '../../core/document.js';

export interface TeaserMatch {
  teaser: Teaser;
  /** 0-based indexes of the lines (of `text.split('\n')`) the teaser occupied, markers included. */
  lines: number[];
}

const MARKER = /^[-–—•·]$/;
const HEADER =
  /^(?:related(?: articles?| stories| news| coverage| content)?|more on this (?:story|topic)|read more|more stories|you may also like|recommended(?: for you)?|other topics of interest|further reading)\s*:?$/i;
const INLINE_HEADER = /^other topics of interest\s+(?=\S)/i;
const SENTENCE_END = /[.!?…]["'”’»)]*$/;

/** A headline: short, capitalised, not ending like a sentence (a question mark is allowed). */
export function isHeadline(line: string): boolean {
  return (
    line.length >= 8 &&
    line.length <= 180 &&
    /^["'“‘]?[\p{Lu}\p{N}]/u.test(line) &&
    !/[.,;:]$/.test(line) &&
    line.split(/\s+/).length >= 2
  );
}

/** One (at most two) summary sentence(s): ends like a sentence, not too long. */
function isSummary(line: string): boolean {
  if (line.length < 20 || line.length > 400 || !SENTENCE_END.test(line)) return false;
  return (line.match(/[.!?…]["'”’»)]*\s+\p{Lu}/gu) ?? []).length <= 1;
}

/** Teasers in the text and the lines they occupy. */
export function findTeasers(text: string): TeaserMatch[] {
  const lines = text.split('\n');
  const content = lines.flatMap((line, index) => (line.length > 0 ? [index] : []));
  const at = (k: number) => (k < content.length ? (lines[content[k]!] ?? '') : '');
  const matches: TeaserMatch[] = [];
  for (let k = 0; k < content.length; k++) {
    const line = at(k);
    const inline = INLINE_HEADER.exec(line);
    if (inline) {
      matches.push({ teaser: splitHeadline(line.slice(inline[0].length)), lines: [content[k]!] });
      continue;
    }
    if (MARKER.test(line) && isHeadline(at(k + 1)) && isSummary(at(k + 2))) {
      matches.push({
        teaser: { title: at(k + 1), text: at(k + 2) },
        lines: [content[k]!, content[k + 1]!, content[k + 2]!],
      });
      k += 2;
      continue;
    }
    if (HEADER.test(line)) {
      // Headline + summary pairs after the header, for as long as the shape holds.
      const found: TeaserMatch[] = [];
      let j = k + 1;
      while (isHeadline(at(j)) && isSummary(at(j + 1))) {
        found.push({ teaser: { title: at(j), text: at(j + 1) }, lines: [content[j]!, content[j + 1]!] });
        j += 2;
      }
      if (found.length > 0) {
        found[0]!.lines.unshift(content[k]!);
        matches.push(...found);
        k = j - 1;
      }
    }
  }
  return matches;
}

// Words a title-cased headline leaves in lower case.
const SMALL = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'but',
  'of',
  'in',
  'on',
  'to',
  'for',
  'with',
  'at',
  'by',
  'from',
  'as',
  'vs',
  'via',
  'per',
  'into',
  'over',
  '–',
  '-',
  '—',
]);
const DETERMINER = /^(?:The|A|An|This|That|These|Those|Its|His|Her|Their|Our|One|Two|Three|Some|Many|Most)$/;

/**
 * "Headline In Title Case Summary sentence starts here." on one line → title and text. The
 * summary begins at the capitalised word (with its determiner) before the first lower-case word
 * a title would not have; when no such boundary exists the whole line is the text.
 */
export function splitHeadline(line: string): Teaser {
  const words = line.split(' ');
  const titled = (w: string) => SMALL.has(w) || /^["'“‘(]?[\p{Lu}\p{N}]/u.test(w);
  const j = words.findIndex((w, i) => i > 0 && !titled(w));
  if (j < 2) return { title: null, text: line };
  let start = j - 1;
  if (start - 1 >= 1 && DETERMINER.test(words[start - 1] ?? '')) start--;
  while (start >= 2 && SMALL.has(words[start - 1] ?? '')) start -= 2;
  if (start < 2) return { title: null, text: line };
  return { title: words.slice(0, start).join(' '), text: words.slice(start).join(' ') };
}
