// The per-article pipeline in order. Each stage lives in its own folder with a README; ingest
// (reading inputs into raw records) runs before these, in the ingest job. Quotes come before
// claims (a figure inside a quote is claimed by its speaker), and both before events (an event's
// claimant and fatalities).

import type { Stage } from '../core/pipeline.js';
import { claimsStage } from './claims/index.js';
import { cleanStage } from './clean/index.js';
import { entitiesStage } from './entities/index.js';
import { eventsStage } from './events/index.js';
import { quotesStage } from './quotes/index.js';
import { timeStage } from './time/index.js';

export function defaultStages(): Stage[] {
  return [cleanStage(), timeStage(), entitiesStage(), quotesStage(), claimsStage(), eventsStage()];
}
