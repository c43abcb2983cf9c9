// Schema migrations for the PostgreSQL store: versioned SQL applied in order, each in its own
// transaction, recorded in `schema_migrations`. The runner takes an advisory lock first, so two
// processes opening the same database at once apply each migration exactly once. Never edit a
// shipped migration: add one.
//
// Differences from the SQLite schema (src/store/sqlite/migrations.ts), on purpose:
// - no narrow `article_meta` copy: PostgreSQL keeps long values (raw input, text) out of line
//   (TOAST), so reading the metadata columns of `articles` does not walk the text;
// - full-text search is a generated `tsvector` column (title weight A, text weight B) with a GIN
//   index, through the text search configuration `sitrep` ('simple' plus `unaccent`: no stemming,
//   case and diacritics folded, like FTS5's unicode61 remove_diacritics 2);
// - positions are also `point(lon, lat)` columns with GiST indexes, for box queries (`<@ box`);
// - place counters are maintained by the store's writes (one upsert per place and batch) instead
//   of triggers; text columns that are sorted or compared as ISO dates or ids use COLLATE "C".

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The search vector of an article row: title (weight A) and text (weight B) through the 'sitrep'
 * configuration. The text is cut at 300,000 characters: a tsvector holds at most 1 MB, and
 * positions stop at 16,383 anyway, so a book-length record still stores (its tail is not indexed).
 * Part of migration 1: changing it needs a new migration.
 */
export const SEARCH_VECTOR =
  "setweight(to_tsvector('sitrep', left(coalesce(title, ''), 10000)), 'A') || " +
  "setweight(to_tsvector('sitrep', left(text, 300000)), 'B')";

/**
 * Migration 4's search vector as a SQL function of a row's title and text (the same expression as
 * SEARCH_VECTOR), for the triggers that keep `article_search` in step and for `check()`.
 */
