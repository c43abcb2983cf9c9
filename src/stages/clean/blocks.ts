// Blocks are spans of the clean text. HTML extraction yields drafts (kind + text) that are
// joined here, so the text and the spans are built together and cannot disagree.

import type { Block } from '../../core/document.js';
import { type NormalizedText, normalizeText } from './plain-text.js';

export type BlockKind = Block['kind'];

export interface BlockDraft {
  kind: BlockKind;
  text: string;
}

export interface AssembledText {
  text: string;
  blocks: Block[];
  controlChars: number;
}

// The extraction cascade assembles the same paragraphs in up to three candidates (the own
// extractor's, Readability's, the body walk's): normalising is a pure function, so its answers are
// remembered (the cache only bounds its size).
const normalizedDrafts = new Map<string, NormalizedText>();
const MAX_NORMALIZED = 5_000;

function normalizedDraft(text: string): NormalizedText {
  let normalized = normalizedDrafts.get(text);
  if (normalized === undefined) {
    normalized = normalizeText(text);
    if (normalizedDrafts.size >= MAX_NORMALIZED) normalizedDrafts.clear();
    normalizedDrafts.set(text, normalized);
  }
  return normalized;
}

/**
 * Normalises each draft, splits drafts holding a blank line (two <br>, a <pre> with empty
 * lines) into several blocks of the same kind, drops empty ones, and joins them with "\n\n".
 */
export function assembleBlocks(drafts: readonly BlockDraft[]): AssembledText {
  const parts: string[] = [];
  const blocks: Block[] = [];
  let controlChars = 0;
  let offset = 0;
  for (const draft of drafts) {
    const normalized = normalizedDraft(draft.text);
    controlChars += normalized.controlChars;
    for (const piece of normalized.text.split('\n\n')) {
      if (piece.length === 0) continue;
      if (parts.length > 0) offset += 2;
      blocks.push({ kind: draft.kind, start: offset, end: offset + piece.length });
      parts.push(piece);
      offset += piece.length;
    }
  }
  return { text: parts.join('\n\n'), blocks, controlChars };
}

/** Comparable form of a short string: case, punctuation and spacing ignored. */
export function looseKey(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * The text without its first block when that block only repeats the title (an <h1> kept by the
 * body walk, a record whose text starts with its title), so the title is not counted twice.
 * Never removes the only block.
 */
export function dropLeadingTitle(
  text: string,
  blocks: readonly Block[],
  title: string | null,
): { text: string; blocks: Block[] } {
  const first = blocks[0];
  const second = blocks[1];
  if (!title || !first || !second) return { text, blocks: [...blocks] };
  const key = looseKey(title);
  if (key.length === 0 || looseKey(text.slice(first.start, first.end)) !== key) return { text, blocks: [...blocks] };
  const shift = second.start;
  return {
    text: text.slice(shift),
    blocks: blocks.slice(1).map((b) => ({ kind: b.kind, start: b.start - shift, end: b.end - shift })),
  };
}

/**
 * The text without the given lines (0-based indexes into `text.split('\n')`), with its blocks
 * carried over: a block keeps its kind and shrinks to its remaining lines, and a block whose
 * lines are all gone is dropped. Blank lines left side by side collapse to one, so the result
 * is still normalised text; a paragraph break that a removed line stood between is kept.
 */
export function removeLines(
  text: string,
  blocks: readonly Block[],
  remove: ReadonlySet<number>,
): { text: string; blocks: Block[] } {
  if (remove.size === 0) return { text, blocks: [...blocks] };
  const kept: Array<{ oldStart: number; newStart: number; length: number }> = [];
  const parts: string[] = [];
  let oldPos = 0;
  let newPos = 0;
  let pendingBreak = false;
  for (const [index, line] of text.split('\n').entries()) {
    const oldStart = oldPos;
    oldPos += line.length + 1;
    if (remove.has(index)) continue;
    if (line.length === 0) {
      pendingBreak = parts.length > 0;
      continue;
    }
    if (parts.length > 0) {
      const separator = pendingBreak ? '\n\n' : '\n';
      parts.push(separator);
      newPos += separator.length;
    }
    pendingBreak = false;
    kept.push({ oldStart, newStart: newPos, length: line.length });
    parts.push(line);
    newPos += line.length;
  }
  const moved: Block[] = [];
  for (const block of blocks) {
    const inside = kept.filter((k) => k.oldStart + k.length > block.start && k.oldStart < block.end);
    const first = inside[0];
    const last = inside.at(-1);
    if (!first || !last) continue;
    const start = first.newStart + Math.max(0, block.start - first.oldStart);
    const end = last.newStart + Math.min(last.length, block.end - last.oldStart);
    if (end > start) moved.push({ kind: block.kind, start, end });
  }
  return { text: parts.join(''), blocks: moved };
}
