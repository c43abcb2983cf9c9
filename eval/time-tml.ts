// Reading TimeML (TempEval-3) files: the plain text of <TEXT>, its TIMEX3 annotations as spans of
// that text, and the document creation time (DCT) that relative expressions resolve against.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface GoldTimex {
  start: number;
  end: number;
  text: string;
  type: string;
  value: string;
}

export interface TmlDocument {
  file: string;
  /** The DCT value (YYYY-MM-DD). */
  dct: string;
  text: string;
  timexes: GoldTimex[];
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name] ?? '');
}

function attribute(tag: string, name: string): string {
  return new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1] ?? '';
}

export function parseTml(file: string, xml: string): TmlDocument {
  const dctTag = /<DCT>\s*(<TIMEX3[^>]*>)/.exec(xml)?.[1] ?? '';
  const dct = attribute(dctTag, 'value').slice(0, 10);
  const body = /<TEXT>([\s\S]*?)<\/TEXT>/.exec(xml)?.[1] ?? '';
  let text = '';
  const timexes: GoldTimex[] = [];
  const open: Array<{ start: number; tag: string }> = [];
  const tags = /<(\/?)([A-Za-z0-9]+)([^>]*)>/g;
  let last = 0;
  for (let m = tags.exec(body); m; m = tags.exec(body)) {
    text += decode(body.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[2] !== 'TIMEX3') continue;
    if (m[1] === '') open.push({ start: text.length, tag: m[0] });
    else {
      const o = open.pop();
      if (!o) continue;
      timexes.push({
        start: o.start,
        end: text.length,
        text: text.slice(o.start),
        type: attribute(o.tag, 'type'),
        value: attribute(o.tag, 'value'),
      });
    }
  }
  text += decode(body.slice(last));
  return { file, dct, text, timexes };
}

/** Every .tml file under the folders given, sorted by name, read and parsed. */
export function readTmlFolder(...folders: string[]): TmlDocument[] {
  return folders.flatMap((folder) =>
    readdirSync(folder)
      .filter((f) => f.endsWith('.tml') && !f.startsWith('.'))
      .sort()
      .map((f) => parseTml(f, readFileSync(join(folder, f), 'utf8'))),
  );
}
