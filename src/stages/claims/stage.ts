// The claims stage: every figure in the clean text that counts something in the conflict
// (killed, wounded, displaced, tanks destroyed, votes, aid…) becomes a `claim` fact: its value
// and range, metric and side, who claims it (a quote's speaker, else "according to X" / "X said"
// in its sentence), as of when (dateForSpan) and where (the nearest place named in the sentence).
// The fact's evidence is the claim's whole sentence. See README.md for the fields and conventions.

import type { Article, Fact } from '../../core/document.js';
import { factId } from '../../core/document.js';
import type { Stage } from '../../core/pipeline.js';
import { evidenceOf } from '../../core/spans.js';
import { resolveMention } from '../../resources/entities-kb.js';
import type { EntityMentionData } from '../entities/stage.js';
import { sentenceEnd, sentenceStart } from '../time/context.js';
import { dateForSpan } from '../time/fact-date.js';
import { type ClaimantPhrase, claimantPhrases, plausibleClaimant } from './claimant.js';
import { countedAfter, type Metric, type MetricReading, readMetric, type Side } from './metrics.js';
import { findNumbers, type NumberMention, type Qualifier } from './numbers.js';

const STAGE = 'claims';

// A type alias, not an interface: facts' data must be assignable to Record<string, unknown>.
export type ClaimData = {
  value: number;
  low: number | null;
  high: number | null;
  qualifier: Qualifier;
  numberText: string;
  numberStart: number;
  numberEnd: number;
  /** 'USD', 'EUR', 'GBP'… when the figure is an amount of money, else null. */
  currency: string | null;
  metric: Metric;
  /** The counted noun phrase ("Russian troops", "armoured vehicles"); '' when none follows. */
  what: string;
  side: Side;
  /** The claimant: its knowledge-base name when linked, else as written; null when unattributed. */
  claimant: string | null;
  /** The claimant as written in the text ("Ukraine's health minister", "he"). */
  claimantText: string | null;
  claimantEntity: string | null;
  /** How the claimant was found: 'quote', 'according-to', 'subject', 'inverted', 'quoted-as', 'pronoun', or null. */
  claimantVia: string | null;
  /** The quote fact the figure lies in, or null. */
  quote: string | null;
  date: string | null;
  datePrecision: 1 | 2 | 3;
  location: string | null;
  locationEntity: string | null;
  lat: number | null;
  lon: number | null;
};

export interface ClaimsOptions {
  /** Keep a figure only when its sentence is at most this long (run-on extraction garbage). */
  maxSentence: number;
}

const DEFAULTS: ClaimsOptions = { maxSentence: 1200 };

export function claimsStage(options: Partial<ClaimsOptions> = {}): Stage {
  const resolved = { ...DEFAULTS, ...options };
  return {
    name: STAGE,
    requires: ['text', 'facts:entity-mention', 'facts:timex', 'facts:quote'],
    assigns: ['facts:claim'],
    run: (doc) => claimsArticle(doc, resolved),
  };
}

interface QuoteView {
  id: string;
  start: number;
  end: number;
  speaker: string | null;
  speakerEntity: string | null;
  speakerStart: number | null;
  type: 'direct' | 'indirect';
  via: string | null;
}

/** A quote speaker worth naming as a claimant: not a relative pronoun or a lower-case fragment. */
function usableSpeaker(speaker: string, entity: string | null): boolean {
  if (entity) return true;
  return /^\p{Lu}\p{L}/u.test(speaker) && plausibleClaimant(speaker) && !/^(?:he|she|they|it|we|i)\b/i.test(speaker);
}

interface MentionView {
  start: number;
  end: number;
  data: EntityMentionData;
}

function claimsArticle(doc: Article, options: ClaimsOptions): Article {
  const kept = doc.facts.filter((f) => !(f.kind === 'claim' && f.stage === STAGE));
  return { ...doc, facts: [...kept, ...findClaims(doc, options)] };
}

