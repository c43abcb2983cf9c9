// Incremental story clustering. Each arriving article is compared with the recent stories that
// share its heaviest terms (an inverted index, so the cost of one article depends on how many
// stories share its terms, not on the size of the store). When it is close to one or more of
// them, the articles of those few stories and the new one are re-clustered together with
// average-link over tf-idf cosine: arrival order then matters little, as a batch clustering
// would give, while the work stays local. Stories keep their ids across re-clustering (a new
// cluster takes the id of the story it holds most articles of), and the articles that change
// story are reported so the store can follow.

import { createHash } from 'node:crypto';
import {
  cosine,
  DEFAULT_TERM_OPTIONS,
  DocumentFrequencies,
  type SparseVector,
  type TermOptions,
  terms,
  tfidf,
} from '../text-features.js';

export interface StoryOptions {
  /** Average-link cosine that keeps two groups of articles in one story. */
  threshold: number;
  /** Stories scoring at least threshold × this with a new article are re-clustered with it. */
  neighbourhood: number;
  /** Articles further apart than this (days) never share a story; null = no window. */
  windowDays: number | null;
  /** A vector is weighed again once the document count has grown by this factor since (idf drifts slowly). */
  refreshGrowth: number;
  /** Terms kept in an article's vector (the heaviest); 0 = all. Bounds the cost of long articles. */
  vectorTerms: number;
  /** Heaviest terms of an article used to look up candidate stories. */
  lookupTerms: number;
  /** Heaviest terms of each member indexed for lookup. */
  indexTerms: number;
  /** Members of a story compared with a new article (the most recent). */
  compareMembers: number;
  /** Candidate stories scored per article (those sharing the most lookup terms). */
  maxCandidates: number;
  /** Stories re-clustered with a new article, at most. */
  maxNeighbours: number;
  /** Articles re-clustered with a new one, at most (the nearest stories first): bounds the work. */
  maxReclusterArticles: number;
  /** A story larger than this is settled: it takes new articles but is not re-clustered. */
  maxReclusterSize: number;
  /** Stories held in memory; the least recently joined are forgotten beyond this (the store keeps them). */
  maxStories: number;
  termOptions: TermOptions;
}

export const DEFAULT_STORY_OPTIONS: StoryOptions = {
  threshold: 0.2,
  neighbourhood: 0.6,
  windowDays: 14,
  refreshGrowth: 1.1,
  vectorTerms: 100,
  lookupTerms: 12,
  indexTerms: 20,
  compareMembers: 30,
  maxCandidates: 20,
  maxNeighbours: 4,
  maxReclusterArticles: 60,
  maxReclusterSize: 40,
  maxStories: 20_000,
  termOptions: { ...DEFAULT_TERM_OPTIONS, nameBoost: 3.5, numberBoost: 2, nameBigrams: 2, titleBoost: 3 },
};

export interface StoryInput {
  id: string;
  text: string;
  /** Publication time in ms since the epoch, when known. */
  time?: number | null;
  /** The headline, when known and not part of `text`: its terms weigh `termOptions.titleBoost` more. */
  title?: string | null;
}

interface Member {
  id: string;
  counts: Map<string, number>;
  time: number | null;
  /** tf-idf as of `vectorAt` documents; recomputed once the document frequencies have moved on. */
  vector?: SparseVector;
  vectorAt?: number;
  /** The terms this member put in the lookup index (to take them out again). */
  indexTerms?: string[];
}

interface Story {
  id: string;
  /** The most recent members only (enough to compare with and to re-cluster). */
  members: Member[];
  /** All members ever, including those no longer held. */
  size: number;
  lastTime: number | null;
  /** The lookup terms its held members put in the index, with how many members put each. */
  terms: Map<string, number>;
  /** Mean of the compared members' unit vectors: average-link cosine is one dot product with it. */
  centroid?: SparseVector | undefined;
  centroidAt?: number;
}

export interface Assignment {
  story: string;
  created: boolean;
  /** Average-link cosine of the article with its story before it joined (0 for a new story). */
  score: number;
  /** Earlier articles that re-clustering moved to another story. */
  moved: Array<{ id: string; from: string; story: string }>;
}

