// Incremental story clustering. Each arriving article is compared with the recent stories that
// share its heaviest terms (an inverted index, so the cost of one article depends on how many
// stories share its terms, not on the size of the store). When it is close to one or more of
// them, the articles of those few stories and the new one are re-clustered together with
// average-link over tf-idf cosine: arrival order then matters little, as a batch clustering
// would give, while the work stays local. Stories keep their ids across re-clustering (a new
// cluster takes the id of the story it holds most articles of), and the articles that change
// story are reported so the store can follow. Vectors are typed arrays over term ids
// (stories/vectors.ts). Two refinements keep similar but distinct incidents apart and one
// incident's articles together: articles naming different years or months count a lower cosine
// (stories/dates.ts), and after average-link a stray group of one or two articles joins the one
// story it is clearly nearest (`attachShare`). Both were chosen on ECB+ dev and train topics
// (docs/evaluation/stories.md).

import { createHash } from 'node:crypto';
import {
  DEFAULT_TERM_OPTIONS,
  DocumentFrequencies,
  type SparseVector,
  type TermOptions,
  terms,
} from '../text-features.js';
import { datesConflict, datesOf } from './dates.js';
import { countsOf, mean, pairwise, QueryDot, type TermCounts, type TermVector, Vocabulary, weigh } from './vectors.js';

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
  /**
   * Two articles that both name years but none in common, or both name months but none in common,
   * most likely report two events of one kind at two times: their cosine counts this much less
   * (0 = no penalty; see stories/dates.ts). Dates the articles share never raise a score.
   */
  dateConflict: number;
  /**
   * A group of at most `attachSize` articles left apart by average-link joins its nearest group when
   * their average link is at least threshold × `attachShare` and at least `attachMargin` times its
   * link with any other group: a stray article with one clear story is part of it (0 = never).
   */
  attachShare: number;
  attachMargin: number;
  attachSize: number;
  termOptions: TermOptions;
}

export const DEFAULT_STORY_OPTIONS: StoryOptions = {
  threshold: 0.19,
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
  dateConflict: 0.3,
  attachShare: 0.6,
  attachMargin: 1.5,
  attachSize: 2,
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
  counts: TermCounts;
  time: number | null;
  /** The months and years the article names (`datesOf`; null: none, or no date penalty). */
  dates: Uint16Array | null;
  /** tf-idf as of `vectorAt` documents; recomputed once the document frequencies have moved on. */
  vector?: TermVector;
  vectorAt?: number;
  /** The terms this member put in the lookup index (to take them out again). */
  indexTerms?: Int32Array;
}

interface Story {
  id: string;
  /** The most recent members only (enough to compare with and to re-cluster). */
  members: Member[];
  /** All members ever, including those no longer held. */
  size: number;
  lastTime: number | null;
  /** The lookup terms its held members put in the index, with how many members put each. */
  terms: Map<number, number>;
  /** Mean of the compared members' unit vectors: average-link cosine is one dot product with it. */
  centroid?: TermVector | undefined;
  centroidAt?: number;
  /** Candidate look-up scratch: the look-up it was last seen in, and its shared terms then (-1: out of the window). */
  seen: number;
  hits: number;
}

export interface Assignment {
  story: string;
  created: boolean;
  /** Average-link cosine of the article with its story before it joined (0 for a new story). */
  score: number;
  /** Earlier articles that re-clustering moved to another story. */
  moved: Array<{ id: string; from: string; story: string }>;
}

function emptyStory(id: string): Story {
  return { id, members: [], size: 0, lastTime: null, terms: new Map(), seen: 0, hits: 0 };
}

export class StoryClusterer {
  readonly options: StoryOptions;
  /**
   * The seed of the document frequencies (a background corpus, or none): each term's frequency is
   * read from it once, when the term is first met; from then on the clusterer counts documents by
   * term id in its vocabulary (a string-keyed map update per term was a tenth of the step), and
   * only `documents` advances here.
   */
  private readonly frequencies: DocumentFrequencies;
  private readonly stories = new Map<string, Story>();
  /**
   * Story ids by lookup term id (a set keeps the order they were indexed in: ties follow it).
   */
  private readonly index: Array<Set<string> | undefined> = [];
  private indexed = 0;
  private readonly vocabulary = new Vocabulary();
  private lookups = 0;

