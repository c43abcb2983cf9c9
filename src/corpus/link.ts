// The cross-article step of ingest, run on each batch after the per-article pipeline: near
// duplicates (MinHash + LSH against the store and the run so far; the earliest published copy is
// the original), stories (incremental clustering of originals; a duplicate joins its original's
// story), and paragraphs by content (shared blocks). Its decisions are written with the batch, in
// one transaction. Its state (the story clusterer) is rebuilt from the store's recent stories
// when a run starts, so its cost follows the window, not the store's size.

import { hash as digest } from 'node:crypto';
import type { Article } from '../core/document.js';
import type { CorpusLinks, Store } from '../store/store.js';
import {
  bandKeys,
  DEFAULT_DUPLICATE_OPTIONS,
  type DuplicateOptions,
  decodeSignature,
  encodeSignature,
  resemblance,
  type Signature,
  signature,
} from './duplicates/minhash.js';
import { DEFAULT_STORY_OPTIONS, StoryClusterer, type StoryOptions } from './stories/clusterer.js';

export interface LinkOptions {
  duplicates: DuplicateOptions;
  stories: StoryOptions;
  /** Paragraphs shorter than this are not tracked as shared blocks. */
  minBlockChars: number;
  /** Undated originals reloaded into the story step when a run starts. */
  resumeUndated: number;
}

export const DEFAULT_LINK_OPTIONS: LinkOptions = {
  duplicates: DEFAULT_DUPLICATE_OPTIONS,
  stories: DEFAULT_STORY_OPTIONS,
  minBlockChars: 80,
  resumeUndated: 2000,
};

/** Milliseconds (wall) spent in each part of the step since the linker opened, for benchmarks. */
export interface LinkTimings {
  /** Signatures, band keys, candidate look-up (memory and store) and resemblance. */
  duplicates: number;
  /** The story clusterer. */
  stories: number;
  /** Paragraph hashing. */
  blocks: number;
}

interface Known {
  article: string;
  sig: Signature;
  published: string | null;
  root: string;
  story: string | null;
}

export class CorpusLinker {
  private readonly clusterer: StoryClusterer;
  /** Signatures of the current batch by band key (earlier batches are found in the store). */
  private readonly batchBuckets = new Map<string, Known[]>();
  private readonly batchKnown = new Map<string, Known>();
  readonly timings: LinkTimings = { duplicates: 0, stories: 0, blocks: 0 };

  private constructor(
    private readonly store: Store,
    readonly options: LinkOptions,
  ) {
    this.clusterer = new StoryClusterer(options.stories);
  }

  static async open(store: Store, options: Partial<LinkOptions> = {}): Promise<CorpusLinker> {
    const linker = new CorpusLinker(store, { ...DEFAULT_LINK_OPTIONS, ...options });
    const days = linker.options.stories.windowDays ?? 3650;
    for (const m of await store.recentStoryMembers(days, linker.options.resumeUndated)) {
      linker.clusterer.restore({ id: m.id, text: m.text, title: m.title, time: timeOf(m.published) }, m.story);
    }
    return linker;
  }

  /** Sets duplicateOf and story on the batch's articles and says what else changes in the store. */
  async link(docs: readonly Article[]): Promise<{ docs: Article[]; links: CorpusLinks }> {
    const links: CorpusLinks = { signatures: [], blocks: [], storyMoves: [], newOriginals: [], stories: [] };
    this.batchBuckets.clear();
    this.batchKnown.clear();
    const out: Article[] = [];
    const byId = new Map<string, Article>();
    for (const doc of docs) {
      if (doc.kind !== 'article' || doc.text.trim() === '' || doc.messages.some((m) => m.severity === 'fatal')) {
        out.push(doc);
        continue;
      }
      const linked = await this.linkOne(doc, links, byId);
      byId.set(linked.id, linked);
      out.push(linked);
    }
    // Re-clustering may have moved articles of this same batch: their rows follow the moves.
    return { docs: out.map((d) => byId.get(d.id) ?? d), links };
  }