export class StoryClusterer {
  readonly options: StoryOptions;
  readonly frequencies: DocumentFrequencies;
  private readonly stories = new Map<string, Story>();
  private readonly index = new Map<string, Set<string>>();

  constructor(options: Partial<StoryOptions> = {}, frequencies = new DocumentFrequencies()) {
    this.options = { ...DEFAULT_STORY_OPTIONS, ...options };
    this.frequencies = frequencies;
  }

  get storyCount(): number {
    return this.stories.size;
  }

  /** Terms in the lookup index (it follows the stories held, so it does not grow with the store). */
  get indexedTerms(): number {
    return this.index.size;
  }

  /** Puts back an article already assigned to a story (resuming from the store after a restart). */
  restore(input: StoryInput, storyId: string): void {
    const counts = terms(input.text, this.options.termOptions, input.title);
    this.frequencies.add(counts.keys());
    let story = this.stories.get(storyId);
    if (!story) {
      story = { id: storyId, members: [], size: 0, lastTime: null, terms: new Map() };
      this.stories.set(storyId, story);
    }
    this.addMember(story, { id: input.id, counts, time: input.time ?? null });
  }

  assign(input: StoryInput): Assignment {
    this.forgetOldStories();
    const counts = terms(input.text, this.options.termOptions, input.title);
    this.frequencies.add(counts.keys());
    const documents = this.frequencies.documents;
    const vector = this.weigh(counts);
    const member: Member = { id: input.id, counts, time: input.time ?? null, vector, vectorAt: documents };
    const scored = this.candidates(vector, member.time)
      .map((story) => ({ story, score: this.similarity(vector, story) }))
      .sort((a, b) => b.score - a.score);
    const best = scored[0];
    if (best && best.score >= this.options.threshold && best.story.size > this.options.maxReclusterSize) {
      // A settled story takes the article as it is.
      this.addMember(best.story, member);
      return { story: best.story.id, created: false, score: best.score, moved: [] };
    }
    const near = scored
      .filter((s) => s.score >= this.options.threshold * this.options.neighbourhood)
      .filter((s) => s.story.size <= this.options.maxReclusterSize)
      .slice(0, this.options.maxNeighbours)
      .map((s) => s.story);
    // Bound the work: the nearest stories first, up to maxReclusterArticles articles in all.
    while (near.length > 1 && near.reduce((n, s) => n + s.members.length, 0) >= this.options.maxReclusterArticles) {
      near.pop();
    }
    if (near.length === 0) return { ...this.newStory(member), score: 0 };
    return { ...this.recluster(near, member), score: best?.score ?? 0 };
  }

  /** Re-clusters the neighbour stories' articles and the new one with average-link. */
  private recluster(neighbours: Story[], member: Member): Omit<Assignment, 'score'> {
    const items = [
      ...neighbours.flatMap((s) => s.members.map((m) => ({ member: m, story: s.id }))),
      { member, story: null },
    ];
    const vectors = items.map((i) => this.vectorOf(i.member));
    const groups = averageLink(vectors, this.options.threshold);
    for (const story of neighbours) this.removeStory(story);

    // Each group keeps the id of the old story it holds most articles of (each id used once).
    const claims = groups
      .flatMap((group, g) => {
        const tally = new Map<string, number>();
        for (const i of group) {
          const story = items[i]!.story;
          if (story) tally.set(story, (tally.get(story) ?? 0) + 1);
        }
        return [...tally].map(([story, n]) => ({ g, story, n }));
      })
      .sort((a, b) => b.n - a.n);
    const idOf = new Map<number, string>();
    const used = new Set<string>();
    for (const claim of claims) {
      if (idOf.has(claim.g) || used.has(claim.story)) continue;
      idOf.set(claim.g, claim.story);
      used.add(claim.story);
    }

    const moved: Assignment['moved'] = [];
    let result: Omit<Assignment, 'score'> | null = null;
    groups.forEach((group, g) => {
      const members = group.map((i) => items[i]!.member).sort((a, b) => (a.time ?? 0) - (b.time ?? 0));
      let id = idOf.get(g) ?? storyIdFor(members[0]!.id);
      while (!idOf.has(g) && this.stories.has(id)) id = storyIdFor(id);
      const story: Story = { id, members: [], size: 0, lastTime: null, terms: new Map() };
      this.stories.set(id, story);
      for (const m of members) this.addMember(story, m);
      for (const i of group) {
        const item = items[i]!;
        if (item.story === null) result = { story: id, created: !idOf.has(g), moved };
        else if (item.story !== id) moved.push({ id: item.member.id, from: item.story, story: id });
      }
    });
    return result!;
  }