  constructor(options: Partial<StoryOptions> = {}, frequencies = new DocumentFrequencies()) {
    this.options = { ...DEFAULT_STORY_OPTIONS, ...options };
    this.frequencies = frequencies;
  }

  get storyCount(): number {
    return this.stories.size;
  }

  /** Terms in the lookup index (it follows the stories held, so it does not grow with the store). */
  get indexedTerms(): number {
    return this.indexed;
  }

  /** Puts back an article already assigned to a story (resuming from the store after a restart). */
  restore(input: StoryInput, storyId: string): void {
    const { counts, dates } = this.count(input);
    let story = this.stories.get(storyId);
    if (!story) {
      story = emptyStory(storyId);
      this.stories.set(storyId, story);
    }
    this.addMember(story, { id: input.id, counts, time: input.time ?? null, dates });
  }

  assign(input: StoryInput): Assignment {
    this.forgetOldStories();
    const { counts, dates } = this.count(input);
    const documents = this.frequencies.documents;
    const member: Member = { id: input.id, counts, time: input.time ?? null, dates };
    const vector = this.vectorOf(member);
    member.vectorAt = documents;
    const candidates = this.candidates(vector, member.time);
    const query = new QueryDot(vector, this.vocabulary);
    let scored: Array<{ story: Story; score: number }>;
    try {
      scored = candidates.map((story) => ({ story, score: this.similarity(query, story, dates) }));
    } finally {
      query.release();
    }
    scored.sort((a, b) => b.score - a.score);
    const best = scored[0];
    if (best && best.score >= this.options.threshold && best.story.size > this.options.maxReclusterSize) {
      // A settled story takes the article as it is.
      this.addMember(best.story, member);
      return { story: best.story.id, created: false, score: best.score, moved: [] };
    }
    const near: Story[] = [];
    for (const s of scored) {
      if (near.length >= this.options.maxNeighbours) break;
      if (
        s.score >= this.options.threshold * this.options.neighbourhood &&
        s.story.size <= this.options.maxReclusterSize
      )
        near.push(s.story);
    }
    // Bound the work: the nearest stories first, up to maxReclusterArticles articles in all.
    let held = 0;
    for (const s of near) held += s.members.length;
    while (near.length > 1 && held >= this.options.maxReclusterArticles) held -= near.pop()!.members.length;
    if (near.length === 0) return { ...this.newStory(member), score: 0 };
    // The best score of a candidate left out of the re-clustering: the new article's stray group
    // must be clearly nearer one of the re-clustered stories than that one to join it.
    let outside = 0;
    for (const s of scored) {
      if (near.includes(s.story)) continue;
      outside = s.score;
      break;
    }
    return { ...this.recluster(near, member, outside), score: best?.score ?? 0 };
  }

  /** An article's terms, counted into the document frequencies by term id, and the dates it names. */
  private count(input: StoryInput): { counts: TermCounts; dates: Uint16Array | null } {
    const termCounts = terms(input.text, this.options.termOptions, input.title);
    const vocabulary = this.vocabulary;
    const counts = countsOf(termCounts, vocabulary, this.frequencies);
    this.frequencies.documents++;
    vocabulary.counted(counts.ids);
    const dates = this.options.dateConflict > 0 ? datesOf(termCounts.keys(), input.text, input.title) : null;
    return { counts, dates };
  }

  /** Re-clusters the neighbour stories' articles and the new one with average-link. */
  private recluster(neighbours: Story[], member: Member, outside: number): Omit<Assignment, 'score'> {
    const items: Array<{ member: Member; story: string | null }> = [];
    for (const s of neighbours) for (const m of s.members) items.push({ member: m, story: s.id });
    items.push({ member, story: null });
    const vectors = items.map((i) => this.vectorOf(i.member));
    const sums = pairwise(vectors, this.vocabulary);
    const penalty = this.options.dateConflict;
    if (penalty > 0) {
      for (let a = 0; a < items.length; a++) {
        const da = items[a]!.member.dates;
        if (!da) continue;
        for (let b = a + 1; b < items.length; b++) {
          if (!datesConflict(da, items[b]!.member.dates)) continue;
          sums[a]![b] = sums[a]![b]! * (1 - penalty);
          sums[b]![a] = sums[a]![b]!;
        }
      }
    }
    const o = this.options;
    const attach = o.attachShare > 0 ? { share: o.attachShare, margin: o.attachMargin, size: o.attachSize } : null;
    const groups = groupsOf(sums, o.threshold, attach, { item: items.length - 1, score: outside });
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
      // a new id: never one held, nor one another group of this re-clustering keeps
      let id = idOf.get(g) ?? storyIdFor(members[0]!.id);
      while (!idOf.has(g) && (this.stories.has(id) || used.has(id))) id = storyIdFor(id);
      const story = emptyStory(id);
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
    const story = emptyStory(storyIdFor(member.id));
    this.stories.set(story.id, story);
    this.addMember(story, member);
    return { story: story.id, created: true, moved: [] };
  }

