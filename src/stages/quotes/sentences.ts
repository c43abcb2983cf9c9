// Sentence bounds for reported-speech patterns: a sentence ends after . ! ? (and any closing
// marks) before a space, or at a line break; never inside a direct quote's marks, so a quote
// and the cue after it ("“… Then we left,” she said.") stay one sentence.

import type { MarkedQuote } from './marks.js';

export interface Sentence {
  start: number;
  end: number;
}

const ABBREVIATION =
  /(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|St|Jr|Sr|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|etc|U\.S|U\.K|U\.N|a\.m|p\.m|e\.g|i\.e)|\b\p{Lu})$/u;

export function sentencesOf(text: string, marked: readonly MarkedQuote[]): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  let q = 0;
  const push = (end: number) => {
    let a = start;
    while (a < end && /\s/.test(text[a]!)) a++;
    if (end > a) out.push({ start: a, end });
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    while (q < marked.length && marked[q]!.close < i) q++;
    const inside = q < marked.length && marked[q]!.open < i && i < marked[q]!.close;
    const c = text.charCodeAt(i);
    if (c === 10) {
      if (!inside) push(i);
      continue;
    }
    // a quote that ends its sentence ends it after the closing mark
    if (q < marked.length && i === marked[q]!.close && /[.!?]\s*$/.test(text.slice(Math.max(0, i - 3), i))) {
      if (/\s/.test(text[i + 1] ?? ' ')) push(i + 1);
      continue;
    }
    if (inside || (c !== 46 && c !== 33 && c !== 63)) continue;
    if (text[i + 1] === ')') continue;
    let j = i + 1;
    while (j < text.length && /["”’»)]/.test(text[j]!)) j++;
    if (j < text.length && !/\s/.test(text[j]!)) continue;
    if (c === 46 && ABBREVIATION.test(text.slice(Math.max(0, i - 8), i))) continue;
    push(j);
    i = j - 1;
  }
  push(text.length);
  return out;
}
