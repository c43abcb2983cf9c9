// The per-article pipeline in order. Each stage lives in its own folder with a README; ingest
// (reading inputs into raw records) runs before these, in the ingest job.

import type { Stage } from '../core/pipeline.js';
import { cleanStage } from './clean/index.js';
import { entitiesStage } from './entities/index.js';
import { timeStage } from './time/index.js';

export function defaultStages(): Stage[] {
  return [cleanStage(), timeStage(), entitiesStage()];
}
