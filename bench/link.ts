// `npm run bench:link [-- N]`: the cross-article step of ingest (src/corpus/link.ts: near
// duplicates, stories, shared blocks) and the store write, at N stored articles (default 100,000).
// The demo corpus and the war sample go through the per-article pipeline once (that cost belongs
// to another benchmark); then N processed articles are made from them: mutated copies (new ids,
// dates spread over 300 days, half the sentences kept and interleaved with a third of another
// article's, figures changed, facts moved with their text) and, one in ten, a syndicated
// near-copy of a recent one (boilerplate around it; a fifth of them dated before their original,
// so the original changes hands). They go through `CorpusLinker.link` and `Store.putArticles`
// (a real SQLite store with FTS5) in batches of 500 as ingest does, a new linker per slice of
// 10,000 (as a new ingest run: it reloads the last 14 days of stories). Per slice: articles/s in
// CPU time and wall time, the split between the parts, and at the end the peak memory; the table
// goes to docs/benchmarks.md between the bench:link markers.
//
// `--bases FILE`: keep the processed base articles in FILE (read when it exists), so a rerun skips
// the pipeline. `--no-write`: do not touch docs/benchmarks.md.

import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../eval/random.js';
import type { Article, Block, Fact } from '../src/core/document.js';
import { createPipeline } from '../src/core/pipeline.js';
import { CorpusLinker } from '../src/corpus/link.js';
import { runIngest } from '../src/jobs/ingest.js';
import { defaultStages } from '../src/stages/index.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { writeBenchmarkSection } from './sections.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TOTAL = Number(process.argv[2] ?? 100_000);
if (!Number.isInteger(TOTAL) || TOTAL < 1) {
  process.stderr.write(`bench:link: the article count must be a positive integer, got "${process.argv[2]}"\n`);
  process.exit(2);
}
const SLICE = 10_000;
const BATCH = 500;
const DAY = 86_400_000;
const START = Date.parse('2022-02-24T00:00:00Z');
const random = seededRandom(20_220_224);
const option = (name: string) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};

