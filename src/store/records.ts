// The records the store hands to its readers (CLI, HTTP API, desk), with no dependency on
// Node or the database: the web desk imports these types too, so the API and the desk agree.

export interface ArticleSummary {
  id: string;
  source: string;
  url: string | null;
  outlet: string | null;
  title: string | null;
  published: string | null;
  language: string | null;
  duplicateOf: string | null;
  story: string | null;
  /** The length of the clean text, in UTF-16 code units. */
  length: number;
  /** True when a stage failed on this article (a fatal message). */
  failed: boolean;
}

export interface StorySummary {
  id: string;
  title: string | null;
  articles: number;
  firstPublished: string | null;
  lastPublished: string | null;
}

export interface EntitySummary {
  id: string;
  name: string;
  type: string;
  country: string | null;
  lat: number | null;
  lon: number | null;
  mentions: number;
  articles: number;
}

export interface EntityMention {
  article: string;
  title: string | null;
  published: string | null;
  start: number;
  end: number;
  text: string;
}

/** A place mentioned in articles (entity mentions with a position), aggregated over its mentions. */
export interface PlaceSummary {
  /** Knowledge-base id (e.g. geonames:706483), or null for a positioned mention that is not linked. */
  entity: string | null;
  name: string;
  lat: number;
  lon: number;
  /** 1 town, 2 region, 3 country (as the entities stage geocoded it), or null when unknown. */
  geoPrecision: number | null;
  /** Distinct articles that mention the place, and mentions in all. */
  articles: number;
  mentions: number;
  /** Earliest and latest publication dates of those articles. */
  first: string | null;
  last: string | null;
}