/** The claim facts of an article (its facts must already hold entity mentions, timexes and quotes). */
export function findClaims(doc: Article, options: ClaimsOptions = DEFAULTS): Fact<ClaimData>[] {
  const text = doc.text;
  const quotes: QuoteView[] = doc.facts
    .filter((f) => f.kind === 'quote' && f.evidence)
    .map((f) => {
      const d = f.data as Record<string, unknown>;
      return {
        id: f.id,
        start: f.evidence!.start,
        end: f.evidence!.end,
        speaker: (d.speaker as string | null) ?? null,
        speakerEntity: (d.speakerEntity as string | null) ?? null,
        speakerStart: (d.speakerStart as number | null) ?? null,
        type: d.type === 'direct' ? 'direct' : 'indirect',
        via: (d.speakerVia as string | null) ?? null,
      };
    });
  const mentions: MentionView[] = doc.facts
    .filter((f) => f.kind === 'entity-mention' && f.evidence)
    .map((f) => ({ start: f.evidence!.start, end: f.evidence!.end, data: f.data as EntityMentionData }))
    .sort((a, b) => a.start - b.start);
  const countries = [...new Set(mentions.map((m) => m.data.country).filter((c): c is string => !!c))];
  const numbers = findNumbers(text);
  const facts: Fact<ClaimData>[] = [];
  let previous: { at: number; reading: MetricReading } | null = null;
  numbers.forEach((n, i) => {
    const from = sentenceStart(text, n.start);
    const to = sentenceEnd(text, n.end - 1);
    if (to - from > options.maxSentence) return;
    const sentence = text.slice(from, to);
    const next = numbers[i + 1];
    const prev = numbers[i - 1];
    // the clause after the figure runs to the next figure; the one before starts after the previous
    const afterEnd = next && next.start < to ? next.start : to;
    const beforeStart = prev && prev.end > from ? prev.end : from;
    const after = text.slice(n.end, afterEnd);
    const before = text.slice(beforeStart, n.start);
    const counted = countedAfter(after);
    const context = {
      left: text.slice(from, n.start),
      previous: previous && previous.at >= from ? previous.reading : null,
      value: n.value,
    };
    let reading = readMetric(counted, before, after, n.currency !== null, sentence, context);
    if (!reading && next && next.start < to && /,\s*(?:including|among them|of whom|among whom)\s*$/i.test(after)) {
      // "198 civilians, including three children, had been killed": skip the parenthesis
      const close = text.indexOf(',', next.end);
      if (close > 0 && close < to)
        reading = readMetric(counted, before, after + text.slice(close + 1, to), false, sentence, context);
    }
    if (!reading) return;
    previous = { at: n.start, reading };
    const quote = quotes.find((q) => q.start <= n.start && n.end <= q.end) ?? null;
    const claimant = claimantOf(doc, n, from, sentence, quote, mentions, countries);
    const date = dateForSpan(doc, { start: n.start, end: n.end });
    const place = placeNear(mentions, from, to, n);
    // figures of other wars named in the same coverage (Sudan, Syria…) are not this conflict's
    if (place?.data.country && OTHER_CONFLICTS.has(place.data.country.toLowerCase())) return;
    facts.push({
      kind: 'claim',
      id: factId('claim', doc.id, n.start, n.end),
      stage: STAGE,
      evidence: evidenceOf(doc.id, text, from, to),
      data: {
        value: n.value,
        low: n.low,
        high: n.high,
        qualifier: n.qualifier,
        numberText: n.text,
        numberStart: n.start,
        numberEnd: n.end,
        currency: n.currency,
        metric: reading.metric,
        what: counted.what,
        side: reading.side,
        ...claimant,
        quote: quote?.id ?? null,
        date: date.date,
        datePrecision: date.precision,
        location: place ? (place.data.canonical ?? place.data.name) : null,
        locationEntity: place?.data.entity ?? null,
        lat: place?.data.lat ?? null,
        lon: place?.data.lon ?? null,
      },
    });
  });
  return facts;
}

type ClaimantFields = Pick<ClaimData, 'claimant' | 'claimantText' | 'claimantEntity' | 'claimantVia'>;
const NONE: ClaimantFields = { claimant: null, claimantText: null, claimantEntity: null, claimantVia: null };

/** Countries whose places make a figure another conflict's (ISO 3166-1 alpha-2). */
const OTHER_CONFLICTS = new Set([
  'sd',
  'ss',
  'sy',
  'cd',
  'iq',
  'af',
  'ye',
  'ps',
  'il',
  'et',
  'mm',
  'ly',
  'so',
  'ml',
  'ht',
  'ng',
]);

const ROLE =
  /\b(?:president|minister|secretary|chancellor|spokes(?:man|woman|person)|commander|general|governor|mayor|chief|head|premier|ambassador|envoy|leader|king|pope)\b/i;

