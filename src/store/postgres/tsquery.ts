// Turns a search query in the FTS5 syntax the Store interface promises (words, "phrases",
// AND/OR/NOT, prefix*, ( ), title:/text: column filters) into a PostgreSQL tsquery source for
// `to_tsquery('sitrep', $1)`. We parse it ourselves instead of handing user text to to_tsquery
// (which fails on stray operators) or websearch_to_tsquery (which silently drops prefixes and
// quotes): the result is built only from quoted operands (quotes and backslashes doubled) and our
// own operators, so nothing the user types can break it, and a query that cannot be understood is a QuerySyntaxError that
// names the problem, as the SQLite store's FTS5 errors are.
//
// Precedence as in FTS5: NOT binds tightest (binary: `a NOT b` is a and not b), then AND
// (adjacent terms are ANDed), then OR. Operators are operators only in capitals. Each
// space-separated chunk of a term goes to the server as one quoted operand, so the server's own
// parser splits and normalises it exactly as it did the text ("U.S." is its token u.s, "Kyiv's"
// the phrase kyiv s; lower case, unaccent); the chunks of a phrase are joined with <->.

import { QuerySyntaxError } from '../store.js';

type Node =
  | { type: 'phrase'; chunks: string[]; prefix: boolean; weight: string }
  | { type: 'and' | 'or'; items: Node[] }
  | { type: 'not'; left: Node; right: Node };

type Token =
  | { type: 'phrase'; chunks: string[]; prefix: boolean; column: string | null }
  | { type: 'op'; op: 'AND' | 'OR' | 'NOT' }
  | { type: 'open'; column: string | null }
  | { type: 'close' };

const WORDY = /[\p{L}\p{N}]/u;
/** FTS5 columns of the index, as tsquery weights: title is weight A, text weight B. */
const COLUMNS: Readonly<Record<string, string>> = { title: 'A', text: 'B' };

class ParseError extends Error {}

/** Space-separated chunks that hold a letter or digit (lone punctuation is not searchable). */
function chunks(s: string): string[] {
  return s.split(/\s+/).filter((c) => WORDY.test(c));
}