  /** Stories in the window sharing the most lookup terms; ties in the order the index met them. */
  private candidates(vector: TermVector, time: number | null): Story[] {
    const lookup = ++this.lookups;
    const windowMs = this.options.windowDays === null ? null : this.options.windowDays * 86_400_000;
    const found: Story[] = [];
    const n = Math.min(this.options.lookupTerms, vector.ids.length);
    for (let t = 0; t < n; t++) {
      const ids = this.index[vector.ids[t]!];
      if (!ids) continue;
      for (const id of ids) {
        const story = this.stories.get(id);
        if (!story) continue;
        if (story.seen === lookup) {
          if (story.hits > 0) story.hits++;
          continue;
        }
        story.seen = lookup;
        if (
          windowMs !== null &&
          time !== null &&
          story.lastTime !== null &&
          Math.abs(time - story.lastTime) > windowMs
        ) {
          story.hits = -1;
          continue;
        }
        story.hits = 1;
        found.push(story);
      }
    }
    // Most shared lookup terms first; ties in the index's order (stable sort), as before.
    found.sort((a, b) => b.hits - a.hits);
    if (found.length > this.options.maxCandidates) found.length = this.options.maxCandidates;
    return found;
  }

  /**
   * Average-link cosine with the story's recent members, as one dot product with their mean; the
   * members whose dates conflict with the article's (`dates`) then take back their share of the penalty
   * (when the score is high enough for the penalty to matter).
   */
  private similarity(query: QueryDot, story: Story, dates: Uint16Array | null): number {
    const documents = this.frequencies.documents;
    const compared = this.options.compareMembers;
    if (!story.centroid || documents > (story.centroidAt ?? 0) * this.options.refreshGrowth + 10) {
      const members = story.members.slice(-compared);
      story.centroid = mean(
        members.map((m) => this.vectorOf(m)),
        this.vocabulary,
      );
      story.centroidAt = documents;
    }
    let score = query.dot(story.centroid);
    // The penalty only lowers a score: one already below any use (re-clustering, attaching) stays as it is.
    const o = this.options;
    if (dates && score >= o.threshold * Math.min(o.neighbourhood, o.attachShare > 0 ? o.attachShare : 1)) {
      const members = story.members;
      const from = Math.max(0, members.length - compared);
      let conflicting = 0;
      for (let i = from; i < members.length; i++) {
        const m = members[i]!;
        if (datesConflict(dates, m.dates)) conflicting += query.dot(this.vectorOf(m));
      }
      score -= (this.options.dateConflict * conflicting) / (members.length - from);
    }
    return score;
  }

