// The whole default pipeline run on one short text, for the claims tests that check a figure
// together with its claimant (which needs the entities and quotes stages before claims).

import { newArticle } from '../../core/document.js';
import { createPipeline } from '../../core/pipeline.js';
import { defaultStages } from '../index.js';
import type { ClaimData } from './index.js';

const pipeline = createPipeline(defaultStages());

/** The claims the pipeline finds in `text` (published 2022-05-01), with an optional title. */
export function claims(text: string, title?: string): ClaimData[] {
  const fields = { id: 'o', text, published: '2022-05-01', ...(title ? { title } : {}) };
  const doc = pipeline.run(
    newArticle({ key: 'id:o', source: 't', position: 0, format: 'json', raw: JSON.stringify(fields), fields }),
  );
  return doc.facts.filter((f) => f.kind === 'claim').map((f) => f.data as ClaimData);
}

/** The claim whose figure is written `numberText`. */
export const claimOf = (all: ClaimData[], numberText: string): ClaimData | undefined =>
  all.find((c) => c.numberText === numberText);