function tokenize(q: string): Token[] {
  const tokens: Token[] = [];
  let column: string | null = null;
  let i = 0;
  const takeColumn = () => {
    const c = column;
    column = null;
    return c;
  };
  while (i < q.length) {
    const ch = q[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"') {
      // FTS5 strings: "" inside stands for one quote character
      let j = i + 1;
      let body = '';
      for (;;) {
        if (j >= q.length) throw new ParseError('a quoted phrase is not closed (unbalanced ")');
        if (q[j] === '"') {
          if (q[j + 1] === '"') {
            body += '"';
            j += 2;
            continue;
          }
          break;
        }
        body += q[j];
        j++;
      }
      i = j + 1;
      const prefix = q[i] === '*';
      if (prefix) i++;
      const ws = chunks(body);
      if (ws.length === 0) {
        takeColumn();
        continue; // "" or "--": nothing to look for
      }
      tokens.push({ type: 'phrase', chunks: ws, prefix, column: takeColumn() });
      continue;
    }
    if (ch === '(') {
      tokens.push({ type: 'open', column: takeColumn() });
      i++;
      continue;
    }
    if (ch === ')') {
      if (column) throw new ParseError(`the column filter ${column}: is not followed by a term`);
      tokens.push({ type: 'close' });
      i++;
      continue;
    }
    const m = /^[^\s"()]+/.exec(q.slice(i)) as RegExpExecArray;
    let bare = m[0];
    i += bare.length;
    const named = /^([A-Za-z_]+):(.*)$/s.exec(bare);
    if (named) {
      const name = (named[1] as string).toLowerCase();
      if (!(name in COLUMNS)) throw new ParseError(`no such column: ${named[1]} (the columns are title and text)`);
      if (column) throw new ParseError(`two column filters in a row (${column}: ${name}:)`);
      column = name;
      bare = named[2] as string;
      if (bare === '') continue;
    }
    if (!column && (bare === 'AND' || bare === 'OR' || bare === 'NOT')) {
      tokens.push({ type: 'op', op: bare });
      continue;
    }
    if (bare === 'NEAR' && q[i] === '(') throw new ParseError('NEAR( ) is not supported here; use a "phrase" or AND');
    const prefix = bare.endsWith('*');
    const ws = chunks(prefix ? bare.replace(/\*+$/, '') : bare);
    if (ws.length === 0) {
      if (column) throw new ParseError(`the column filter ${column}: is not followed by a term`);
      continue; // lone punctuation (- + , ^ …) is ignored, as the index ignores it in the text
    }
    tokens.push({ type: 'phrase', chunks: ws, prefix, column: takeColumn() });
  }
  if (column) throw new ParseError(`the column filter ${column}: is not followed by a term`);
  return tokens;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Node {
    if (this.tokens.length === 0) throw new ParseError('there is no word to search for');
    const node = this.or('');
    const rest = this.tokens[this.i];
    if (rest) throw new ParseError(rest.type === 'close' ? 'unbalanced )' : 'unexpected text after the query');
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  private or(weight: string): Node {
    const items = [this.and(weight)];
    while (this.isOp('OR')) {
      this.i++;
      items.push(this.and(weight));
    }
    return items.length === 1 ? (items[0] as Node) : { type: 'or', items };
  }

  private and(weight: string): Node {
    const items = [this.not(weight)];
    for (;;) {
      if (this.isOp('AND')) {
        this.i++;
        items.push(this.not(weight));
        continue;
      }
      const next = this.peek();
      if (next && (next.type === 'phrase' || next.type === 'open')) {
        items.push(this.not(weight)); // adjacent terms: implicit AND
        continue;
      }
      break;
    }
    return items.length === 1 ? (items[0] as Node) : { type: 'and', items };
  }

  private not(weight: string): Node {
    let left = this.primary(weight);
    while (this.isOp('NOT')) {
      this.i++;
      left = { type: 'not', left, right: this.primary(weight) };
    }
    return left;
  }

  private primary(weight: string): Node {
    const token = this.peek();
    if (!token) throw new ParseError('the query ends where a word was expected');
    if (token.type === 'op') {
      throw new ParseError(
        token.op === 'NOT'
          ? 'NOT must follow a term (write `a NOT b`)'
          : `${token.op} must stand between two terms (write "${token.op}" in quotes to search for the word)`,
      );
    }
    if (token.type === 'close') throw new ParseError('unbalanced ) or an empty ( )');
    this.i++;
    if (token.type === 'phrase') {
      return {
        type: 'phrase',
        chunks: token.chunks,
        prefix: token.prefix,
        weight: token.column ? (COLUMNS[token.column] as string) : weight,
      };
    }
    const inner = this.or(token.column ? (COLUMNS[token.column] as string) : weight);
    if (this.peek()?.type !== 'close') throw new ParseError('unbalanced ( : a group is not closed');
    this.i++;
    return inner;
  }

  private isOp(op: string): boolean {
    const t = this.peek();
    return t?.type === 'op' && t.op === op;
  }
}

function render(node: Node): string {
  switch (node.type) {
    case 'phrase': {
      const last = node.chunks.length - 1;
      const terms = node.chunks.map((chunk, i) => {
        // quotes and backslashes doubled: the chunk is one operand whatever it holds
        let operand = `'${chunk.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
        const flags = (i === last && node.prefix ? '*' : '') + node.weight;
        if (flags) operand += `:${flags}`;
        return operand;
      });
      return terms.length === 1 ? (terms[0] as string) : `(${terms.join(' <-> ')})`;
    }
    case 'and':
    case 'or':
      return `(${node.items.map(render).join(node.type === 'and' ? ' & ' : ' | ')})`;
    case 'not':
      return `(${render(node.left)} & !${render(node.right)})`;
  }
}

/** The tsquery source for `to_tsquery('sitrep', …)`; throws QuerySyntaxError when q cannot be parsed. */
export function toTsquery(q: string): string {
  const trimmed = q.trim();
  if (trimmed === '') throw new QuerySyntaxError('the search query is empty');
  try {
    return render(new Parser(tokenize(trimmed)).parse());
  } catch (error) {
    if (error instanceof ParseError) throw syntaxError(trimmed, error.message);
    throw error;
  }
}

export function syntaxError(q: string, reason: string): QuerySyntaxError {
  return new QuerySyntaxError(
    `cannot parse search query ${JSON.stringify(q)}: ${reason}. ` +
      'Use words, "quoted phrases", AND, OR, NOT, prefix* ; put other punctuation inside quotes.',
  );
}