  /** tf-idf cut to the `vectorTerms` heaviest terms, heaviest first (see `weigh` in vectors.ts). */
  private vectorOf(member: Member): TermVector {
    const documents = this.frequencies.documents;
    if (!member.vector || documents > (member.vectorAt ?? 0) * this.options.refreshGrowth + 10) {
      const weighed = weigh(member.counts, this.frequencies.documents, this.vocabulary, this.options.vectorTerms);
      member.vector = weighed.vector;
      member.counts = weighed.counts;
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
    member.indexTerms ??= this.vectorOf(member).ids.slice(0, this.options.indexTerms);
    for (const term of member.indexTerms) {
      const n = story.terms.get(term) ?? 0;
      story.terms.set(term, n + 1);
      if (n > 0) continue;
      let ids = this.index[term];
      if (!ids) {
        ids = new Set();
        this.index[term] = ids;
        this.indexed++;
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

  private unindex(term: number, storyId: string): void {
    const ids = this.index[term];
    if (!ids) return;
    ids.delete(storyId);
    if (ids.size === 0) {
      this.index[term] = undefined;
      this.indexed--;
    }
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

/** A story's id comes from the article that started it: stable across runs and machines. */
function storyIdFor(articleId: string): string {
  return `s${createHash('sha256').update(articleId).digest('hex').slice(0, 15)}`;
}

/**
 * Average-link agglomerative clustering of a few vectors: groups of indexes. Keeps the sum of
 * similarities between every two groups, so a merge updates one row instead of re-summing. With
 * `attach`, small groups then join their clearly nearest group (as `StoryOptions.attachShare`).
 */
export function averageLink(vectors: SparseVector[], threshold: number, attach: Attach | null = null): number[][] {
  const vocabulary = new Vocabulary();
  const typed = vectors.map((v) => {
    const ids = new Int32Array(v.size);
    const weights = new Float64Array(v.size);
    let i = 0;
    for (const [term, weight] of v) {
      ids[i] = vocabulary.id(term);
      weights[i++] = weight;
    }
    return { ids, weights };
  });
  return groupsOf(pairwise(typed, vocabulary), threshold, attach);
}

export interface Attach {
  /** Of the threshold: the least average link with the nearest group. */
  share: number;
  /** How many times its link with any other group the link with the nearest must be. */
  margin: number;
  /** The largest group that may join another. */
  size: number;
}

/**
 * Average-link over a matrix of pairwise similarities (overwritten: it ends holding group sums);
 * then, with `attach`, small groups join their clearly nearest group (see `StoryOptions.attachShare`).
 * `outside`: the best link of one item with groups not in the matrix, the margin's floor for that
 * item alone.
 */
function groupsOf(
  sums: Float64Array[],
  threshold: number,
  attach: Attach | null = null,
  outside: { item: number; score: number } | null = null,
): number[][] {
  // Groups in merge order (a merged group goes last, as ties are then broken the same way every
  // time); `slot` is the row of `sums` each group's totals live in.
  let groups: Array<{ members: number[]; slot: number }> = sums.map((_, i) => ({ members: [i], slot: i }));
  for (;;) {
    let best = -1;
    let bi = -1;
    let bj = -1;
    for (let i = 0; i < groups.length; i++) {
      const gi = groups[i]!;
      const row = sums[gi.slot]!;
      const ni = gi.members.length;
      for (let j = i + 1; j < groups.length; j++) {
        const gj = groups[j]!;
        const score = row[gj.slot]! / (ni * gj.members.length);
        if (score > best) {
          best = score;
          bi = i;
          bj = j;
        }
      }
    }
    if (bi < 0 || best < threshold) break;
    const [a, b] = [groups[bi]!, groups[bj]!];
    const rowA = sums[a.slot]!;
    const rowB = sums[b.slot]!;
    for (const g of groups) {
      if (g === a || g === b) continue;
      const merged = rowA[g.slot]! + rowB[g.slot]!;
      rowA[g.slot] = merged;
      sums[g.slot]![a.slot] = merged;
    }
    groups = groups.filter((g) => g !== a && g !== b).concat([{ members: [...a.members, ...b.members], slot: a.slot }]);
  }
  if (attach && groups.length > 1) {
    for (const g of [...groups]) {
      const n = g.members.length;
      if (n > attach.size) continue;
      const row = sums[g.slot]!;
      let best = -1;
      let second = outside && n === 1 && g.members[0] === outside.item ? outside.score : 0;
      let target: { members: number[]; slot: number } | null = null;
      for (const h of groups) {
        if (h === g) continue;
        const score = row[h.slot]! / (n * h.members.length);
        if (score > best) {
          if (best > second) second = best;
          best = score;
          target = h;
        } else if (score > second) second = score;
      }
      if (!target || best < threshold * attach.share || best < attach.margin * second) continue;
      const rowT = sums[target.slot]!;
      for (const h of groups) {
        if (h === g || h === target) continue;
        const merged = rowT[h.slot]! + row[h.slot]!;
        rowT[h.slot] = merged;
        sums[h.slot]![target.slot] = merged;
      }
      target.members = [...target.members, ...g.members];
      groups = groups.filter((h) => h !== g);
    }
  }
  return groups.map((g) => g.members);
}