  private newStory(member: Member): Omit<Assignment, 'score'> {
    const story: Story = { id: storyIdFor(member.id), members: [], size: 0, lastTime: null, terms: new Map() };
    this.stories.set(story.id, story);
    this.addMember(story, member);
    return { story: story.id, created: true, moved: [] };
  }

  private candidates(vector: SparseVector, time: number | null): Story[] {
    const hits = new Map<string, number>();
    for (const term of heaviest(vector, this.options.lookupTerms)) {
      const ids = this.index.get(term);
      if (ids) for (const id of ids) hits.set(id, (hits.get(id) ?? 0) + 1);
    }
    const windowMs = this.options.windowDays === null ? null : this.options.windowDays * 86_400_000;
    const found: Array<{ story: Story; hits: number }> = [];
    for (const [id, n] of hits) {
      const story = this.stories.get(id);
      if (!story) continue;
      if (windowMs !== null && time !== null && story.lastTime !== null && Math.abs(time - story.lastTime) > windowMs)
        continue;
      found.push({ story, hits: n });
    }
    // Most shared lookup terms first; ties in the index's order (stable sort), as before.
    return found
      .sort((a, b) => b.hits - a.hits)
      .slice(0, this.options.maxCandidates)
      .map((f) => f.story);
  }

  /** Average-link cosine with the story's recent members, as one dot product with their mean. */
  private similarity(vector: SparseVector, story: Story): number {
    const documents = this.frequencies.documents;
    if (!story.centroid || documents > (story.centroidAt ?? 0) * this.options.refreshGrowth + 10) {
      const members = story.members.slice(-this.options.compareMembers);
      const centroid: SparseVector = new Map();
      for (const m of members) {
        for (const [term, weight] of this.vectorOf(m))
          centroid.set(term, (centroid.get(term) ?? 0) + weight / members.length);
      }
      story.centroid = centroid;
      story.centroidAt = documents;
    }
    return cosineUnnormalised(vector, story.centroid);
  }

  /**
   * tf-idf, cut to the `vectorTerms` heaviest terms and normalised again (long articles cost no
   * more), heaviest first: the lookup and index terms are then the first few keys.
   */
  private weigh(counts: Map<string, number>): SparseVector {
    const full = tfidf(counts, this.frequencies);
    const entries = [...full].sort((a, b) => b[1] - a[1]);
    const keep = this.options.vectorTerms;
    const top = keep && entries.length > keep ? entries.slice(0, keep) : entries;
    const norm = top === entries ? 1 : Math.sqrt(top.reduce((n, [, w]) => n + w * w, 0)) || 1;
    // Beyond twice the kept terms, a term's count will not matter again: forget it (less to weigh later).
    if (keep && entries.length > 2 * keep) {
      for (let i = 2 * keep; i < entries.length; i++) counts.delete(entries[i]![0]);
    }
    return new Map(top.map(([term, w]) => [term, w / norm]));
  }

  private vectorOf(member: Member): SparseVector {
    const documents = this.frequencies.documents;
    if (!member.vector || documents > (member.vectorAt ?? 0) * this.options.refreshGrowth + 10) {
      member.vector = this.weigh(member.counts);
      member.vectorAt = documents;
    }
    return member.vector;
  }