// 1. The processed bases.
async function processedBases(): Promise<Article[]> {
  const cache = option('--bases');
  if (cache && existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8')) as Article[];
  const inputs = [join(ROOT, 'data/demo/articles.jsonl.gz')];
  const war = join(ROOT, '../shared/data/ukraine-war-news-gdelt-sample/articles.jsonl');
  if (existsSync(war)) inputs.push(war);
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-link-bases-'));
  const store = new SqliteStore(join(dir, 'bases.db'));
  process.stdout.write(`processing ${inputs.length} base corpora through the per-article pipeline…\n`);
  await runIngest({ store, pipeline: createPipeline(defaultStages()), paths: inputs, link: false });
  const bases: Article[] = [];
  for await (const doc of store.articles()) if (doc.kind === 'article' && doc.text.length > 300) bases.push(doc);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  if (cache) writeFileSync(cache, JSON.stringify(bases));
  return bases;
}

const bases = await processedBases();
process.stdout.write(`${bases.length} processed base articles\n`);

// 2. Mutated copies.
interface Piece {
  from: Article;
  start: number;
  end: number;
  kind: Block['kind'];
  /** The paragraph of `from` it comes from: consecutive pieces of one paragraph stay one paragraph. */
  paragraph: number;
}

/** The sentences of an article, by paragraph (its blocks, or the whole text when it has none). */
function sentences(doc: Article): Piece[] {
  const blocks = doc.blocks.length ? doc.blocks : [{ start: 0, end: doc.text.length, kind: 'paragraph' as const }];
  const pieces: Piece[] = [];
  blocks.forEach((b, paragraph) => {
    const text = doc.text.slice(b.start, b.end);
    for (const m of text.matchAll(/[^.!?]+(?:[.!?]+["”’)]*|$)/g)) {
      const lead = m[0].length - m[0].trimStart().length;
      const start = b.start + (m.index ?? 0) + lead;
      const end = b.start + (m.index ?? 0) + m[0].trimEnd().length;
      if (end > start) pieces.push({ from: doc, start, end, kind: b.kind, paragraph });
    }
  });
  return pieces;
}

/** Digits replaced by others (same length, so spans hold): new casualty figures, new dates. */
function changeFigures(text: string): string {
  return text.replace(/\d+/g, (n) =>
    n.length > 4
      ? n
      : Array.from(n, (_, k) => String(k === 0 ? 1 + Math.floor(random() * 9) : Math.floor(random() * 10))).join(''),
  );
}

/** Joins pieces into a new article: text, blocks and the facts whose evidence lies inside a piece, moved along. */
function assemble(base: Article, pieces: Piece[], id: string, published: string, prefix = '', suffix = ''): Article {
  let text = prefix;
  const blocks: Block[] = [];
  const facts: Fact[] = [];
  const kept = new Set<string>();
  const moves: Array<{ piece: Piece; offset: number }> = [];
  let previous: Piece | null = null;
  for (const piece of pieces) {
    const sameParagraph = previous?.from === piece.from && previous.paragraph === piece.paragraph;
    if (previous) text += sameParagraph ? ' ' : '\n\n';
    const offset = text.length - piece.start;
    text += piece.from.text.slice(piece.start, piece.end);
    if (sameParagraph) blocks[blocks.length - 1]!.end = piece.end + offset;
    else blocks.push({ start: piece.start + offset, end: piece.end + offset, kind: piece.kind });
    moves.push({ piece, offset });
    previous = piece;
  }
  text += suffix;
  for (const { piece, offset } of moves) {
    for (const f of piece.from.facts) {
      const e = f.evidence;
      if (!e || e.start < piece.start || e.end > piece.end) continue;
      kept.add(`${piece.from.id}/${f.id}`);
      facts.push({
        ...f,
        id: `${f.id}~${id}`,
        evidence: { ...e, article: id, start: e.start + offset, end: e.end + offset },
      });
    }
  }
  for (const source of new Set(pieces.map((p) => p.from))) {
    for (const f of source.facts) {
      if (f.evidence || !f.derived?.every((d) => kept.has(`${source.id}/${d}`))) continue;
      facts.push({ ...f, id: `${f.id}~${id}`, derived: f.derived.map((d) => `${d}~${id}`) });
    }
  }
  return {
    ...base,
    id,
    key: `id:${id}`,
    fields: { ...base.fields, id },
    published,
    text,
    blocks,
    facts,
    teasers: [],
    teaserIds: [],
    duplicateOf: null,
    story: null,
    messages: base.messages.filter((m) => !m.span),
  };
}

/** Half the sentences of one article interleaved with a third of another's, figures changed: a new article. */
function mutatedCopy(i: number): Article {
  const base = bases[Math.floor(random() * bases.length)]!;
  let other = bases[Math.floor(random() * bases.length)]!;
  while (other === base && bases.length > 1) other = bases[Math.floor(random() * bases.length)]!;
  const mine = sentences(base).filter(() => random() < 0.5);
  const theirs = sentences(other).filter(() => random() < 0.33);
  const pieces: Piece[] = [];
  while (mine.length || theirs.length) {
    if (mine.length && (random() < 0.6 || !theirs.length)) pieces.push(mine.shift()!);
    else pieces.push(theirs.shift()!);
  }
  if (pieces.length === 0) pieces.push(...sentences(base));
  const published = new Date(START + Math.floor((i / TOTAL) * 300 * DAY + random() * DAY)).toISOString();
  const doc = assemble(base, pieces, `l${i}`, published);
  const text = changeFigures(doc.text);
  return {
    ...doc,
    text,
    facts: doc.facts.map((f) =>
      f.evidence ? { ...f, evidence: { ...f.evidence, quote: text.slice(f.evidence.start, f.evidence.end) } } : f,
    ),
  };
}

const recent: Article[] = [];
function syndicatedCopy(i: number): Article {
  const original = recent[Math.floor(random() * recent.length)]!;
  const shift = random() < 0.2 ? -Math.floor(random() * 6 * 3_600_000) : Math.floor(random() * 2 * DAY);
  const published = new Date(Date.parse(original.published!) + shift).toISOString();
  const prefix = 'Share this article\n\nFollow us on Telegram | Facebook | X\n\n';
  const copy = assemble(original, sentences(original), `l${i}`, published, prefix, '\n\nSupport our journalism.');
  return { ...copy, outlet: `outlet-${i % 40}` };
}

function article(i: number): Article {
  const doc = i > 100 && random() < 0.1 ? syndicatedCopy(i) : mutatedCopy(i);
  recent.push(doc);
  if (recent.length > 2000) recent.shift();
  return doc;
}

// 3. Link and store, in slices.
const dir = mkdtempSync(join(tmpdir(), 'sitrep-link-bench-'));
const dbFile = join(dir, 'link.db');
const store = new SqliteStore(dbFile);
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
interface SliceRow {
  stored: number;
  articles: number;
  openMs: number;
  cpuMs: number;
  /** CPU time in `link` (the cross-article step, its store reads included) and in `putArticles`. */
  linkCpuMs: number;
  writeCpuMs: number;
  wallMs: number;
  duplicates: number;
  stories: number;
  blocks: number;
  write: number;
  foundDuplicates: number;
  storyCount: number;
}
const rows: SliceRow[] = [];
let made = 0;
let duplicatesFound = 0;
const storiesSeen = new Set<string>();
while (made < TOTAL) {
  const size = Math.min(SLICE, TOTAL - made);
  // Generated outside the timed part: the mutation is the benchmark's, not ingest's.
  const docs = Array.from({ length: size }, (_, k) => article(made + k));
  const cpu0 = cpuMs();
  const wall0 = performance.now();
  const linker = await CorpusLinker.open(store);
  const openMs = performance.now() - wall0;
  let write = 0;
  let linkCpu = 0;
  let writeCpu = 0;
  let found = 0;
  for (let at = 0; at < docs.length; at += BATCH) {
    const c0 = cpuMs();
    const { docs: linked, links } = await linker.link(docs.slice(at, at + BATCH));
    const c1 = cpuMs();
    const w = performance.now();
    await store.putArticles(linked, { links });
    write += performance.now() - w;
    writeCpu += cpuMs() - c1;
    linkCpu += c1 - c0;
    for (const d of linked) {
      if (d.duplicateOf) found++;
      if (d.story) storiesSeen.add(d.story);
    }
  }
  const row: SliceRow = {
    stored: made + size,
    articles: size,
    openMs,
    cpuMs: cpuMs() - cpu0,
    linkCpuMs: linkCpu,
    writeCpuMs: writeCpu,
    wallMs: performance.now() - wall0,
    ...linker.timings,
    write,
    foundDuplicates: found,
    storyCount: storiesSeen.size,
  };
  duplicatesFound += found;
  made += size;
  rows.push(row);
  const rate = (ms: number) => ((size / ms) * 1000).toFixed(0);
  process.stdout.write(
    `${row.stored.toLocaleString('en')} stored: ${rate(row.cpuMs)}/s CPU (link ${rate(linkCpu)}/s, write ${rate(writeCpu)}/s), ${rate(row.wallMs)}/s wall; open ${openMs.toFixed(0)} ms, duplicates ${row.duplicates.toFixed(0)} ms, stories ${row.stories.toFixed(0)} ms, blocks ${row.blocks.toFixed(0)} ms, write ${write.toFixed(0)} ms; ${found} duplicates\n`,
  );
}
const stats = await store.stats();
const storyTotal = (await store.listStories({ limit: 1, offset: 0 })).total;
await store.close();
const dbBytes = statSync(dbFile).size;
rmSync(dir, { recursive: true, force: true });
const peakMiB = process.resourceUsage().maxRSS / 1024;

// 4. The table.
const f0 = (x: number) => x.toFixed(0);
const share = (r: SliceRow, ms: number) => `${((ms / r.wallMs) * 100).toFixed(0)} %`;
const table = rows
  .map(
    (r) =>
      `| ${(r.stored - r.articles + 1).toLocaleString('en')}–${r.stored.toLocaleString('en')} | ${f0((r.articles / r.cpuMs) * 1000)} | ${f0((r.articles / r.linkCpuMs) * 1000)} | ${f0((r.articles / r.writeCpuMs) * 1000)} | ${f0((r.articles / r.wallMs) * 1000)} | ${share(r, r.openMs)} | ${share(r, r.duplicates)} | ${share(r, r.stories)} | ${share(r, r.blocks)} | ${share(r, r.write)} | ${r.foundDuplicates.toLocaleString('en')} |`,
  )
  .join('\n');
const last = rows[rows.length - 1]!;
const body = `Command: \`npm run bench:link -- ${TOTAL}\` (bench/link.ts; \`node dist/bench/link.js ${TOTAL}\`). Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'},
${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, one process (load average ${loadavg()
  .map((l) => l.toFixed(1))
  .join(', ')} at the end). Measured ${new Date().toISOString().slice(0, 10)}.
The demo corpus and the war sample went through the per-article pipeline once (${bases.length.toLocaleString('en')} articles over 300
characters; not timed here: see the sections above). From them, ${TOTAL.toLocaleString('en')} processed articles: mutated copies (new id, a date
spread over 300 days, half the sentences kept and interleaved with a third of another article's, figures changed, facts
moved with their text) and, one in ten, a syndicated copy of a recent one with boilerplate around it (a fifth of
those dated before their original). They go through the cross-article step (\`CorpusLinker.link\`: duplicates,
stories, shared blocks) and \`putArticles\` into one SQLite store (FTS5, facts, links), 500 per transaction as
ingest writes; a new linker opens for each slice of 10,000, as a new ingest run does (it reloads the stories of
the last 14 days: "open"). Rates are articles per second of process CPU time (user + system, all threads): of the
whole slice, of the cross-article step alone (its store look-ups included) and of the store write alone; and of
wall time. Shares are of the slice's wall time.

| articles stored | /s CPU | /s CPU, link | /s CPU, store write | /s wall | open | duplicates | stories | shared blocks | store write | duplicates found |
|---|---|---|---|---|---|---|---|---|---|---|
${table}

Result: ${duplicatesFound.toLocaleString('en')} duplicates, ${storyTotal.toLocaleString('en')} stories, ${stats.articles.toLocaleString('en')} articles stored
(${(dbBytes / 2 ** 30).toFixed(2)} GiB); peak resident memory ${peakMiB.toFixed(0)} MiB. Last slice (${(last.stored - last.articles).toLocaleString('en')}–${last.stored.toLocaleString('en')} stored):
${f0((last.articles / last.cpuMs) * 1000)} articles/s of CPU time (link ${f0((last.articles / last.linkCpuMs) * 1000)}/s, store write ${f0((last.articles / last.writeCpuMs) * 1000)}/s), ${f0((last.articles / last.wallMs) * 1000)}/s wall. Target (issue 7): ≥ 500 articles/s on one core at 100,000 stored.`;
const title = `Cross-article step and store write at ${TOTAL.toLocaleString('en')} stored articles`;
process.stdout.write(`\n## ${title}\n\n${body}\n`);
if (!process.argv.includes('--no-write')) writeBenchmarkSection('link', title, body);
