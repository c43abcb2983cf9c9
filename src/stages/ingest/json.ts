// JSON and JSON Lines readers. A JSON file is one value, so a syntax error loses the whole file;
// in JSONL each line stands alone, so a bad line is reported and the others are still read.

import { mapFields } from './fields.js';
import { draft, problem, type ReadItem } from './types.js';

/** Keys under which API responses and exports commonly wrap their list of articles. */
const WRAPPER_KEYS = ['articles', 'items', 'records'] as const;

export function* readJson(text: string): Generator<ReadItem> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // V8's message does not always give a position, so find the error ourselves.
    const reason = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ');
    const offset = jsonErrorOffset(text);
    const where = offset >= 0 ? lineAndColumn(text, offset) : undefined;
    yield problem({
      rule: 'record-malformed',
      reason: `malformed JSON${where ? ` at line ${where.line}, column ${where.column}` : ''}: ${reason}`,
      line: where?.line,
      inputFailed: true,
    });
    return;
  }

  const items = listOf(value);
  if (items === null) {
    yield problem({
      rule: 'record-malformed',
      reason: `the JSON holds ${kindOf(value)}; expected an object, an array of objects, or an object with an array under ${WRAPPER_KEYS.join(', ')}`,
      inputFailed: true,
    });
    return;
  }
  for (const [index, item] of items.entries()) {
    const fraction = (index + 1) / items.length;
    if (!isObject(item)) {
      yield problem({ rule: 'record-malformed', reason: `item ${index} is ${kindOf(item)}, not an object` });
      continue;
    }
    let raw: string;
    try {
      raw = JSON.stringify(item);
    } catch (error) {
      // JSON.parse reads any depth, but JSON.stringify recurses: 100,000 nested arrays overflow the stack.
      if (!(error instanceof RangeError)) throw error;
      yield problem({
        rule: 'record-malformed',
        reason: `item ${index} nests arrays or objects too deeply to be stored`,
      });
      continue;
    }
    yield draft({ format: 'json', position: index, raw, fields: mapFields(item), fraction });
  }
}

export function* readJsonl(text: string): Generator<ReadItem> {
  let start = 0;
  for (let index = 0; start < text.length; index += 1) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).replace(/\r$/, '');
    start = end + 1;
    if (line.trim() === '') continue;
    const fraction = Math.min(1, start / text.length);
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      yield problem({ rule: 'record-malformed', reason: `malformed JSON on this line: ${reason}`, line: index + 1 });
      continue;
    }
    if (!isObject(value)) {
      yield problem({
        rule: 'record-malformed',
        reason: `the line holds ${kindOf(value)}, not an object`,
        line: index + 1,
      });
      continue;
    }
    // position = line index, not count of good lines, so fixing one line keeps the others' keys.
    yield draft({ format: 'jsonl', position: index, line: index + 1, raw: line, fields: mapFields(value), fraction });
  }
}

function listOf(value: unknown): unknown[] | null {
  if (Array.isArray(value)) return value;
  if (!isObject(value)) return null;
  for (const key of WRAPPER_KEYS) {
    const inner = value[key];
    if (Array.isArray(inner)) return inner;
  }
  return [value];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at >= 0 && at < offset; at = text.indexOf('\n', at + 1)) {
    line += 1;
    lineStart = at + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = '"\\/bfnrt';

/**
 * The offset of the first JSON syntax error in the text, or -1 when there is none. A small
 * iterative scanner (no recursion, so deep nesting cannot overflow the stack), run only after
 * JSON.parse has failed.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const stack: Array<'[' | '{'> = [];
  const skipSpace = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i += 1;
  };
  const readString = (): boolean => {
    i += 1; // the opening quote
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i += 1;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const next = text[i + 1] ?? '';
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return false;
          i += 6;
        } else if (next !== '' && ESCAPES.includes(next)) i += 2;
        else return false;
      } else i += 1;
    }
    return false;
  };
  const readKey = (): boolean => {
    skipSpace();
    if (text[i] !== '"' || !readString()) return false;
    skipSpace();
    if (text[i] !== ':') return false;
    i += 1;
    return true;
  };

  for (;;) {
    // A value.
    skipSpace();
    const c = text[i];
    if (c === '{' || c === '[') {
      i += 1;
      skipSpace();
      if (text[i] === (c === '{' ? '}' : ']')) i += 1;
      else {
        stack.push(c);
        if (c === '{' && !readKey()) return i;
        continue;
      }
    } else if (c === '"') {
      if (!readString()) return i;
    } else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(text)) return i;
      i = NUMBER.lastIndex;
    } else if (text.startsWith('true', i) || text.startsWith('null', i)) i += 4;
    else if (text.startsWith('false', i)) i += 5;
    else return i;

    // After a value: close containers, or a comma and the next member.
    for (;;) {
      skipSpace();
      const top = stack.at(-1);
      if (top === undefined) return i < text.length ? i : -1;
      if (text[i] === ',') {
        i += 1;
        if (top === '{' && !readKey()) return i;
        break;
      }
      if (text[i] !== (top === '{' ? '}' : ']')) return i;
      i += 1;
      stack.pop();
    }
  }
}
