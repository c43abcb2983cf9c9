// The entities stage: tokenise the clean text with offsets, tag it, and turn every person, place,
// organisation or other mention into an `entity-mention` fact with exact evidence, its normalised
// name, and its knowledge-base entity and coordinates when the knowledge base resolves it.

import type { Article, Fact } from '../../core/document.js';
import { factId } from '../../core/document.js';
import type { Stage } from '../../core/pipeline.js';
import { evidenceOf } from '../../core/spans.js';
import { GAZ, type Gazetteer, lookup as gazetteerMask, lowerHash, sequenceHash } from './features.js';
import { type NerType, spansOfTags, tagTokens } from './model.js';
import { type EntitiesOptions, type EntityType, resolveEntitiesOptions } from './options.js';
import { type Tokens, tokenize } from './tokenize.js';

const STAGE = 'entities';

// A type alias, not an interface: facts' data must be assignable to Record<string, unknown>.
export type EntityMentionData = {
  type: EntityType;
  /** The mention's surface form, normalised: titles and possessives stripped, whitespace collapsed. */
  name: string;
  /** The tagger's CoNLL type (PER, LOC, ORG, MISC). */
  label: NerType;
  entity: string | null;
  canonical: string | null;
  lat: number | null;
  lon: number | null;
  country: string | null;
  admin1: string | null;
  geoPrecision: 1 | 2 | 3 | null;
};

export interface Mention {
  start: number;
  end: number;
  type: EntityType;
  label: NerType;
  name: string;
}

const TYPE_OF: Record<NerType, EntityType> = { PER: 'person', LOC: 'place', ORG: 'organization', MISC: 'other' };

export function entitiesStage(options: Partial<EntitiesOptions> = {}): Stage {
  const resolved = resolveEntitiesOptions(options);
  return {
    name: STAGE,
    requires: ['text', 'published'],
    assigns: ['facts:entity-mention'],
    run: (doc) => entitiesArticle(doc, resolved),
  };
}

