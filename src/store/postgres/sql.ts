// Small helpers for the PostgreSQL store: numbered parameters ($1…) collected as a query is
// built, values made storable (PostgreSQL text cannot hold U+0000, which a JSON record can carry
// as "\u0000"). The evidence check before facts are written is shared with SQLite (../rows.ts).

/** Bound values of a query under construction: `add` returns the placeholder for a value. */
export class Params {
  readonly values: unknown[];
  constructor(initial: unknown[] = []) {
    this.values = [...initial];
  }
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * PostgreSQL text cannot hold NUL: it becomes U+FFFD, one UTF-16 unit like NUL, so offsets into
 * the text (facts' evidence) stay valid; quotes are mapped the same way and still match.
 */
export function pgText<T extends string | null | undefined>(value: T): T {
  return (typeof value === 'string' && value.includes('\u0000') ? value.replaceAll('\u0000', '\uFFFD') : value) as T;
}

/** JSON text for a text column; an escaped NUL (which jsonb refuses) becomes U+FFFD too. */
export function pgJson(value: unknown): string {
  const json = JSON.stringify(value) ?? 'null';
  return json.includes('\\u0000') ? json.replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1\\ufffd') : json;
}
