// Cross-article events: merging reports of one real-world event, and the ACLED CSV / GeoJSON
// serialisers for merged events. See ../../stages/events/README.md.

export { ACLED_COLUMNS, csvCell, type EventFeature, toAcledCsv, toGeoJson } from './formats.js';
export {
  DEFAULT_MERGE_OPTIONS,
  distanceKm,
  type EventArticle,
  type EventReport,
  type EventSource,
  genericReference,
  type MergedEvent,
  type MergeOptions,
  mergeEvents,
  publicationDated,
} from './merge.js';
