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
