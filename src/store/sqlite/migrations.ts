// Schema migrations for the SQLite store, applied in order inside one transaction each; the
// version reached is kept in `PRAGMA user_version`. Never edit a shipped migration: add one.

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'articles, facts, search index, ingest runs',
    sql: `
      CREATE TABLE articles (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL DEFAULT 'article',
        key TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        position INTEGER NOT NULL,
        line INTEGER,
        format TEXT NOT NULL,
        raw TEXT NOT NULL,
        fields TEXT NOT NULL,
        url TEXT,
        outlet TEXT,
        title TEXT,
        published TEXT,
        language TEXT,
        byline TEXT,
        dateline TEXT,
        text TEXT NOT NULL,
        blocks TEXT NOT NULL,
        duplicate_of TEXT,
        story TEXT,
        messages TEXT NOT NULL,
        provenance TEXT NOT NULL,
        failed INTEGER NOT NULL DEFAULT 0,
        ingested_at TEXT NOT NULL
      );
      CREATE INDEX articles_published ON articles(published);
      CREATE INDEX articles_outlet ON articles(outlet, published);
      CREATE INDEX articles_language ON articles(language);
      CREATE INDEX articles_story ON articles(story);

      CREATE TABLE facts (
        id TEXT PRIMARY KEY,
        article_rowid INTEGER REFERENCES articles(rowid) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        stage TEXT NOT NULL,
        start INTEGER,
        "end" INTEGER,
        quote TEXT,
        derived TEXT,
        data TEXT NOT NULL
      );
      CREATE INDEX facts_kind ON facts(kind, article_rowid);
      CREATE INDEX facts_article ON facts(article_rowid);

      CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text,
        content='articles', content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, coalesce(new.title, ''), new.text);
      END;
      CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
          VALUES ('delete', old.rowid, coalesce(old.title, ''), old.text);
      END;
      CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
          VALUES ('delete', old.rowid, coalesce(old.title, ''), old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, coalesce(new.title, ''), new.text);
      END;

      -- Teasers are articles of kind 'teaser', content-addressed; one teaser may sit under many articles.
      CREATE TABLE article_teasers (
        article TEXT NOT NULL,
        teaser TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (article, teaser)
      );
      CREATE INDEX article_teasers_teaser ON article_teasers(teaser);

      CREATE TABLE ingest_runs (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        inputs TEXT NOT NULL,
        added INTEGER NOT NULL DEFAULT 0,
        skipped INTEGER NOT NULL DEFAULT 0,
        failed_inputs INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE run_messages (
        id INTEGER PRIMARY KEY,
        run INTEGER NOT NULL REFERENCES ingest_runs(id) ON DELETE CASCADE,
        message TEXT NOT NULL
      );
      CREATE INDEX run_messages_run ON run_messages(run);
    `,
  },
  {
    version: 2,
    name: 'per-outlet line fingerprints for corpus-learned boilerplate',
    sql: `
      -- How many articles of an outlet hold a short line (by fingerprint), and how many articles
      -- of each outlet were counted; the ingest job removes lines that recur often enough.
      CREATE TABLE outlet_lines (
        outlet TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        articles INTEGER NOT NULL,
        PRIMARY KEY (outlet, fingerprint)
      ) WITHOUT ROWID;
      CREATE TABLE outlet_articles (
        outlet TEXT PRIMARY KEY,
        articles INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 3,
    name: 'duplicates, stories and shared blocks',
    sql: `
      -- MinHash signature of each article's clean text, and its LSH band keys for candidate lookup.
      CREATE TABLE article_signatures (
        article TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        mins BLOB NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE lsh_bands (
        key TEXT NOT NULL,
        article TEXT NOT NULL,
        PRIMARY KEY (key, article)
      ) WITHOUT ROWID;
      CREATE INDEX articles_duplicate_of ON articles(duplicate_of);
      -- One row per story; title and counts are refreshed whenever its articles change.
      CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT,
        articles INTEGER NOT NULL,
        first_published TEXT,
        last_published TEXT
      );
      CREATE INDEX stories_last_published ON stories(last_published);
      -- Paragraphs by content hash and where they sit (the text is read from the article): a
      -- paragraph found in two or more articles is a shared block.
      CREATE TABLE block_articles (
        hash TEXT NOT NULL,
        article TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        PRIMARY KEY (hash, article)
      ) WITHOUT ROWID;
      CREATE INDEX block_articles_article ON block_articles(article);
    `,
  },
  {
    version: 4,
    name: 'entity lookups',
    sql: `
      -- Mentions by linked entity, for entity pages ("every mention of Kyiv, however written").
      CREATE INDEX facts_entity ON facts(json_extract(data, '$.entity')) WHERE kind = 'entity-mention';
    `,
  },
  {
    version: 5,
    name: 'corpus records: claim groups, conflicts, merged events; quotes by speaker',
    sql: `
      -- Records derived from the facts of many articles (the claims ledger's groups and conflicts,
      -- merged events), rebuilt whole per kind after each ingest run that adds facts. Date and
      -- position are columns for range queries; the rest is the record as JSON.
      CREATE TABLE corpus_records (
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        date TEXT,
        lat REAL,
        lon REAL,
        rank REAL NOT NULL DEFAULT 0,
        data TEXT NOT NULL,
        PRIMARY KEY (kind, id)
      ) WITHOUT ROWID;
      CREATE INDEX corpus_records_date ON corpus_records(kind, date);
      CREATE INDEX corpus_records_rank ON corpus_records(kind, rank DESC);
      CREATE INDEX corpus_records_lat ON corpus_records(kind, lat);
      -- Quotes by speaker, for a person's page.
      CREATE INDEX facts_speaker ON facts(json_extract(data, '$.speakerEntity')) WHERE kind = 'quote';
    `,
  },
];