function claimantOf(
  doc: Article,
  n: NumberMention,
  from: number,
  sentence: string,
  quote: QuoteView | null,
  mentions: readonly MentionView[],
  countries: string[],
): ClaimantFields {
  // indirect speech whose speaker was carried over from an earlier sentence does not attribute this one
  const carried = quote?.type === 'indirect' && quote.via === 'previous';
  const speaker = quote?.speaker && !carried && usableSpeaker(quote.speaker, quote.speakerEntity) ? quote : null;
  const fromQuote: ClaimantFields | null = speaker
    ? {
        claimant: speaker.speaker,
        claimantText: speaker.speaker,
        claimantEntity: speaker.speakerEntity,
        claimantVia: 'quote',
      }
    : null;
  // a direct quote's speaker claims its figures; for indirect speech the sentence's own pattern
  // ("according to X", "X said") is read first, as it sees the same cue
  const phrase = claimantPhrases(sentence, n.start - from)[0];
  if (fromQuote && quote?.type === 'direct' && phrase?.pattern !== 'according-to') return fromQuote;
  if (!phrase && fromQuote) return fromQuote;
  if (!phrase) return NONE;
  if (phrase.pattern === 'pronoun') return pronounClaimant(doc, from, phrase, mentions);
  const start = from + phrase.start;
  const end = from + phrase.end;
  // a named person or organisation inside the phrase: the one nearest its end
  const inside = mentions.filter(
    (m) => m.start >= start && m.end <= end && (m.data.type === 'person' || m.data.type === 'organization'),
  );
  const named = inside[inside.length - 1];
  if (named && (named.data.type === 'person' || !ROLE.test(phrase.text))) {
    return {
      claimant: named.data.canonical ?? named.data.name,
      claimantText: phrase.text,
      claimantEntity: named.data.entity,
      claimantVia: phrase.pattern,
    };
  }
  const surface = phrase.text.replace(/^the\s+/i, '');
  const context = { date: doc.published, countries, text: doc.text };
  const resolved = resolveMention(
    { text: phrase.text, type: ROLE.test(phrase.text) ? 'person' : 'organization' },
    context,
  );
  const linked = resolved && resolved.type !== 'place' ? resolved : null;
  // a bare country ("Ukraine has said", "Russia says") stays a claimant under its own name
  return {
    claimant: linked?.name ?? surface,
    claimantText: phrase.text,
    claimantEntity: linked?.id ?? resolved?.id ?? null,
    claimantVia: phrase.pattern,
  };
}

/**
 * "he said": the last person named before the pronoun, or the last claimant named before it ("Kahl
 * said …. He also added …"), whichever is nearer (within 1,500 characters).
 */
function pronounClaimant(
  doc: Article,
  from: number,
  phrase: ClaimantPhrase,
  mentions: readonly MentionView[],
): ClaimantFields {
  const at = from + phrase.start;
  const floor = Math.max(0, at - 1500);
  let person: MentionView | null = null;
  for (const m of mentions) {
    if (m.end > at) break;
    if (m.start >= floor && m.data.type === 'person') person = m;
  }
  const window = doc.text.slice(floor, at);
  const named = claimantPhrases(window, window.length)
    .filter((p) => p.pattern !== 'pronoun' && /^\p{Lu}/u.test(p.text) && p.text.split(/\s+/).length <= 3)
    .sort((a, b) => b.end - a.end)[0];
  if (named && (!person || floor + named.end > person.end)) {
    const inside = mentions.find(
      (m) => m.start >= floor + named.start && m.end <= floor + named.end && m.data.type === 'person',
    );
    return {
      claimant: inside ? (inside.data.canonical ?? inside.data.name) : named.text,
      claimantText: phrase.text,
      claimantEntity: inside?.data.entity ?? null,
      claimantVia: 'pronoun',
    };
  }
  if (!person) return NONE;
  return {
    claimant: person.data.canonical ?? person.data.name,
    claimantText: phrase.text,
    claimantEntity: person.data.entity,
    claimantVia: 'pronoun',
  };
}

/** The place named in the sentence nearest the figure (a geocoded one first). */
function placeNear(mentions: readonly MentionView[], from: number, to: number, n: NumberMention): MentionView | null {
  let best: MentionView | null = null;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const m of mentions) {
    if (m.start < from || m.end > to || m.data.type !== 'place') continue;
    const distance = m.start >= n.end ? m.start - n.end : n.start - m.end;
    const score = distance + (m.data.lat === null ? 1000 : 0);
    if (score < bestScore) {
      best = m;
      bestScore = score;
    }
  }
  return best;
}