  private addMember(story: Story, member: Member): void {
    story.members.push(member);
    story.size++;
    story.centroid = undefined;
    // Map order is recency order: a story that takes an article moves to the end.
    this.stories.delete(story.id);
    this.stories.set(story.id, story);
    if (member.time !== null) story.lastTime = Math.max(story.lastTime ?? member.time, member.time);
    member.indexTerms ??= heaviest(this.vectorOf(member), this.options.indexTerms);
    for (const term of member.indexTerms) {
      const n = story.terms.get(term) ?? 0;
      story.terms.set(term, n + 1);
      if (n > 0) continue;
      let ids = this.index.get(term);
      if (!ids) {
        ids = new Set();
        this.index.set(term, ids);
      }
      ids.add(story.id);
    }
    const keep = Math.max(this.options.compareMembers, this.options.maxReclusterSize + 1);
    if (story.members.length <= keep) return;
    // Members no longer held take their lookup terms out of the index (unless another still has them).
    for (const dropped of story.members.splice(0, story.members.length - keep)) {
      for (const term of dropped.indexTerms ?? []) {
        const n = (story.terms.get(term) ?? 1) - 1;
        if (n > 0) story.terms.set(term, n);
        else {
          story.terms.delete(term);
          this.unindex(term, story.id);
        }
      }
    }
  }

  private unindex(term: string, storyId: string): void {
    const ids = this.index.get(term);
    if (!ids) return;
    ids.delete(storyId);
    if (ids.size === 0) this.index.delete(term);
  }

  /** Forgets the least recently joined stories beyond `maxStories`, and their index entries. */
  private forgetOldStories(): void {
    const excess = this.stories.size - this.options.maxStories;
    if (excess <= 0) return;
    const forgotten: Story[] = [];
    for (const story of this.stories.values()) {
      if (forgotten.length >= excess) break;
      forgotten.push(story);
    }
    for (const story of forgotten) this.removeStory(story);
  }

  private removeStory(story: Story): void {
    this.stories.delete(story.id);
    for (const term of story.terms.keys()) this.unindex(term, story.id);
    story.terms.clear();
  }
}

/** The first `n` terms of a vector `weigh` made (heaviest first). */
function heaviest(vector: SparseVector, n: number): string[] {
  const result: string[] = [];
  for (const term of vector.keys()) {
    if (result.length >= n) break;
    result.push(term);
  }
  return result;
}

/** The dot product of two sparse vectors (the second need not be unit length). */
function cosineUnnormalised(a: SparseVector, b: SparseVector): number {
  let dot = 0;
  for (const [term, weight] of a) {
    const other = b.get(term);
    if (other !== undefined) dot += weight * other;
  }
  return dot;
}

/** A story's id comes from the article that started it: stable across runs and machines. */
function storyIdFor(articleId: string): string {
  return `s${createHash('sha256').update(articleId).digest('hex').slice(0, 15)}`;
}

/**
 * Average-link agglomerative clustering of a few vectors: groups of indexes. Keeps the sum of
 * similarities between every two groups, so a merge updates one row instead of re-summing.
 */
export function averageLink(vectors: SparseVector[], threshold: number): number[][] {
  const n = vectors.length;
  const sums: Float64Array[] = vectors.map(() => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const sim = cosine(vectors[i]!, vectors[j]!);
      sums[i]![j] = sim;
      sums[j]![i] = sim;
    }
  }
  // Groups in merge order (a merged group goes last, as ties are then broken the same way every
  // time); `slot` is the row of `sums` each group's totals live in.
  let groups: Array<{ members: number[]; slot: number }> = vectors.map((_, i) => ({ members: [i], slot: i }));
  for (;;) {
    let best = -1;
    let bi = -1;
    let bj = -1;
    for (let i = 0; i < groups.length; i++) {
      const gi = groups[i]!;
      const row = sums[gi.slot]!;
      for (let j = i + 1; j < groups.length; j++) {
        const gj = groups[j]!;
        const score = row[gj.slot]! / (gi.members.length * gj.members.length);
        if (score > best) [best, bi, bj] = [score, i, j];
      }
    }
    if (bi < 0 || best < threshold) break;
    const [a, b] = [groups[bi]!, groups[bj]!];
    for (const g of groups) {
      if (g === a || g === b) continue;
      const merged = sums[a.slot]![g.slot]! + sums[b.slot]![g.slot]!;
      sums[a.slot]![g.slot] = merged;
      sums[g.slot]![a.slot] = merged;
    }
    groups = groups.filter((g) => g !== a && g !== b).concat([{ members: [...a.members, ...b.members], slot: a.slot }]);
  }
  return groups.map((g) => g.members);
}
