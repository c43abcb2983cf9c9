// The pipeline runner. Stages are pure functions of one article document (plus read-only
// resources) that declare what they require and what they assign; the runner refuses a
// pipeline whose requirements are not met before anything runs, and isolates a failing
// article: a stage that throws becomes a fatal message on that article, its later stages are
// skipped, and the batch goes on.

import type { Article } from './document.js';
import { message } from './messages.js';

/** What a document holds before any stage runs (ingest gives these). */
export const INITIAL_ATTRIBUTES = ['raw', 'fields', 'source'] as const;

export interface Stage {
  name: string;
  /** Attributes that earlier stages (or ingest) must have assigned: `text`, `published`, `facts:timex`… */
  requires: readonly string[];
  assigns: readonly string[];
  run(doc: Article): Article;
}

export class PipelineError extends Error {
  override name = 'PipelineError';
}

export interface Pipeline {
  stages: readonly Stage[];
  run(doc: Article): Article;
}

/** Checks every stage's requirements against what the stages before it assign; throws PipelineError. */
export function createPipeline(stages: readonly Stage[], initial: readonly string[] = INITIAL_ATTRIBUTES): Pipeline {
  const available = new Set<string>(initial);
  const names = new Set<string>();
  for (const stage of stages) {
    if (names.has(stage.name)) throw new PipelineError(`stage "${stage.name}" appears twice in the pipeline`);
    names.add(stage.name);
    const missing = stage.requires.filter((attribute) => !available.has(attribute));
    if (missing.length > 0) {
      throw new PipelineError(
        `stage "${stage.name}" requires ${missing.map((m) => `"${m}"`).join(', ')}, which no earlier stage assigns`,
      );
    }
    for (const attribute of stage.assigns) available.add(attribute);
  }
  return { stages, run: (doc) => runStages(stages, doc) };
}

function runStages(stages: readonly Stage[], doc: Article): Article {
  let current = doc;
  for (const stage of stages) {
    try {
      current = stage.run(current);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return {
        ...current,
        messages: [
          ...current.messages,
          message(stage.name, 'stage-failed', `stage ${stage.name} failed: ${reason}`, { source: doc.source }),
        ],
      };
    }
  }
  return current;
}
