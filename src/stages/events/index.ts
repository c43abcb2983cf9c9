// The events stage's public face: ACLED-style events (who did what to whom, where, when, who
// says so) read clause by clause from the clean text. See README.md.

export { DEFAULT_EVENTS_OPTIONS, type EventData, type EventsOptions, eventsStage, findEvents } from './stage.js';
export { ATTACK_TYPES, actorSide, EVENT_TYPES, type EventType, PLOVER } from './taxonomy.js';