/** The mentions of a text (spans of whole tokens, titles and possessives outside the span). */
export function findMentions(text: string, options: Partial<EntitiesOptions> = {}): Mention[] {
  const resolved = resolveEntitiesOptions(options);
  const tokens = tokenize(text);
  const titleCase = titleCaseForms(tokens);
  // ALL-CAPS lines are tagged as the text writes the same words elsewhere (offsets unchanged)
  const tags = tagTokens(resolved.model, truecased(tokens, titleCase, resolved.model.gazetteer));
  const places = resolved.model.gazetteer;
  const out: Mention[] = [];
  for (const span of spansOfTags(tags)) {
    let { first, last } = span;
    // titles and honorifics before a name ("President Volodymyr Zelensky", "Mr. Putin")
    if (span.type === 'PER') while (first < last && resolved.titles.has(word(tokens, first).toLowerCase())) first++;
    if (first === last && resolved.titles.has(word(tokens, first).toLowerCase()) && span.type === 'PER') continue;
    // possessives, quotes and punctuation at the edges
    while (last > first && /^(?:['’][sS]?|[^\p{L}\p{N}])$/u.test(word(tokens, last))) last--;
    while (first < last && /^[^\p{L}\p{N}]$/u.test(word(tokens, first))) first++;
    if (!/[\p{L}\p{N}]/u.test(text.slice(tokens.starts[first]!, tokens.ends[last]!))) continue;
    const start = tokens.starts[first]!;
    const end = tokens.ends[last]!;
    const name = normaliseName(tokens, first, last, titleCase);
    // news, not 1996 sports results: a one-word "organisation" the gazetteer knows only as a place is a place
    const label =
      span.type === 'ORG' && first === last && /\p{Ll}/u.test(name) && isOnlyPlace(places, tokens, first)
        ? 'LOC'
        : span.type;
    out.push({ start, end, type: TYPE_OF[label], label, name });
  }
  return out;
}

function isOnlyPlace(gaz: Gazetteer, tokens: Tokens, i: number): boolean {
  const lower = new Int32Array([lowerHash(tokens.text, tokens.starts[i]!, tokens.ends[i]!)]);
  return gazetteerMask(gaz, sequenceHash(lower, 0, 1)) === GAZ.place;
}

/** The tokens over a copy of the text where ALL-CAPS sentences are re-cased word by word. */
function truecased(tokens: Tokens, titleCase: Map<string, string>, gaz: Gazetteer): Tokens {
  const { text, n, starts, ends, sentenceStart } = tokens;
  let out: string[] | null = null;
  let last = 0;
  for (let a = 0; a < n; ) {
    let z = a + 1;
    while (z < n && !sentenceStart[z]) z++;
    const sentence = text.slice(starts[a]!, ends[z - 1]!);
    // (the lowercase test first: it fails at once on almost every sentence)
    if (!/\p{Ll}/u.test(sentence) && /\p{Lu}.*\p{Lu}/su.test(sentence)) {
      out ??= [];
      for (let i = a; i < z; i++) {
        const w = text.slice(starts[i]!, ends[i]!);
        const lower = w.toLowerCase();
        // seen in title case → so; seen in lowercase → so; a gazetteer name → title case; else lowercase
        const known = gazetteerMask(gaz, sequenceHash(new Int32Array([lowerHash(text, starts[i]!, ends[i]!)]), 0, 1));
        let cased = titleCase.get(lower) ?? (lowerSeen(tokens, lower) || !known ? lower : w[0] + lower.slice(1));
        if (i === a && cased === lower) cased = w[0] + lower.slice(1);
        if (cased.length !== w.length) continue;
        out.push(text.slice(last, starts[i]!), cased);
        last = ends[i]!;
      }
    }
    a = z;
  }
  if (!out) return tokens;
  out.push(text.slice(last));
  return { ...tokens, text: out.join('') };
}

const lowerWords = new WeakMap<Tokens, Set<string>>();

function lowerSeen(tokens: Tokens, w: string): boolean {
  let set = lowerWords.get(tokens);
  if (!set) {
    set = new Set();
    for (let i = 0; i < tokens.n; i++) {
      const x = word(tokens, i);
      if (/^\p{Ll}+$/u.test(x)) set.add(x);
    }
    lowerWords.set(tokens, set);
  }
  return set.has(w);
}

function word(tokens: Tokens, i: number): string {
  return tokens.text.slice(tokens.starts[i]!, tokens.ends[i]!);
}

/** Title-case spellings of words seen in the text ("Zelensky"), to normalise ALL-CAPS headlines. */
function titleCaseForms(tokens: Tokens): Map<string, string> {
  const forms = new Map<string, string>();
  for (let i = 0; i < tokens.n; i++) {
    if (tokens.ends[i]! - tokens.starts[i]! < 2) continue;
    // an ASCII first character is an uppercase letter only if it is A-Z
    const c = tokens.text.charCodeAt(tokens.starts[i]!);
    if (c < 128 && !(c >= 65 && c <= 90)) continue;
    const w = word(tokens, i);
    if (/^\p{Lu}/u.test(w) && /\p{Ll}/u.test(w)) forms.set(w.toLowerCase(), w);
  }
  return forms;
}

function normaliseName(tokens: Tokens, first: number, last: number, titleCase: Map<string, string>): string {
  const parts: string[] = [];
  for (let i = first; i <= last; i++) {
    let w = word(tokens, i);
    // an ALL-CAPS word the text also writes in title case ("ZELENSKY" beside "Zelensky")
    if (w.length > 1 && !/\p{Ll}/u.test(w)) w = titleCase.get(w.toLowerCase()) ?? w;
    const gap = i > first ? tokens.text.slice(tokens.ends[i - 1]!, tokens.starts[i]!) : '';
    parts.push(gap ? `${/\s/.test(gap) ? ' ' : gap}${w}` : w);
  }
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** A locative preposition just before a mention: "near", "outside", "in", "around", "towards", "into". */
const LOCATIVE_BEFORE = /\b(?:near|outside|in|around|towards?|into)\s+$/iu;

/** Words after a place that make it a first-level region: "Kharkiv region", "Kherson Oblast". */
const REGION_AFTER = /^[ \t]+(oblast|region|province|krai|kray)\b/iu;

/**
 * A place mention followed by a region word ("Kharkiv region") is the region when the knowledge
 * base knows "<name> <word>" as a first-level region: the span and name take in the word.
 */
function withRegionWords(
  text: string,
  mentions: Mention[],
  resolve: NonNullable<EntitiesOptions['resolve']>,
  date: string | null,
): Mention[] {
  return mentions.map((m) => {
    if (m.type !== 'place') return m;
    const word = REGION_AFTER.exec(text.slice(m.end, m.end + 24));
    if (!word) return m;
    const name = `${m.name} ${word[1]}`;
    const r = resolve({ text: name, type: 'place' }, { date, countries: [], text: '' });
    if (r?.geoPrecision !== 2) return m;
    return { ...m, end: m.end + word[0].length, name };
  });
}

/** "the Russian capital" (not "Russian capital markets"): the word after "capital" must not continue a compound. */
const CAPITAL_AFTER =
  /^[ \t]+capital\b(?![ \t]+(?:markets?|flight|flows?|outflows?|inflows?|controls?|investments?|gains?|goods|spending|expenditures?|requirements?|ratios?|punishment|city|region)\b)/iu;
const THE_BEFORE = /\bthe[ \t]+$/iu;

/**
 * A country's adjective or name after "the" and before "capital" ("the Ukrainian capital") is a
 * place when the knowledge base resolves "<name> capital" to a town (the country's capital): the
 * span takes in "capital".
 */
function withCapitalWords(
  text: string,
  mentions: Mention[],
  resolve: NonNullable<EntitiesOptions['resolve']>,
  date: string | null,
): Mention[] {
  return mentions.map((m) => {
    if (m.type === 'person' || !THE_BEFORE.test(text.slice(Math.max(0, m.start - 8), m.start))) return m;
    const word = CAPITAL_AFTER.exec(text.slice(m.end, m.end + 40));
    if (!word) return m;
    const name = `${m.name} capital`;
    const r = resolve({ text: name, type: 'place' }, { date, countries: [], text: '' });
    if (r?.type !== 'place' || r.geoPrecision !== 1) return m;
    return { ...m, end: m.end + word[0].length, type: 'place', label: 'LOC', name };
  });
}

/** The sentence around text[start, end): from after the last . ! ? or line break before it to the next. */
export function sentenceAround(text: string, start: number, end: number): string {
  let from = start;
  while (from > 0 && !(text[from - 1] === '\n' || (/[.!?]/.test(text[from - 1]!) && /\s/.test(text[from] ?? ' '))))
    from--;
  while (from < start && /\s/.test(text[from]!)) from++;
  let to = end;
  while (to < text.length && text[to] !== '\n' && !(/[.!?]/.test(text[to]!) && /\s|$/.test(text[to + 1] ?? ''))) to++;
  return text.slice(from, to);
}

function entitiesArticle(doc: Article, options: EntitiesOptions): Article {
  const date = doc.published ? doc.published.slice(0, 10) : null;
  let mentions = findMentions(doc.text, options);
  if (options.resolve)
    mentions = withRegionWords(
      doc.text,
      withCapitalWords(doc.text, mentions, options.resolve, date),
      options.resolve,
      date,
    );
  const links = new Map<Mention, ReturnType<NonNullable<EntitiesOptions['resolve']>>>();
  if (options.resolve) {
    const resolve = options.resolve;
    // The same name in the same sentence with the same context resolves the same way: an
    // article that names Ukraine twenty times asks the knowledge base once per sentence (and
    // the knowledge base answers again from memory unless the sentence mattered).
    const memo = (countries: string[]) => {
      const seen = new Map<string, ReturnType<typeof resolve>>();
      return (m: Mention) => {
        const sentence = sentenceAround(doc.text, m.start, m.end);
        const key = `${m.type}\u0000${m.name}\u0000${sentence}`;
        if (!seen.has(key))
          seen.set(key, resolve({ text: m.name, type: m.type }, { date, countries, text: doc.text, sentence }));
        return seen.get(key) ?? null;
      };
    };
    // places first: the countries they name are context for everything else
    const countries: string[] = [];
    const withoutContext = memo([]);
    for (const m of mentions) {
      if (m.type !== 'place') continue;
      const r = withoutContext(m);
      links.set(m, r);
      if (r?.geoPrecision === 3 && r.country && !countries.includes(r.country)) countries.push(r.country);
    }
    const withContext = memo(countries);
    for (const m of mentions) {
      if (m.type === 'place' && countries.length === 0) continue;
      links.set(m, withContext(m));
    }
    // "trusts in Zelensky" tagged as a place, "Zelensky" alone tagged as an organisation: a place or
    // organisation mention that the knowledge base links to a person, or that it does not link at
    // all but knows as a person, is that person.
    mentions = mentions.map((m) => {
      if (m.type !== 'place' && m.type !== 'organization') return m;
      let r = links.get(m) ?? null;
      if (!r) {
        const sentence = sentenceAround(doc.text, m.start, m.end);
        r = resolve({ text: m.name, type: 'person' }, { date, countries, text: doc.text, sentence });
      }
      if (r?.type !== 'person') return m;
      const person: Mention = { ...m, type: 'person', label: 'PER' };
      links.set(person, r);
      return person;
    });
    // "near Dontesk" tagged as a person: a person or organisation the knowledge base does not
    // know, right after a locative preposition, that it resolves as a town in one of the
    // article's countries, is that town.
    mentions = mentions.map((m) => {
      if ((m.type !== 'person' && m.type !== 'organization') || links.get(m)) return m;
      if (!LOCATIVE_BEFORE.test(doc.text.slice(Math.max(0, m.start - 12), m.start))) return m;
      const sentence = sentenceAround(doc.text, m.start, m.end);
      const r = resolve({ text: m.name, type: 'place' }, { date, countries, text: doc.text, sentence });
      if (r?.type !== 'place' || r.geoPrecision !== 1 || !r.country || !countries.includes(r.country)) return m;
      const place: Mention = { ...m, type: 'place', label: 'LOC' };
      links.set(place, r);
      return place;
    });
  }
  const kept = doc.facts.filter((f) => !(f.kind === 'entity-mention' && f.stage === STAGE));
  const facts: Fact<EntityMentionData>[] = mentions.map((m) => {
    const r = links.get(m) ?? null;
    return {
      kind: 'entity-mention',
      id: factId('entity-mention', doc.id, m.start, m.end),
      stage: STAGE,
      evidence: evidenceOf(doc.id, doc.text, m.start, m.end),
      data: {
        type: m.type,
        name: m.name,
        label: m.label,
        entity: r?.id ?? null,
        canonical: r?.name ?? null,
        lat: r?.lat ?? null,
        lon: r?.lon ?? null,
        country: r?.country ?? null,
        admin1: r?.admin1 ?? null,
        geoPrecision: r?.geoPrecision ?? null,
      },
    };
  });
  return { ...doc, facts: [...kept, ...facts] };
}
