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
        -- the two fields a kind is filtered by most (events: type, subtype; claims: metric, side)
        key1 TEXT,
        key2 TEXT,
        data TEXT NOT NULL,
        PRIMARY KEY (kind, id)
      ) WITHOUT ROWID;
      -- Covering indexes for the filters and orders the API offers: a page of ids is found from
      -- an index alone, and only that page's records are read.
      CREATE INDEX corpus_records_date ON corpus_records(kind, date, rank);
      CREATE INDEX corpus_records_rank ON corpus_records(kind, rank DESC, date);
      CREATE INDEX corpus_records_position ON corpus_records(kind, lat, lon, date, rank);
      CREATE INDEX corpus_records_keys ON corpus_records(kind, key1, key2, rank DESC, date DESC);
      -- Quotes by speaker, for a person's page.
      CREATE INDEX facts_speaker ON facts(json_extract(data, '$.speakerEntity')) WHERE kind = 'quote';
    `,
  },
  {
    version: 6,
    name: 'positioned place mentions for the map',
    sql: `
      -- One row per entity mention with a position (copied from the fact by a trigger), so the
      -- map aggregates places with plain columns instead of parsing every fact's JSON. A place is
      -- its knowledge-base id, or its rounded position when the mention is not linked.
      CREATE TABLE place_mentions (
        fact TEXT PRIMARY KEY,
        article_rowid INTEGER NOT NULL,
        place TEXT NOT NULL
      );
      CREATE INDEX place_mentions_article ON place_mentions(article_rowid, place);
      CREATE INDEX place_mentions_place ON place_mentions(place, article_rowid);
      -- What the map draws for a place (the first mention's name and position), with its totals
      -- over all articles (the map without a period reads only this table).
      CREATE TABLE places (
        place TEXT PRIMARY KEY,
        entity TEXT,
        name TEXT NOT NULL,
        lat REAL NOT NULL,
        lon REAL NOT NULL,
        precision INTEGER,
        articles INTEGER NOT NULL DEFAULT 0,
        mentions INTEGER NOT NULL DEFAULT 0,
        first TEXT,
        last TEXT
      );
      CREATE INDEX places_articles ON places(articles DESC, mentions DESC);
      -- Articles and mentions per place and publication day ('' when undated): an article has one
      -- day, so distinct-article counts add up exactly over any range of days.
      CREATE TABLE place_days (
        place TEXT NOT NULL,
        day TEXT NOT NULL,
        articles INTEGER NOT NULL,
        mentions INTEGER NOT NULL,
        PRIMARY KEY (day, place)
      ) WITHOUT ROWID;
      CREATE INDEX place_days_place ON place_days(place, day);
      CREATE TRIGGER place_mentions_insert AFTER INSERT ON place_mentions
      BEGIN
        UPDATE places SET mentions = mentions + 1,
          articles = articles + NOT EXISTS (SELECT 1 FROM place_mentions
            WHERE article_rowid = new.article_rowid AND place = new.place AND fact <> new.fact),
          first = CASE WHEN d IS NULL OR d >= first THEN first ELSE d END,
          last = CASE WHEN d IS NULL OR d <= last THEN last ELSE d END
        FROM (SELECT substr(published, 1, 10) AS d FROM articles WHERE rowid = new.article_rowid)
        WHERE place = new.place;
        INSERT INTO place_days (place, day, articles, mentions)
        VALUES (new.place,
          (SELECT coalesce(substr(published, 1, 10), '') FROM articles WHERE rowid = new.article_rowid),
          NOT EXISTS (SELECT 1 FROM place_mentions
            WHERE article_rowid = new.article_rowid AND place = new.place AND fact <> new.fact), 1)
        ON CONFLICT (day, place) DO UPDATE SET articles = articles + excluded.articles, mentions = mentions + 1;
      END;
      CREATE TRIGGER place_mentions_delete AFTER DELETE ON place_mentions
      BEGIN
        UPDATE place_days SET mentions = mentions - 1,
          articles = articles - NOT EXISTS (SELECT 1 FROM place_mentions
            WHERE article_rowid = old.article_rowid AND place = old.place)
        WHERE place = old.place
          AND day = (SELECT coalesce(substr(published, 1, 10), '') FROM articles WHERE rowid = old.article_rowid);
        DELETE FROM place_days WHERE place = old.place AND mentions <= 0;
        UPDATE places SET mentions = mentions - 1,
          articles = articles - NOT EXISTS (SELECT 1 FROM place_mentions
            WHERE article_rowid = old.article_rowid AND place = old.place),
          first = (SELECT min(day) FROM place_days WHERE place = old.place AND day <> ''),
          last = (SELECT max(day) FROM place_days WHERE place = old.place AND day <> '')
        WHERE place = old.place;
      END;
      CREATE TRIGGER facts_place_insert AFTER INSERT ON facts
        WHEN new.kind = 'entity-mention' AND new.article_rowid IS NOT NULL
          AND json_extract(new.data, '$.lat') IS NOT NULL AND json_extract(new.data, '$.lon') IS NOT NULL
      BEGIN
        INSERT OR IGNORE INTO places (place, entity, name, lat, lon, precision)
        SELECT coalesce(entity, 'at:' || round(lat, 3) || ',' || round(lon, 3)), entity, name, lat, lon, precision
        FROM (SELECT json_extract(new.data, '$.entity') AS entity,
          coalesce(json_extract(new.data, '$.canonical'), json_extract(new.data, '$.name'), new.quote, '') AS name,
          json_extract(new.data, '$.lat') AS lat, json_extract(new.data, '$.lon') AS lon,
          json_extract(new.data, '$.geoPrecision') AS precision);
        INSERT OR IGNORE INTO place_mentions (fact, article_rowid, place)
        VALUES (new.id, new.article_rowid, coalesce(json_extract(new.data, '$.entity'),
          'at:' || round(json_extract(new.data, '$.lat'), 3) || ',' || round(json_extract(new.data, '$.lon'), 3)));
      END;
      CREATE TRIGGER facts_place_delete AFTER DELETE ON facts WHEN old.kind = 'entity-mention'
      BEGIN
        DELETE FROM place_mentions WHERE fact = old.id;
      END;
      -- Facts stored before this migration (the triggers above fill the other tables).
      INSERT OR IGNORE INTO places (place, entity, name, lat, lon, precision)
      SELECT coalesce(entity, 'at:' || round(lat, 3) || ',' || round(lon, 3)), entity, name, lat, lon, precision
      FROM (SELECT json_extract(f.data, '$.entity') AS entity,
          coalesce(json_extract(f.data, '$.canonical'), json_extract(f.data, '$.name'), f.quote, '') AS name,
          json_extract(f.data, '$.lat') AS lat, json_extract(f.data, '$.lon') AS lon,
          json_extract(f.data, '$.geoPrecision') AS precision
        FROM facts f WHERE f.kind = 'entity-mention' AND f.article_rowid IS NOT NULL ORDER BY f.rowid)
      WHERE lat IS NOT NULL AND lon IS NOT NULL;
      INSERT OR IGNORE INTO place_mentions (fact, article_rowid, place)
      SELECT id, article_rowid, coalesce(entity, 'at:' || round(lat, 3) || ',' || round(lon, 3))
      FROM (SELECT f.id, f.article_rowid, json_extract(f.data, '$.entity') AS entity,
          json_extract(f.data, '$.lat') AS lat, json_extract(f.data, '$.lon') AS lon
        FROM facts f WHERE f.kind = 'entity-mention' AND f.article_rowid IS NOT NULL ORDER BY f.rowid)
      WHERE lat IS NOT NULL AND lon IS NOT NULL;
    `,
  },
  {
    version: 7,
    name: 'narrow article metadata for lists, filters and search',
    sql: `
      -- The articles table holds the raw input and the clean text in the middle of each row, so
      -- reading any later column (published, outlet, story…) walks the row's overflow pages. Lists,
      -- filters, sorting, search and counts read this narrow copy instead, kept in step by triggers.
      CREATE TABLE article_meta (
        article_rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL,
        kind TEXT NOT NULL,
        source TEXT NOT NULL,
        format TEXT NOT NULL,
        url TEXT,
        outlet TEXT,
        title TEXT,
        published TEXT,
        language TEXT,
        duplicate_of TEXT,
        story TEXT,
        length INTEGER NOT NULL,
        failed INTEGER NOT NULL
      );
      INSERT INTO article_meta
        SELECT rowid, id, kind, source, format, url, outlet, title, published, language, duplicate_of, story, length(text), failed FROM articles;
      CREATE INDEX article_meta_id ON article_meta(id);
      CREATE INDEX article_meta_published ON article_meta(published);
      CREATE INDEX article_meta_outlet ON article_meta(outlet, published);
      CREATE INDEX article_meta_language ON article_meta(language);
      CREATE INDEX article_meta_story ON article_meta(story, published);
      CREATE INDEX article_meta_duplicate_of ON article_meta(duplicate_of);
      CREATE TRIGGER article_meta_insert AFTER INSERT ON articles BEGIN
        INSERT INTO article_meta VALUES (new.rowid, new.id, new.kind, new.source, new.format, new.url, new.outlet, new.title, new.published, new.language, new.duplicate_of, new.story, length(new.text), new.failed);
      END;
      CREATE TRIGGER article_meta_update AFTER UPDATE ON articles BEGIN
        UPDATE article_meta SET id = new.id, kind = new.kind, source = new.source, format = new.format, url = new.url, outlet = new.outlet, title = new.title, published = new.published, language = new.language, duplicate_of = new.duplicate_of, story = new.story, length = length(new.text), failed = new.failed
          WHERE article_rowid = old.rowid;
      END;
      CREATE TRIGGER article_meta_delete AFTER DELETE ON articles BEGIN
        DELETE FROM article_meta WHERE article_rowid = old.rowid;
      END;
      -- Articles by mentioned entity from the index alone (the article filter \`entity=\`).
      DROP INDEX facts_entity;
      CREATE INDEX facts_entity ON facts(json_extract(data, '$.entity'), article_rowid) WHERE kind = 'entity-mention';
    `,
  },
  {
    version: 8,
    name: 'facts and place mentions keyed by article',
    sql: `
      -- A fact id is a hash, so a unique index on it alone takes every new fact at a random place of
      -- a B-tree that outgrows the page cache long before 100,000 articles (about 90 facts each):
      -- most of the store write was page reads and writes of that index and of place_mentions'
      -- primary key (also a fact id). Keyed by (article, id) instead, an ingest appends at the end
      -- of both; ids stay unique within an article, which is all an insert checks (an article is
      -- stored once), and the key also serves "the facts of an article", so facts_article goes.
      -- The articles table's outlet, language and story indexes go too: article_meta has its own,
      -- and no query reads them.
      CREATE TABLE facts_keyed (
        id TEXT NOT NULL,
        article_rowid INTEGER REFERENCES articles(rowid) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        stage TEXT NOT NULL,
        start INTEGER,
        "end" INTEGER,
        quote TEXT,
        derived TEXT,
        data TEXT NOT NULL,
        UNIQUE (article_rowid, id)
      );
      INSERT INTO facts_keyed (rowid, id, article_rowid, kind, stage, start, "end", quote, derived, data)
        SELECT rowid, id, article_rowid, kind, stage, start, "end", quote, derived, data FROM facts ORDER BY rowid;
      DROP TABLE facts;
      ALTER TABLE facts_keyed RENAME TO facts;
      CREATE INDEX facts_kind ON facts(kind, article_rowid);
      CREATE INDEX facts_entity ON facts(json_extract(data, '$.entity'), article_rowid) WHERE kind = 'entity-mention';
      CREATE INDEX facts_speaker ON facts(json_extract(data, '$.speakerEntity')) WHERE kind = 'quote';

      CREATE TABLE place_mentions_keyed (
        fact TEXT NOT NULL,
        article_rowid INTEGER NOT NULL,
        place TEXT NOT NULL,
        PRIMARY KEY (article_rowid, fact)
      ) WITHOUT ROWID;
      INSERT INTO place_mentions_keyed (fact, article_rowid, place)
        SELECT fact, article_rowid, place FROM place_mentions;
      DROP TABLE place_mentions;
      ALTER TABLE place_mentions_keyed RENAME TO place_mentions;
      CREATE INDEX place_mentions_article ON place_mentions(article_rowid, place);
      CREATE INDEX place_mentions_place ON place_mentions(place, article_rowid);

      -- The triggers of migration 6, on the new tables (dropping a table drops its triggers).
      CREATE TRIGGER place_mentions_insert AFTER INSERT ON place_mentions
      BEGIN
        UPDATE places SET mentions = mentions + 1,
          articles = articles + NOT EXISTS (SELECT 1 FROM place_mentions
            WHERE article_rowid = new.article_rowid AND place = new.place AND fact <> new.fact),
          first = CASE WHEN d IS NULL OR d >= first THEN first ELSE d END,
          last = CASE WHEN d IS NULL OR d <= last THEN last ELSE d END
        FROM (SELECT substr(published, 1, 10) AS d FROM articles WHERE rowid = new.article_rowid)
        WHERE place = new.place;
        INSERT INTO place_days (place, day, articles, mentions)
        VALUES (new.place,
          (SELECT coalesce(substr(published, 1, 10), '') FROM articles WHERE rowid = new.article_rowid),
          NOT EXISTS (SELECT 1 FROM place_mentions
            WHERE article_rowid = new.article_rowid AND place = new.place AND fact <> new.fact), 1)
        ON CONFLICT (day, place) DO UPDATE SET articles = articles + excluded.articles, mentions = mentions + 1;
      END;
      CREATE TRIGGER place_mentions_delete AFTER DELETE ON place_mentions
      BEGIN
        UPDATE place_days SET mentions = mentions - 1,
          articles = articles - NOT EXISTS (SELECT 1 FROM place_mentions
            WHERE article_rowid = old.article_rowid AND place = old.place)
        WHERE place = old.place
          AND day = (SELECT coalesce(substr(published, 1, 10), '') FROM articles WHERE rowid = old.article_rowid);
        DELETE FROM place_days WHERE place = old.place AND mentions <= 0;
        UPDATE places SET mentions = mentions - 1,
          articles = articles - NOT EXISTS (SELECT 1 FROM place_mentions
            WHERE article_rowid = old.article_rowid AND place = old.place),
          first = (SELECT min(day) FROM place_days WHERE place = old.place AND day <> ''),
          last = (SELECT max(day) FROM place_days WHERE place = old.place AND day <> '')
        WHERE place = old.place;
      END;
      CREATE TRIGGER facts_place_insert AFTER INSERT ON facts
        WHEN new.kind = 'entity-mention' AND new.article_rowid IS NOT NULL
          AND json_extract(new.data, '$.lat') IS NOT NULL AND json_extract(new.data, '$.lon') IS NOT NULL
      BEGIN
        INSERT OR IGNORE INTO places (place, entity, name, lat, lon, precision)
        SELECT coalesce(entity, 'at:' || round(lat, 3) || ',' || round(lon, 3)), entity, name, lat, lon, precision
        FROM (SELECT json_extract(new.data, '$.entity') AS entity,
          coalesce(json_extract(new.data, '$.canonical'), json_extract(new.data, '$.name'), new.quote, '') AS name,
          json_extract(new.data, '$.lat') AS lat, json_extract(new.data, '$.lon') AS lon,
          json_extract(new.data, '$.geoPrecision') AS precision);
        INSERT OR IGNORE INTO place_mentions (fact, article_rowid, place)
        VALUES (new.id, new.article_rowid, coalesce(json_extract(new.data, '$.entity'),
          'at:' || round(json_extract(new.data, '$.lat'), 3) || ',' || round(json_extract(new.data, '$.lon'), 3)));
      END;
      CREATE TRIGGER facts_place_delete AFTER DELETE ON facts WHEN old.kind = 'entity-mention'
      BEGIN
        DELETE FROM place_mentions WHERE article_rowid = old.article_rowid AND fact = old.id;
      END;

      DROP INDEX articles_outlet;
      DROP INDEX articles_language;
      DROP INDEX articles_story;
    `,
  },
  {
    version: 9,
    name: 'place totals written per batch by the store, not per fact by triggers',
    sql: `
      -- The insert triggers of migration 8 parsed every entity mention's JSON several times and
      -- updated places and place_days once per mention: more than half of the store write. The store
      -- (place-writes.ts) now writes the same rows itself, once per place and batch, in the batch's
      -- transaction. Facts enter the store only through putArticles, which does this; the delete
      -- triggers stay, so removing facts or mentions still keeps the totals.
      DROP TRIGGER facts_place_insert;
      DROP TRIGGER place_mentions_insert;
    `,
  },
  {
    version: 10,
    name: 'LSH bands and signatures keyed by integers; fewer index entries per fact and block',
    sql: `
      -- Each original article adds 32 band rows at random places of lsh_bands, so every batch
      -- rewrote nearly every page of it. Keys become one INTEGER (band × 2^32 + hash, see
      -- band-keys.ts; sitrep_band_key is that function, registered by the store) and articles
      -- their row id: rows about half the size, so fewer pages to dirty and write. Signatures are
      -- keyed by the article's row id too (appended in order, whatever the article ids look like).
      CREATE TABLE lsh_bands_int (
        key INTEGER NOT NULL,
        article_rowid INTEGER NOT NULL,
        PRIMARY KEY (key, article_rowid)
      ) WITHOUT ROWID;
      INSERT OR IGNORE INTO lsh_bands_int (key, article_rowid)
        SELECT sitrep_band_key(b.key), a.rowid FROM lsh_bands b JOIN articles a ON a.id = b.article ORDER BY 1, 2;
      DROP TABLE lsh_bands;
      ALTER TABLE lsh_bands_int RENAME TO lsh_bands;
      -- New band rows go to this small table first and are moved to lsh_bands in key order
      -- every ~130,000 rows (sqlite-store.ts, in the batch's transaction): a batch then dirties
      -- the pages of a small B-tree instead of most pages of the big one (every page it dirties
      -- is written to the WAL at commit and copied to the file at the checkpoint). Lookups read both.
      CREATE TABLE lsh_bands_recent (
        key INTEGER NOT NULL,
        article_rowid INTEGER NOT NULL,
        PRIMARY KEY (key, article_rowid)
      ) WITHOUT ROWID;
      CREATE TABLE article_signatures_int (
        article_rowid INTEGER PRIMARY KEY,
        size INTEGER NOT NULL,
        mins BLOB NOT NULL
      );
      INSERT INTO article_signatures_int (article_rowid, size, mins)
        SELECT a.rowid, s.size, s.mins FROM article_signatures s JOIN articles a ON a.id = s.article ORDER BY a.rowid;
      DROP TABLE article_signatures;
      ALTER TABLE article_signatures_int RENAME TO article_signatures;
      -- No query looks paragraphs up by article (shared blocks are read by hash).
      DROP INDEX block_articles_article;
      -- Paragraph hashes are random too: new rows wait in a small table the same way.
      CREATE TABLE block_articles_recent (
        hash TEXT NOT NULL,
        article TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        PRIMARY KEY (hash, article)
      ) WITHOUT ROWID;
      -- Lookups by entity and by speaker always compare with a value, so rows without one (43 % of
      -- entity mentions and 74 % of quotes in bench:link) need no index entry: the planner still
      -- uses these indexes for "= value" and "IS NOT NULL".
      DROP INDEX facts_entity;
      CREATE INDEX facts_entity ON facts(json_extract(data, '$.entity'), article_rowid)
        WHERE kind = 'entity-mention' AND json_extract(data, '$.entity') IS NOT NULL;
      DROP INDEX facts_speaker;
      CREATE INDEX facts_speaker ON facts(json_extract(data, '$.speakerEntity'))
        WHERE kind = 'quote' AND json_extract(data, '$.speakerEntity') IS NOT NULL;
    `,
  },
  {
    version: 11,
    name: 'entity look-ups by article, not by mention',
    sql: `
      -- facts_entity took every linked entity mention (about 34 an article in bench:link) at a
      -- random place of an index keyed by the entity, and parsed its JSON twice to do so; the
      -- store write spent about a fifth of its time there. Look-ups by entity want articles,
      -- not mentions, so the store (entity-writes.ts) now writes one row per entity, article and
      -- mention type (the tagger's type of the mention: "NATO" is sometimes tagged a place) with
      -- the mention count, once per batch, plus each entity's fields and the forms it was written
      -- in. The entity pages and "articles naming X" read these.
      CREATE TABLE entity_articles (
        entity TEXT NOT NULL,
        article_rowid INTEGER NOT NULL,
        type TEXT NOT NULL, -- '' when the mention has none
        mentions INTEGER NOT NULL,
        PRIMARY KEY (entity, article_rowid, type)
      ) WITHOUT ROWID;
      INSERT INTO entity_articles (entity, article_rowid, type, mentions)
        SELECT json_extract(data, '$.entity'), article_rowid, coalesce(json_extract(data, '$.type'), ''), count(*)
        FROM facts
        WHERE kind = 'entity-mention' AND json_extract(data, '$.entity') IS NOT NULL AND article_rowid IS NOT NULL
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
      -- What the entity pages show beside the counts: the largest value of each field over the
      -- entity's mentions (as max() over the mentions gave; the type is max() over entity_articles),
      -- and the distinct forms written.
      CREATE TABLE entity_names (
        entity TEXT PRIMARY KEY,
        name,
        country,
        lat,
        lon
      ) WITHOUT ROWID;
      INSERT INTO entity_names (entity, name, country, lat, lon)
        SELECT json_extract(data, '$.entity'), max(json_extract(data, '$.canonical')), max(json_extract(data, '$.country')), max(json_extract(data, '$.lat')), max(json_extract(data, '$.lon'))
        FROM facts WHERE kind = 'entity-mention' AND json_extract(data, '$.entity') IS NOT NULL GROUP BY 1;
      CREATE TABLE entity_aliases (
        entity TEXT NOT NULL,
        alias TEXT NOT NULL,
        PRIMARY KEY (entity, alias)
      ) WITHOUT ROWID;
      INSERT OR IGNORE INTO entity_aliases (entity, alias)
        SELECT DISTINCT json_extract(data, '$.entity'), quote FROM facts
        WHERE kind = 'entity-mention' AND json_extract(data, '$.entity') IS NOT NULL AND quote IS NOT NULL;
      DROP INDEX facts_entity;
      -- Removing a mention keeps the per-article counts (facts enter only through putArticles).
      CREATE TRIGGER facts_entity_delete AFTER DELETE ON facts
        WHEN old.kind = 'entity-mention' AND json_extract(old.data, '$.entity') IS NOT NULL
      BEGIN
        UPDATE entity_articles SET mentions = mentions - 1
          WHERE entity = json_extract(old.data, '$.entity') AND article_rowid = old.article_rowid
            AND type = coalesce(json_extract(old.data, '$.type'), '');
        DELETE FROM entity_articles
          WHERE entity = json_extract(old.data, '$.entity') AND article_rowid = old.article_rowid AND mentions <= 0;
      END;
    `,
  },
  {
    version: 12,
    name: 'facts counted per kind',
    sql: `
      -- stats() counted facts by kind over the whole facts_kind index on every call: about half a
      -- second at 100,000 articles (7 million facts), on every refresh of the desk's header. The
      -- store adds each batch's counts (facts are unique by id within their article, and enter only
      -- through putArticles); a delete takes one off.
      CREATE TABLE fact_kinds (
        kind TEXT PRIMARY KEY,
        facts INTEGER NOT NULL
      ) WITHOUT ROWID;
      INSERT INTO fact_kinds (kind, facts) SELECT kind, count(*) FROM facts GROUP BY kind;
      CREATE TRIGGER facts_kinds_delete AFTER DELETE ON facts
      BEGIN
        UPDATE fact_kinds SET facts = facts - 1 WHERE kind = old.kind;
      END;
    `,
  },
];
