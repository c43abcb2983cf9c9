// Many rows in one INSERT statement: each run() of better-sqlite3 costs a call into the native
// module, a reset and a bind per value, so a batch that inserts tens of thousands of small rows
// (facts, LSH band keys, paragraph hashes, place mentions) spends less CPU with up to `rows`
// rows per statement. Rows keep their order, so rowids come out as with one statement per row.
// The statement for each chunk size is prepared once and kept.

import type Database from 'better-sqlite3';

export class MultiInsert {
  private readonly statements = new Map<number, Database.Statement>();

  /**
   * @param head the statement up to VALUES, e.g. `INSERT INTO t (a, b)`
   * @param columns values per row
   * @param tail what follows the rows, e.g. `ON CONFLICT DO NOTHING`
   * @param rows the most rows per statement (columns × rows stays far under SQLite's 32,766 variables)
   */
  constructor(
    private readonly db: Database.Database,
    private readonly head: string,
    private readonly columns: number,
    private readonly tail = '',
    private readonly rows = 64,
  ) {}

  /** Inserts the rows given as one flat list of values, `columns` per row. */
  run(values: readonly unknown[]): void {
    const per = this.columns;
    if (values.length % per !== 0) throw new RangeError(`${values.length} values are not rows of ${per}`);
    const total = values.length / per;
    for (let row = 0; row < total; row += this.rows) {
      const n = Math.min(this.rows, total - row);
      const chunk = n === total ? values : values.slice(row * per, (row + n) * per);
      this.statement(n).run(chunk);
    }
  }

  private statement(n: number): Database.Statement {
    let statement = this.statements.get(n);
    if (!statement) {
      const tuple = `(${Array.from({ length: this.columns }, () => '?').join(', ')})`;
      statement = this.db.prepare(
        `${this.head} VALUES ${Array.from({ length: n }, () => tuple).join(', ')} ${this.tail}`,
      );
      this.statements.set(n, statement);
    }
    return statement;
  }
}