  private async linkOne(doc: Article, links: CorpusLinks, batch: Map<string, Article>): Promise<Article> {
    let clock = performance.now();
    const lap = (part: keyof LinkTimings) => {
      const now = performance.now();
      this.timings[part] += now - clock;
      clock = now;
    };
    const sig = signature(doc.text, this.options.duplicates);
    const keys = bandKeys(sig, this.options.duplicates);
    const signatureRow = { article: doc.id, size: sig.size, mins: encodeSignature(sig), bands: keys, original: true };
    links.signatures.push(signatureRow);
    lap('duplicates');
    for (const block of doc.blocks) {
      const text = doc.text.slice(block.start, block.end);
      if (text.length < this.options.minBlockChars) continue;
      const hash = digest('sha256', text.replace(/\s+/g, ' ').trim().toLowerCase(), 'hex').slice(0, 32);
      links.blocks.push({ article: doc.id, hash, start: block.start, end: block.end });
    }
    lap('blocks');

    const candidates = await this.candidates(keys);
    const duplicates = candidates.filter(
      (c) => c.article !== doc.id && resemblance(sig, c.sig, this.options.duplicates).duplicate,
    );
    lap('duplicates');
    let result: Article;
    if (duplicates.length > 0) {
      // The group's original: the candidates' root, the earliest published among the roots seen.
      const roots = duplicates.filter((c) => c.root === c.article);
      const root = [...(roots.length ? roots : duplicates)].sort(byPublished)[0]!;
      const rootId = root.root;
      const story = root.story ?? duplicates.find((c) => c.story)?.story ?? null;
      if (roots.length > 0 && doc.published && root.published && doc.published < root.published) {
        links.newOriginals.push({ previous: rootId, original: doc.id });
        for (const known of this.batchKnown.values()) if (known.root === rootId) known.root = doc.id;
        for (const other of batch.values()) {
          if (other.id === rootId || other.duplicateOf === rootId)
            batch.set(other.id, { ...other, duplicateOf: doc.id });
        }
        result = { ...doc, duplicateOf: null, story };
      } else {
        result = { ...doc, duplicateOf: rootId, story };
      }
    } else {
      const assignment = this.clusterer.assign({
        id: doc.id,
        text: doc.text,
        title: doc.title,
        time: timeOf(doc.published),
      });
      result = { ...doc, story: assignment.story };
      links.stories.push(assignment.story);
      for (const move of assignment.moved) {
        links.storyMoves.push({ article: move.id, story: move.story });
        links.stories.push(move.from, move.story);
        const pending = batch.get(move.id);
        if (pending) batch.set(move.id, { ...pending, story: move.story });
        for (const other of batch.values())
          if (other.duplicateOf === move.id) batch.set(other.id, { ...other, story: move.story });
        for (const known of this.batchKnown.values()) {
          if (known.article === move.id || known.root === move.id) known.story = move.story;
        }
      }
      lap('stories');
    }
    signatureRow.original = result.duplicateOf === null;
    if (result.story) links.stories.push(result.story);
    const known: Known = {
      article: doc.id,
      sig,
      published: doc.published,
      root: result.duplicateOf ?? doc.id,
      story: result.story,
    };
    this.batchKnown.set(known.article, known);
    for (const key of keys) {
      let bucket = this.batchBuckets.get(key);
      if (!bucket) {
        bucket = [];
        this.batchBuckets.set(key, bucket);
      }
      bucket.push(known);
    }
    lap('duplicates');
    return result;
  }

  /** Candidates from this batch (memory) and from everything stored before it, by article. */
  private async candidates(keys: string[]): Promise<Known[]> {
    const found = new Map<string, Known>();
    for (const key of keys) for (const k of this.batchBuckets.get(key) ?? []) found.set(k.article, k);
    for (const c of await this.store.duplicateCandidates(keys)) {
      if (found.has(c.article)) continue;
      found.set(c.article, {
        article: c.article,
        sig: decodeSignature(c.mins),
        published: c.published,
        root: c.duplicateOf ?? c.article,
        story: c.story,
      });
    }
    return [...found.values()];
  }
}

function byPublished(a: Known, b: Known): number {
  if (a.published && b.published) return a.published < b.published ? -1 : a.published > b.published ? 1 : 0;
  return a.published ? -1 : b.published ? 1 : 0;
}

function timeOf(published: string | null): number | null {
  if (!published) return null;
  const t = Date.parse(published.length === 10 ? `${published}T00:00:00Z` : published);
  return Number.isNaN(t) ? null : t;
}