export const SEARCH_VECTOR_FUNCTION = 'sitrep_search_vector';

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'articles, facts, search, teasers, ingest runs',
    sql: `
      CREATE EXTENSION IF NOT EXISTS unaccent;
      -- 'simple' (no stemming, no stop words) with diacritics removed first.
      CREATE TEXT SEARCH CONFIGURATION sitrep (COPY = simple);
      ALTER TEXT SEARCH CONFIGURATION sitrep
        ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part, numword, numhword, hword_numpart
        WITH unaccent, simple;

      CREATE TABLE articles (
        rid bigserial PRIMARY KEY,
        id text COLLATE "C" NOT NULL UNIQUE,
        kind text NOT NULL DEFAULT 'article',
        key text COLLATE "C" NOT NULL UNIQUE,
        source text NOT NULL,
        position integer NOT NULL,
        line integer,
        format text NOT NULL,
        raw text NOT NULL,
        fields text NOT NULL,
        url text,
        outlet text COLLATE "C",
        title text,
        published text COLLATE "C",
        language text COLLATE "C",
        byline text,
        dateline text,
        text text NOT NULL,
        -- the clean text's length in UTF-16 code units (JavaScript's), not PostgreSQL characters
        length integer NOT NULL,
        blocks text NOT NULL,
        duplicate_of text COLLATE "C",
        story text COLLATE "C",
        messages text NOT NULL,
        provenance text NOT NULL,
        failed boolean NOT NULL DEFAULT false,
        ingested_at timestamptz NOT NULL,
        search tsvector GENERATED ALWAYS AS (${SEARCH_VECTOR}) STORED
      );
      CREATE INDEX articles_search ON articles USING gin (search);
      CREATE INDEX articles_published ON articles (published);
      CREATE INDEX articles_outlet ON articles (outlet, published);
      CREATE INDEX articles_language ON articles (language);
      CREATE INDEX articles_story ON articles (story, published);
      CREATE INDEX articles_duplicate_of ON articles (duplicate_of);

      CREATE TABLE facts (
        rid bigserial PRIMARY KEY,
        id text COLLATE "C" NOT NULL UNIQUE,
        article_rid bigint NOT NULL REFERENCES articles (rid) ON DELETE CASCADE,
        kind text COLLATE "C" NOT NULL,
        stage text NOT NULL,
        start integer,
        "end" integer,
        quote text COLLATE "C",
        derived text,
        -- the fact's data as the JSON text written (key order kept); queried through data::jsonb
        data text NOT NULL
      );
      CREATE INDEX facts_kind ON facts (kind, rid);
      CREATE INDEX facts_article ON facts (article_rid);
      CREATE INDEX facts_speaker ON facts (((data::jsonb) ->> 'speakerEntity')) WHERE kind = 'quote';

      CREATE TABLE article_teasers (
        article text COLLATE "C" NOT NULL,
        teaser text COLLATE "C" NOT NULL,
        position integer NOT NULL,
        PRIMARY KEY (article, teaser)
      );
      CREATE INDEX article_teasers_teaser ON article_teasers (teaser);

      CREATE TABLE ingest_runs (
        id serial PRIMARY KEY,
        started_at text NOT NULL,
        finished_at text,
        inputs text NOT NULL,
        added integer NOT NULL DEFAULT 0,
        skipped integer NOT NULL DEFAULT 0,
        failed_inputs integer NOT NULL DEFAULT 0
      );
      CREATE TABLE run_messages (
        id bigserial PRIMARY KEY,
        run integer NOT NULL REFERENCES ingest_runs (id) ON DELETE CASCADE,
        message text NOT NULL
      );
      CREATE INDEX run_messages_run ON run_messages (run);
    `,
  },
  {
    version: 2,
    name: 'outlet line fingerprints; duplicates, stories and shared blocks',
    sql: `
      CREATE TABLE outlet_lines (
        outlet text COLLATE "C" NOT NULL,
        fingerprint text COLLATE "C" NOT NULL,
        articles integer NOT NULL,
        PRIMARY KEY (outlet, fingerprint)
      );
      CREATE TABLE outlet_articles (
        outlet text COLLATE "C" PRIMARY KEY,
        articles integer NOT NULL
      );
      CREATE TABLE article_signatures (
        article text COLLATE "C" PRIMARY KEY,
        size integer NOT NULL,
        mins bytea NOT NULL
      );
      CREATE TABLE lsh_bands (
        key text COLLATE "C" NOT NULL,
        article text COLLATE "C" NOT NULL,
        PRIMARY KEY (key, article)
      );
      CREATE TABLE stories (
        id text COLLATE "C" PRIMARY KEY,
        title text,
        articles integer NOT NULL,
        first_published text COLLATE "C",
        last_published text COLLATE "C"
      );
      CREATE INDEX stories_last_published ON stories (last_published);
      CREATE TABLE block_articles (
        hash text COLLATE "C" NOT NULL,
        article text COLLATE "C" NOT NULL,
        start integer NOT NULL,
        "end" integer NOT NULL,
        PRIMARY KEY (hash, article)
      );
      CREATE INDEX block_articles_article ON block_articles (article);
    `,
  },
  {
    version: 3,
    name: 'corpus records, places with spatial indexes, entity mentions',
    sql: `
      CREATE TABLE corpus_records (
        kind text COLLATE "C" NOT NULL,
        id text COLLATE "C" NOT NULL,
        date text COLLATE "C",
        lat double precision,
        lon double precision,
        rank double precision NOT NULL DEFAULT 0,
        key1 text COLLATE "C",
        key2 text COLLATE "C",
        data text NOT NULL,
        pos point GENERATED ALWAYS AS (
          CASE WHEN lat IS NULL OR lon IS NULL THEN NULL ELSE point(lon, lat) END
        ) STORED,
        PRIMARY KEY (kind, id)
      );
      CREATE INDEX corpus_records_date ON corpus_records (kind, date, rank);
      CREATE INDEX corpus_records_rank ON corpus_records (kind, rank DESC, date);
      CREATE INDEX corpus_records_keys ON corpus_records (kind, key1, key2, rank DESC, date DESC);
      CREATE INDEX corpus_records_pos ON corpus_records USING gist (pos);

      -- What the map draws for a place (its first mention's name and position) and its totals.
      CREATE TABLE places (
        place text COLLATE "C" PRIMARY KEY,
        entity text COLLATE "C",
        name text COLLATE "C" NOT NULL,
        lat double precision NOT NULL,
        lon double precision NOT NULL,
        precision integer,
        articles integer NOT NULL DEFAULT 0,
        mentions integer NOT NULL DEFAULT 0,
        first text COLLATE "C",
        last text COLLATE "C",
        pos point GENERATED ALWAYS AS (point(lon, lat)) STORED
      );
      CREATE INDEX places_articles ON places (articles DESC, mentions DESC);
      CREATE INDEX places_pos ON places USING gist (pos);
      -- One row per positioned entity mention. Copies of facts, written in the facts' transaction:
      -- no foreign key (a per-row check costs more than the write; check() verifies them instead).
      CREATE TABLE place_mentions (
        fact text COLLATE "C" PRIMARY KEY,
        article_rid bigint NOT NULL,
        place text COLLATE "C" NOT NULL
      );
      CREATE INDEX place_mentions_article ON place_mentions (article_rid, place);
      CREATE INDEX place_mentions_place ON place_mentions (place, article_rid);
      -- Articles and mentions per place and publication day ('' when undated).
      CREATE TABLE place_days (
        day text COLLATE "C" NOT NULL,
        place text COLLATE "C" NOT NULL,
        articles integer NOT NULL,
        mentions integer NOT NULL,
        PRIMARY KEY (day, place)
      );
      CREATE INDEX place_days_place ON place_days (place, day);

      -- One row per linked entity mention, its fields as typed columns (copied from the fact on
      -- write): entity pages, the entity list and the entity= filter read no JSON.
      CREATE TABLE entity_mentions (
        fact text COLLATE "C" PRIMARY KEY,
        article_rid bigint NOT NULL,
        entity text COLLATE "C" NOT NULL,
        canonical text COLLATE "C",
        type text COLLATE "C",
        country text COLLATE "C",
        lat double precision,
        lon double precision,
        start integer,
        "end" integer,
        quote text COLLATE "C"
      );
      CREATE INDEX entity_mentions_entity ON entity_mentions (entity, article_rid);
      CREATE INDEX entity_mentions_article ON entity_mentions (article_rid);
    `,
  },
  {
    version: 4,
    name: 'search vectors in a narrow table of their own',
    // The vector moves out of the wide `articles` row into `article_search (rid, search)`: finding
    // a query's matches then reads a heap of about 40 pages per 1,000 articles (vectors under
    // about 2 kB stay in the row) instead of the articles' own (about 150), and ranking reads only
    // the vectors. Triggers keep it in step with
    // every write to `articles` (insert, a change of title or text, delete, truncate) in the
    // writing statement's transaction. Existing vectors are copied, not recomputed.
    sql: `
      CREATE FUNCTION ${SEARCH_VECTOR_FUNCTION}(title text, text text) RETURNS tsvector
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT ${SEARCH_VECTOR} $$;

      CREATE TABLE article_search (
        rid bigint PRIMARY KEY,
        search tsvector NOT NULL
      );
      -- EXTERNAL: out of line, uncompressed. Compression saves little on these vectors (pglz left
      -- 99.5% of a sample of 5,000 uncompressed, lz4 made them 6% smaller), so writes do not try.
      ALTER TABLE article_search ALTER COLUMN search SET STORAGE EXTERNAL;
      INSERT INTO article_search (rid, search) SELECT rid, search FROM articles ORDER BY rid;
      CREATE INDEX article_search_search ON article_search USING gin (search);
      ALTER TABLE articles DROP COLUMN search;
      ANALYZE article_search;

      CREATE FUNCTION article_search_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO article_search (rid, search)
          SELECT rid, ${SEARCH_VECTOR_FUNCTION}(title, text) FROM inserted_articles ORDER BY rid;
        RETURN NULL;
      END $$;
      CREATE TRIGGER article_search_insert AFTER INSERT ON articles
        REFERENCING NEW TABLE AS inserted_articles FOR EACH STATEMENT EXECUTE FUNCTION article_search_inserted();

      CREATE FUNCTION article_search_updated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM article_search WHERE rid = OLD.rid;
        INSERT INTO article_search (rid, search) VALUES (NEW.rid, ${SEARCH_VECTOR_FUNCTION}(NEW.title, NEW.text));
        RETURN NULL;
      END $$;
      CREATE TRIGGER article_search_update AFTER UPDATE OF rid, title, text ON articles
        FOR EACH ROW EXECUTE FUNCTION article_search_updated();

      CREATE FUNCTION article_search_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM article_search s USING deleted_articles d WHERE s.rid = d.rid;
        RETURN NULL;
      END $$;
      CREATE TRIGGER article_search_delete AFTER DELETE ON articles
        REFERENCING OLD TABLE AS deleted_articles FOR EACH STATEMENT EXECUTE FUNCTION article_search_deleted();

      CREATE FUNCTION article_search_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        TRUNCATE article_search;
        RETURN NULL;
      END $$;
      CREATE TRIGGER article_search_truncate AFTER TRUNCATE ON articles
        FOR EACH STATEMENT EXECUTE FUNCTION article_search_truncated();
    `,
  },
];
