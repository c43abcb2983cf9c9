// The per-article steps of a batch, shared by the ingest job (src/jobs/ingest.ts) and the threads
// of a pipeline pool (src/jobs/pipeline-pool.ts): the pipeline cut at its clean stage (corpus-learned
// boilerplate is removed between the two parts), and teasers turned into records of their own.

import { createHash } from 'node:crypto';
import { type Article, newArticle, type RawRecord } from '../core/document.js';
import { createPipeline, INITIAL_ATTRIBUTES, type Pipeline } from '../core/pipeline.js';

/** The pipeline's two parts around the boilerplate step. */
export interface PipelinePhases {
  clean: Pipeline;
  rest: Pipeline;
}

/** The pipeline cut after its clean stage, or null when it has none (no boilerplate step then). */
export function splitAtClean(pipeline: Pipeline): PipelinePhases | null {
  const at = pipeline.stages.findIndex((stage) => stage.name === 'clean');
  if (at < 0) return null;
  const head = pipeline.stages.slice(0, at + 1);
  const assigned = [...INITIAL_ATTRIBUTES, ...head.flatMap((stage) => stage.assigns)];
  return { clean: createPipeline(head), rest: createPipeline(pipeline.stages.slice(at + 1), assigned) };
}

export function failed(doc: Article): boolean {
  return doc.messages.some((m) => m.severity === 'fatal');
}

/**
 * Turns the teasers cleaning split off an article into records of their own, content-addressed
 * so that the same teaser under many articles is stored (and its facts extracted) once. Returns
 * the teasers first, then the article linked to them.
 */
export function withTeasers(pipeline: Pipeline, doc: Article): Article[] {
  if (doc.teasers.length === 0) return [doc];
  const teasers = doc.teasers.map((teaser) => {
    const content = `${teaser.title ?? ''}\n${teaser.text}`.replace(/\s+/g, ' ').trim().toLowerCase();
    const hash = createHash('sha256').update(content).digest('hex');
    const fields = { ...(teaser.title && { title: teaser.title }), text: teaser.text };
    const record: RawRecord = {
      key: `teaser:${hash}`,
      source: doc.source,
      position: doc.position,
      ...(doc.line !== null && { line: doc.line }),
      format: 'text',
      raw: JSON.stringify(fields),
      fields,
    };
    const cleaned = pipeline.run({ ...newArticle(record), id: `t${hash.slice(0, 15)}`, kind: 'teaser' });
    return {
      ...cleaned,
      title: cleaned.title ?? teaser.title,
      published: cleaned.published ?? doc.published,
      outlet: cleaned.outlet ?? doc.outlet,
      language: cleaned.language ?? doc.language,
    };
  });
  return [...teasers, { ...doc, teasers: [], teaserIds: teasers.map((t) => t.id) }];
}
