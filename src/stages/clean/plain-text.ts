// Plain text: normalise it into the form every later span indexes, cut it into blocks, and
// find a title on its first line.

import type { Block } from '../../core/document.js';
import type { BlockDraft } from './blocks.js';

export interface NormalizedText {
  text: string;
  /** How many control characters were removed (they carry no meaning and break tokenisers). */
  controlChars: number;
}

// C0 controls except \t \n (\v \f become newlines first), DEL, and C1 controls except NEL.
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f\u0080-\u0084\u0086-\u009f]/g;
// Horizontal white space: tab, NBSP and the other Unicode space separators.
const HSPACE = /[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g;

/**
 * Text as sitrep stores it: no BOM, \n line ends, no control characters, one space between
 * words, no indentation or trailing spaces, at most one blank line in a row, trimmed, NFC.
 */
export function normalizeText(input: string): NormalizedText {
  let controlChars = 0;
  const text = wellFormed(input)
    .replace(/\uFEFF/g, '')
    .replace(/\r\n?|\u0085|\u2028|\v|\f/g, '\n')
    .replace(/\u2029/g, '\n\n')
    .replace(CONTROL, () => {
      controlChars++;
      return '';
    })
    .split('\n')
    // Indentation carries no meaning in prose and would otherwise sit inside block spans.
    .map((line) => line.replace(HSPACE, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .normalize('NFC');
  return { text, controlChars };
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Lone surrogates replaced by U+FFFD. They cannot be written as UTF-8: SQLite gets three bytes
 * for each and returns three U+FFFD, which would shift every span after them in the stored text.
 */
export function wellFormed(input: string): string {
  return input.replace(LONE_SURROGATE, '\ufffd');
}

const BULLET = /^[-•‣◦▪*]\s/;

/**
 * Blocks of normalised plain text: paragraphs are separated by blank lines, or, when the text
 * has no blank line at all, every line is one. Lines opening with a bullet are list items.
 */
export function plainTextBlocks(text: string): Block[] {
  const drafts: BlockDraft[] = [];
  const paragraphs = text.includes('\n\n') ? text.split('\n\n') : text.split('\n');
  for (const paragraph of paragraphs) drafts.push(...splitListItems(paragraph));
  return locateBlocks(text, drafts);
}

/** A paragraph holding bullet lines becomes one block per item; a lower-case line continues the item above. */
function splitListItems(paragraph: string): BlockDraft[] {
  const lines = paragraph.split('\n');
  if (!lines.some((line) => BULLET.test(line))) return paragraph ? [{ kind: 'paragraph', text: paragraph }] : [];
  const drafts: BlockDraft[] = [];
  for (const line of lines) {
    const last = drafts.at(-1);
    if (BULLET.test(line)) drafts.push({ kind: 'list-item', text: line });
    else if (last && (last.kind === 'paragraph' || /^\p{Ll}/u.test(line))) last.text += `\n${line}`;
    else drafts.push({ kind: 'paragraph', text: line });
  }
  return drafts;
}

/** Spans of drafts that appear, in order, inside `text`. */
function locateBlocks(text: string, drafts: BlockDraft[]): Block[] {
  const blocks: Block[] = [];
  let from = 0;
  for (const draft of drafts) {
    const start = text.indexOf(draft.text, from);
    if (start < 0 || draft.text.length === 0) continue;
    blocks.push({ kind: draft.kind, start, end: start + draft.text.length });
    from = start + draft.text.length;
  }
  return blocks;
}

export interface FirstLineTitle {
  title: string;
  /** The text without the title line. */
  text: string;
}

/**
 * The first line of a plain text as its title, when it looks like one: short, not a sentence
 * (no final '.'), not a list item, not continued by a lower-case line, and followed by more text.
 */
export function firstLineTitle(text: string, maxChars: number): FirstLineTitle | null {
  const newline = text.indexOf('\n');
  if (newline < 0) return null;
  const line = text.slice(0, newline);
  const rest = text.slice(newline).trim();
  if (line.length === 0 || line.length > maxChars || rest.length === 0) return null;
  // A line ending in a dash is a dateline ("Moscow CNN —"), not a title.
  if (/[.,;\-–—]["'”’»)]*$/.test(line) || BULLET.test(line)) return null;
  // Two sentences are prose, not a headline.
  if (/[.!?]["'”’]?\s+\p{Lu}/u.test(line)) return null;
  // A hard-wrapped sentence: the next line (same paragraph) starts in lower case.
  if (text[newline + 1] !== '\n' && /^\p{Ll}/u.test(rest)) return null;
  return { title: line, text: rest };
}
