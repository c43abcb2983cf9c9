// The shape every evaluation harness shares. A harness is `eval/<name>.ts` exporting `evaluate`;
// `sitrep eval <name>` runs it, prints its table and, with --write, saves it under docs/evaluation/.

export interface EvalOptions {
  /** The folder holding the public evaluation data (default ../shared/data beside the project). */
  data: string;
  /** Evaluate only the first N items (quick runs while developing). */
  limit?: number;
  /** Progress lines go here (stderr in the CLI). */
  log: (line: string) => void;
}

export interface EvalReport {
  /** The results as Markdown: what was measured, on what, with the command and the baselines. */
  markdown: string;
  /** The headline figures, for tests and for the README table. */
  metrics: Record<string, number>;
}

export type Evaluate = (options: EvalOptions) => Promise<EvalReport>;
