// The entities stage: person, place, organisation and other mentions → entity-mention facts. See README.md.

export { loadModel, type NerModel, type NerType, spansOfTags, TAGS, TYPES, tagTokens } from './model.js';
export {
  type EntitiesOptions,
  type EntityType,
  loadKbResolver,
  type Resolved,
  type Resolver,
  TITLES,
} from './options.js';
export { type EntityMentionData, entitiesStage, findMentions, type Mention, sentenceAround } from './stage.js';
export { type Tokens, tokenize } from './tokenize.js';
