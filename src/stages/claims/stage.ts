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
import { type ClaimantPhrase, claimantPhrases, plausibleClaimant, runOnClaimant } from './claimant.js';
import { aboutThisWar, countedPhrase, grammarMetric, type NounClass } from './grammar.js';
import { countedAfter, type Metric, type MetricReading, readMetric, type Side } from './metrics.js';
import { findNumbers, type NumberMention, type Qualifier } from './numbers.js';
import { titleSpeaker } from './title-speaker.js';
import { type Turn, transcriptTurns, turnAt } from './turns.js';

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
  /**
   * How the claimant was found: 'quote', 'according-to', 'subject', 'inverted', 'quoted-as', 'by',
   * 'participle', 'pronoun', 'transcript', 'headline', 'report', 'earlier', 'introduced', or null.
   */
  claimantVia: string | null;
  /** The quote fact the figure lies in, or null. */
  quote: string | null;
  /**
   * The sentence presents the figure as a running total ("the death toll rose to", "so far", "since
   * the invasion", "in total"), not a count of one incident: the ledger compares totals across stories.
   */
  cumulative: boolean;
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
  speakerEnd: number | null;
  type: 'direct' | 'indirect';
  via: string | null;
  cue: string | null;
  cueStart: number | null;
}

const REPORTING =
  'said|says|told|tells|announced|announces|claimed|claims|reported|reports|estimated|estimates|stated|noted|added|confirmed|wrote|informed|explained|warned|insisted|believes|believe|expects|expected|promised|pledged|agreed|decided|plans|planned|hopes|thinks|think|indicated|suggested|assessed|predicted';

/** Cues that report what someone says: an indirect quote cued by "agreed", "asked" or "has amassed" is not an attribution. */
const REPORTING_CUE =
  /^:$|\b(?:according|said|says|say|saying|told|tells|claimed|claims|claim|reported|reports|report|announced|announces|estimated|estimates|stated|states|noted|notes|added|adds|confirmed|confirms|wrote|writes|informed|informs|explained|explains|warned|warns|insisted|insists|acknowledged|admitted|revealed|disclosed|declared|believes|showed|shows|found|finds|documented|recorded|mentioned|mentions)\b/i;

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
  const scene = sceneOf(doc);
  const { mentions } = scene;
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
    // the older cue rules found nothing: the figure's noun phrase and governing verb by word class
    let what = counted.what;
    if (!reading) {
      const read = grammarMetric(
        before,
        after,
        n.currency !== null,
        sentence,
        context.left,
        n.value,
        true,
        context.previous,
      );
      // only figures of this war: checked after the reading, which most figures do not get
      const warTopic =
        read !== null &&
        (aboutThisWar(sentence, text.slice(Math.max(0, from - 600), from)) ||
          mentions.some(
            (m) =>
              m.start >= from && m.end <= to && m.data.type === 'place' && /^(?:ua|ru)$/i.test(m.data.country ?? ''),
          ));
      if (read && warTopic) {
        reading = { metric: read.metric, side: read.side };
        if (!what) what = read.what;
      }
    }
    // "damaged 42 apartment buildings, 14 schools and 8 bridges": a later item of a list takes the
    // claim just read (the figure before it in the sentence) when its noun is of a class that metric counts
    if (!reading && previous && prev && previous.at === prev.start && prev.start >= from && LIST_JOIN.test(before)) {
      const item = countedPhrase(after);
      if (item && LIST_CLASSES[previous.reading.metric]?.includes(item.cls)) {
        reading = previous.reading;
        if (!what) what = item.what;
      }
      // "killed 170,000 people in the province and tens of thousands more elsewhere": more of the same
      // (not "millions more had to escape": a verb of its own)
      else if (
        !item &&
        /^\s+(?:more|others)\b\s*(?:$|[,.;)]|\s(?:in|at|on|across|from|near|elsewhere|around|outside|inside|during|since|over)\b)/i.test(
          after,
        ) &&
        LIST_CLASSES[previous.reading.metric]
      )
        reading = previous.reading;
    }
    // "shot down 25 of the 30 drones": the part counts what the whole's noun and cue count, and
    // the whole (30 drones launched) is the attack, not the losses
    const partOf = /^\s+of(?:\s+the|\s+its|\s+their|\s+those)?\s+$/i;
    if (next && next.start < to && partOf.test(after)) {
      const nextAfter = text.slice(next.end, numbers[i + 2] && numbers[i + 2]!.start < to ? numbers[i + 2]!.start : to);
      const whole = readMetric(countedAfter(nextAfter), before + after, nextAfter, next.currency !== null, sentence, {
        ...context,
        value: next.value,
      });
      if (whole) reading = whole;
    }
    if (reading && prev && prev.end > from && partOf.test(text.slice(prev.end, n.start))) {
      if (reading.metric !== 'equipment-destroyed' || !/missiles?|rockets?|drones?|shahed/i.test(counted.what)) return;
      reading = { metric: 'attacks', side: reading.side === 'russian-military' ? 'russia' : 'ukraine' };
    }
    if (!reading) return;
    if (notAsserted(sentence, text.slice(from, n.start), after, reading.metric)) return;
    // troops of no party to this war ("the Chinese military … two million soldiers")
    if (
      reading.metric === 'troops' &&
      reading.side === 'unknown' &&
      /\b(?:Chinese|China['’]s|PLA|Indian|North Korean|Taiwanese|Iranian|Israeli|Turkish)\b/.test(sentence) &&
      !/\b(?:Russia\w*|Ukrain\w*|NATO|Nato)\b/.test(sentence)
    )
      return;
    if (
      notThisWar(
        sentence,
        text.slice(n.end, n.end + 40),
        text.slice(Math.max(from, n.start - 250), n.start),
        what,
        reading.metric,
      ) ||
      restated(text, n, what)
    )
      return;
    previous = { at: n.start, reading };
    const quote = scene.quotes.find((q) => q.start <= n.start && n.end <= q.end) ?? null;
    const claimant = chooseClaimant(scene, n, from, sentence, quote);
    const date = dateForSpan(doc, { start: n.start, end: n.end });
    const place = placeNear(mentions, from, to, n);
    // figures of other wars named in the same coverage (Sudan, Syria…) are not this conflict's:
    // the nearest place is another war's, or the sentence names one and neither Ukraine nor Russia
    if (place?.data.country && OTHER_CONFLICTS.has(place.data.country.toLowerCase())) return;
    if (otherWarSentence(mentions, from, to, sentence)) return;
    // "already exceeds 12 thousand", "has surpassed 100,000": a verb of excess qualifies the figure
    const exceeds =
      n.qualifier === 'exact' &&
      /\b(?:exceed(?:s|ed|ing)?|surpass(?:es|ed|ing)?|topped|tops)\s+(?:already\s+)?$/i.test(before);
    facts.push({
      kind: 'claim',
      id: factId('claim', doc.id, n.start, n.end),
      stage: STAGE,
      evidence: evidenceOf(doc.id, text, from, to),
      data: {
        value: n.value,
        low: n.low,
        high: exceeds ? null : n.high,
        qualifier: exceeds ? 'more-than' : n.qualifier,
        numberText: n.text,
        numberStart: n.start,
        numberEnd: n.end,
        currency: n.currency,
        metric: reading.metric,
        what,
        side: reading.side,
        ...claimant,
        quote: quote?.id ?? null,
        cumulative: TOTAL_CUE.test(sentence),
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

/** The article's quotes, mentions, transcript turns and title speaker, read once for the claimant choice. */
function sceneOf(doc: Article): Scene {
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
        speakerEnd: (d.speakerEnd as number | null) ?? null,
        type: d.type === 'direct' ? 'direct' : 'indirect',
        via: (d.speakerVia as string | null) ?? null,
        cue: (d.cue as string | null) ?? null,
        cueStart: (d.cueStart as number | null) ?? null,
      };
    });
  const mentions: MentionView[] = doc.facts
    .filter((f) => f.kind === 'entity-mention' && f.evidence)
    .map((f) => ({ start: f.evidence!.start, end: f.evidence!.end, data: f.data as EntityMentionData }))
    .sort((a, b) => a.start - b.start);
  const countries = [...new Set(mentions.map((m) => m.data.country).filter((c): c is string => !!c))];
  const transcript = transcriptSpeaker(text, mentions);
  const titled = titleSpeaker(doc.title, text, doc.published);
  // a transcript under a title naming one speaker ("Remarks by President Biden before …"): the turns
  // labelled with that speaker's role ("THE PRESIDENT:", "THE VICE PRESIDENT:") are the speaker's
  const labelled = titled ? null : titleSpeaker(doc.title, '', doc.published);
  const turns = labelled ? [...text.matchAll(/^([A-Z][A-Z.'’ -]{1,40}):\s/gm)] : [];
  // every labelled turn of a transcript ("PRESIDENT BIDEN:", "Maria Lvova-Belova: …"): its speaker's
  const speakers = transcriptTurns(
    text,
    doc.published,
    mentions.filter((m) => m.data.type === 'person'),
  );
  return { doc, quotes, mentions, countries, transcript, titled, labelled, turns, speakers };
}

/**
 * The claimant the stage would give every figure of an article, whether or not the figure counts
 * anything in the conflict (the claimant choice alone, for measuring it on news with attributions
 * but no war figures: eval/claims-polnear.ts). Figures in over-long sentences are skipped, as the
 * stage skips them.
 */
export function figureClaimants(
  doc: Article,
  options: ClaimsOptions = DEFAULTS,
): { number: NumberMention; sentenceStart: number; sentenceEnd: number; claimant: ClaimantFields }[] {
  const scene = sceneOf(doc);
  const out: { number: NumberMention; sentenceStart: number; sentenceEnd: number; claimant: ClaimantFields }[] = [];
  for (const n of findNumbers(doc.text)) {
    const from = sentenceStart(doc.text, n.start);
    const to = sentenceEnd(doc.text, n.end - 1);
    if (to - from > options.maxSentence) continue;
    const quote = scene.quotes.find((q) => q.start <= n.start && n.end <= q.end) ?? null;
    const claimant = chooseClaimant(scene, n, from, doc.text.slice(from, to), quote);
    out.push({ number: n, sentenceStart: from, sentenceEnd: to, claimant });
  }
  return out;
}

/** What the claimant choice needs of an article, computed once per article. */
interface Scene {
  doc: Article;
  quotes: QuoteView[];
  mentions: MentionView[];
  countries: string[];
  transcript: ReturnType<typeof transcriptSpeaker>;
  titled: ReturnType<typeof titleSpeaker>;
  labelled: ReturnType<typeof titleSpeaker>;
  turns: RegExpMatchArray[];
  speakers: Turn[];
}

/** Who claims the figure `n` of the sentence at `from` (the quote holding it, if any): the rules in order. */
function chooseClaimant(
  scene: Scene,
  n: NumberMention,
  from: number,
  sentence: string,
  quote: QuoteView | null,
): ClaimantFields {
  const { doc, mentions, countries, transcript, titled, labelled, turns, speakers } = scene;
  let claimant = claimantOf(doc, n, from, sentence, quote, mentions, countries);
  if (claimant.claimant === null) claimant = continuedClaimant(doc, from, sentence, mentions, countries);
  if (claimant.claimant === null) claimant = introducedClaimant(doc, from, mentions, countries);
  // a direct quote's speaker given by a role only, in the quote's cue or the sentence's own pattern
  if (
    quote?.type === 'direct' &&
    quote.speaker &&
    ROLE_SPEAKER.test(quote.speaker) &&
    (claimant.claimant === null ||
      (claimant.claimantEntity === null && ROLE_SPEAKER.test(`the ${claimant.claimant.replace(/^the\s+/i, '')}`)))
  ) {
    const role = roleSpeaker(quote, mentions);
    if (role.claimant !== null) claimant = role;
  }
  if (claimant.claimant === null && quote?.type === 'direct' && !quote.speaker)
    claimant = earlierClaimant(doc, Math.min(from, quote.start), mentions, countries);
  if (claimant.claimant === null && transcript && n.start > transcript.from) claimant = transcript.claimant;
  // a transcript's turn labelled with its speaker's name: that speaker's (not a direct quote of someone else)
  if (claimant.claimant === null && quote?.type !== 'direct') {
    const turn = turnAt(speakers, n.start);
    if (turn?.claimant)
      claimant = {
        claimant: turn.claimant,
        claimantText: turn.label,
        claimantEntity: turn.claimantEntity,
        claimantVia: 'transcript',
      };
  }
  // an address or speech printed whole under a title naming its speaker: the speaker's, unless
  // the figure sits in a direct quote of someone else
  if (claimant.claimant === null && titled && quote?.type !== 'direct') claimant = { ...titled, claimantVia: 'title' };
  if (claimant.claimant === null && labelled && quote?.type !== 'direct') {
    const turn = turns.filter((t) => (t.index ?? 0) < n.start).pop();
    const vice = /\bvice president\b/i.test(labelled.claimantText);
    if (turn && (turn[1] === 'THE VICE PRESIDENT' ? vice : turn[1] === 'THE PRESIDENT' && !vice))
      claimant = { ...labelled, claimantVia: 'title' };
  }
  return nameLike(claimant) ? claimant : NONE;
}

/** Between two items of a list: the first item's noun, then a comma or "and" (and a qualifier). */
const LIST_JOIN =
  /^[^.;:!?()\d]{1,60}?(?:,\s*(?:and\s+|as well as\s+)?|\s+and\s+|\s+as well as\s+)(?:(?:at least|about|around|more than|over|nearly|almost|some|up to|another)\s+)?$/i;
/** The noun classes a metric counts, for the later items of a list. */
const LIST_CLASSES: Partial<Record<Metric, readonly NounClass[]>> = {
  'buildings-destroyed': ['building', 'place'],
  'buildings-damaged': ['building', 'place'],
  'equipment-destroyed': ['equipment', 'munition'],
  'equipment-deployed': ['equipment'],
  killed: ['person', 'military', 'victim'],
  wounded: ['person', 'military', 'victim'],
  casualties: ['person', 'military'],
  missing: ['person', 'military'],
  captured: ['person', 'military', 'prisoner'],
  evacuated: ['person', 'evacuee'],
  deported: ['person', 'deportee'],
  troops: ['military', 'unit'],
  attacks: ['munition'],
};

/** Words that make a figure a running total rather than the count of one incident. */
const TOTAL_CUE =
  /\b(?:(?:death\s+)?toll|in total|a total of|total(?:s|led|ed)?|so far|to date|overall|altogether|in all|up to now|until now|by now|as of|since (?:the )?(?:start|beginning|outbreak|first days?) of|since (?:the )?(?:full-scale |russian )?invasion|since (?:24 february|february 24)|since the (?:war|invasion) (?:began|started))\b/i;

/**
 * A figure the sentence does not assert as a count of the war: a rhetorical question ("30 thousand
 * killed?"), a condition or a price ("even if a million … are brought here to die", "peace at the cost
 * of tens of thousands killed"), a future or a wish ("thousands more will be killed", "200,000 people
 * want to be evacuated"), people decorated ("216 servicemen … were awarded state awards").
 */
function notAsserted(sentence: string, left: string, after: string, metric: Metric): boolean {
  if (/\?["”’]?\s*$/.test(sentence) && sentence.length < 200) return true;
  if (/\b(?:even if|at the cost of|at the price of)\b[^.;]*$/i.test(left)) return true;
  // a forecast of the figure ("very soon the total number will reach 3,000 missiles") and an
  // intention denied ("We did not plan to take thousands of prisoners")
  if (
    /\b(?:will|would|is expected to|could)\s+(?:soon\s+|quickly\s+|already\s+)?(?:reach|exceed|surpass|top|pass|hit)\s+(?:(?:about|around|over|more than|nearly|almost|some|at least)\s+)?$/i.test(
      left,
    )
  )
    return true;
  if (
    /\b(?:did not|didn['’]t|do not|don['’]t|does not|doesn['’]t|never)\s+(?:plan|intend|want|aim|seek)\s+to\s+\p{L}+\s+(?:(?:about|around|over|more than|the|some)\s+)?$/iu.test(
      left,
    )
  )
    return true;
  if (
    /^\s*(?:more\s+)?(?:[\p{L}'’-]+\s+){0,3}?(?:will|would|want to|wants to|need to|needs to|wish to)\s+be\s+\w+ed\b/iu.test(
      after,
    )
  )
    return true;
  if (metric === 'troops' && /\b(?:awarded|awards?|decorated|posthumously|medals?)\b/i.test(sentence)) return true;
  // what is not wanted: "We do not need 13 or any number of thousands of dead Russian soldiers"
  if (/\b(?:do|does|did) not need\b|\b(?:don|doesn|didn)['’]t need\b/i.test(left)) return true;
  // sport: "19 athletes will compete with 500 veterans and servicemen from 18 NATO countries"
  if (metric === 'troops' && /\b(?:compet\w*|athletes|tournament|championship|Invictus)\b/i.test(sentence)) return true;
  // what ought to be, not what is: "the army should have not 250,000 servicemen, but much more";
  // a consequence in general: "a few shots can lead to millions of casualties"
  if (
    /\b(?:should|must|ought to)\s+(?:have|number|total)\s+(?:not\s+)?(?:only\s+)?(?:(?:about|around|over|more than|at least|some)\s+)?$/i.test(
      left,
    )
  )
    return true;
  if (/\b(?:can|could|may|might|would|will)\s+lead\s+to\s+(?:\w+\s+)?$/i.test(left)) return true;
  // people of whom something might be true: "thousands of people who could be either deported or killed"
  if (/^\s*(?:[\p{L}'’-]+\s+){0,3}?who\s+(?:could|may|might)\s+(?:have\s+)?be(?:en)?\b/iu.test(after)) return true;
  return false;
}

type ClaimantFields = Pick<ClaimData, 'claimant' | 'claimantText' | 'claimantEntity' | 'claimantVia'>;
const NONE: ClaimantFields = { claimant: null, claimantText: null, claimantEntity: null, claimantVia: null };

/** Words that start no claimant's name: pronouns of a speaker the stage did not resolve, connectives, interjections. */
const NOT_A_CLAIMANT_START =
  /^(?:i|i[’']\w+|we|we[’']\w+|you|it|they|this|that|these|those|there|here|of|and|but|so|if|when|what|read|yeah|yes|no|thank|thanks|god|lord)$/i;

/**
 * The claimant as resolved (whatever pattern found it) is one the knowledge base knows or reads like
 * a name: not a sentence fragment ("I am proud to", "Of the newly", "Read"), not a phrase with a
 * figure in it, not a long clause.
 */
function nameLike(c: ClaimantFields): boolean {
  if (c.claimant === null) return true;
  const words = c.claimant.replace(/^the\s+/i, '').split(/\s+/);
  if (NOT_A_CLAIMANT_START.test(words[0] ?? '')) return false;
  if (/\d/.test(c.claimant)) return false;
  if (c.claimantEntity !== null || words.length <= 6) return true;
  // a long title in capitals is still a name: "Adviser to the Head of the President's Office"
  return words.length <= 10 && words.every((w) => /^\p{Lu}/u.test(w) || /^(?:of|the|to|for|and|on|in)$/.test(w));
}

/**
 * A count restated from earlier in the article, not a new claim: "the 8,500 troops that Austin put
 * on standby" after the 8,500 were reported (the same figure, "the" before it, a relative clause after).
 */
function restated(text: string, n: NumberMention, what: string): boolean {
  if (!/\bthe\s+$/i.test(text.slice(Math.max(0, n.start - 5), n.start))) return false;
  const tail = text.slice(n.end, n.end + what.length + 25);
  if (!new RegExp(`^\\s*${escapeRegExp(what)}\\s*,?\\s+(?:that|which|who|whom)\\b`, 'i').test(tail)) return false;
  return text.slice(0, n.start).includes(n.text);
}
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether the sentence names a place of another war and no place or people of this one. */
function otherWarSentence(mentions: readonly MentionView[], from: number, to: number, sentence: string): boolean {
  // named in the text even when the geocoder did not place it ("Central Africa Republic")
  if (OTHER_WAR_TEXT.test(sentence) && !THIS_WAR.test(sentence)) return true;
  let other = false;
  for (const m of mentions) {
    if (m.start < from || m.end > to || m.data.type !== 'place' || !m.data.country) continue;
    const country = m.data.country.toLowerCase();
    if (country === 'ua' || country === 'ru') return false;
    if (OTHER_CONFLICTS.has(country) || OTHER_WAR_NAMES.test(m.data.name)) other = true;
  }
  return other && !THIS_WAR.test(sentence);
}
const THIS_WAR = /\b(?:ukrain\w*|russia\w*|kyiv|kiev|moscow|kremlin|putin|zelensk\w*)\b/i;
const OTHER_WAR_TEXT =
  /\b(?:Sudan|Syria|Yemen|Gaza|Afghanistan|Ethiopia|Tigray|Myanmar|Libya|Somalia|Mali|Haiti|Democratic Republic of (?:the )?Congo|DRC|Central African? Republic)\b/;

/** Names of other wars' countries, should the geocoder place them elsewhere ("Sudan" read as Sedan). */
const OTHER_WAR_NAMES =
  /^(?:Sudan|South Sudan|Syria|Yemen|Gaza|Israel|Iraq|Afghanistan|Ethiopia|Tigray|Myanmar|Libya|Somalia|Mali|Haiti|Nigeria|Congo|Democratic Republic of the Congo|DRC|Central African? Republic)$/i;

/** Battles and famines of history: their figures are not this war's. */
const HISTORY =
  /\b(?:Holodomor|Stalingrad|Leningrad|Czechoslovakia|Prague Spring|Battle of [A-Z]\w+|Great Patriotic War|Hiroshima|Nagasaki)\b|\b(?:during|in)\s+(?:the\s+)?(?:First|Second) World War\b|\b(?:during|in)\s+World War\s+(?:I|II|One|Two|1|2)\b/;
/** A unit's designation after a figure: "the 82 Airborne soldiers", "25 Brigade". */
const DESIGNATION =
  /^\s*(?:Airborne|Air Assault|Brigade|Division|Regiment|Corps|Battalion|Squadron|Mechani[sz]ed|Separate|Infantry|Marine|Guards|Army)\b/;

/**
 * Figures that count nothing in this war: history, unit designations, hypotheticals ("if there is
 * aggression, there will be hundreds of thousands of soldiers", "would lead to thousands of
 * deaths"), nuclear arsenals.
 */
function notThisWar(sentence: string, after: string, left: string, what: string, metric: Metric): boolean {
  if (HISTORY.test(sentence) || DESIGNATION.test(after)) return true;
  const clause = left.split(/[;.!?](?:\s|(?=\p{Lu}))/u).pop() ?? '';
  // a consequence foretold close before the figure ("would lead to … thousands of deaths"), unless
  // it is reported speech ("warned it would cost 10,000 lives" is a claim)
  const modal =
    /\b(?:would|could|might|will)\s+(?:\w+\s+)?(?:lead|result|cause|mean|leave|bring|cost|kill|die|face|suffer)\b[^;]{0,50}$/i.exec(
      clause,
    );
  if (modal && !new RegExp(`\\b(?:${REPORTING})\\b`, 'i').test(clause.slice(0, modal.index))) return true;
  if (/\bif\b[^;]*\bwill\s+(?:\S+\s+){0,4}$/i.test(clause)) return true;
  // peacekeepers stationed under an older agreement (Transnistria, Nagorno-Karabakh) are not this war's troops
  if (metric === 'troops' && /\bpeace-?keep/i.test(sentence)) return true;
  // a fleet's size, not a deployment: "one of its two new aircraft carriers"
  if (/\b(?:one|both|each|either|neither) of (?:its|their|his|her|our)\s+$/i.test(left)) return true;
  // a plan, not an evacuation: "has prepared plans to evacuate 3 million"
  if (
    metric === 'evacuated' &&
    /\b(?:plans?|planning|prepared|preparing|ready|would|could|may|requested|request|asked|help|assistance)\b[^.;]{0,40}$/i.test(
      clause,
    )
  )
    return true;
  return metric === 'equipment-deployed' && /\b(?:nuclear|warheads?)\b/i.test(`${left.slice(-30)} ${what}`);
}

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
  'cf',
]);

const ROLE =
  /\b(?:president|minister|secretary|chancellor|spokes(?:man|woman|person)|commander|general|governor|mayor|chief|head|premier|ambassador|envoy|leader|king|pope)\b/i;

/** A quote's speaker given only by a role: "…," the President said; the Head of State noted: "…". */
const ROLE_SPEAKER =
  /^(?:the\s+)?(?:[\p{L}'’-]+\s+){0,2}(?:president|head of (?:the )?state|first lady|prime minister|premier|minister|chancellor|governor|mayor|spokes(?:man|woman|person)|commander(?:-in-chief)?)$/iu;

/**
 * The speaker of a direct quote the quotes stage named by a role only ("the President", "the Head of
 * State"): the person that role refers to, the last person of the knowledge base named before
 * the quote ("as stated by President Volodymyr Zelenskyy …: “…several thousand…”").
 */
function roleSpeaker(quote: QuoteView, mentions: readonly MentionView[]): ClaimantFields {
  let person: MentionView | null = null;
  for (const m of mentions) {
    if (m.end > quote.start) break;
    if (m.start >= quote.start - 1500 && isPerson(m) && m.data.entity) person = m;
  }
  if (!person) return NONE;
  return {
    claimant: person.data.canonical ?? person.data.name,
    claimantText: quote.speaker,
    claimantEntity: person.data.entity,
    claimantVia: 'quote',
  };
}

/** A sentence that continues the previous one's report: "Another 40 …", "Of those, 12 …", "It also …". */
const CONTINUES =
  /^\s*["“]?\s*(?:another|a further|further|also|in addition|in particular|additionally|of (?:those|them|these|whom)|among (?:them|those|these)|they include|these include|this includes|this included|besides|separately|at least another)\b/i;

function claimantOf(
  doc: Article,
  n: NumberMention,
  from: number,
  sentence: string,
  quote: QuoteView | null,
  mentions: readonly MentionView[],
  countries: string[],
): ClaimantFields {
  // indirect speech whose speaker was carried over from an earlier sentence does not attribute
  // this one, nor does speech cued by a verb of doing
  // ("Berlin agreed to send 14 tanks"), nor speech whose cue lies in another sentence
  // (or beyond a semicolon: "X estimated …; Ukraine's military totals 200,000")
  const outside =
    quote?.cueStart != null &&
    (quote.cueStart < from ||
      quote.cueStart >= from + sentence.length ||
      (quote.cueStart < n.start && doc.text.slice(quote.cueStart, n.start).includes(';')));
  const carried =
    quote?.type === 'indirect' && (quote.via === 'previous' || outside || !REPORTING_CUE.test(quote.cue ?? ''));
  const speaker = quote?.speaker && !carried && usableSpeaker(quote.speaker, quote.speakerEntity) ? quote : null;
  const fromQuote: ClaimantFields | null = speaker
    ? appositiveName(
        doc.text,
        speaker.speakerEnd,
        {
          claimant: speaker.speaker,
          claimantText: speaker.speaker,
          claimantEntity: speaker.speakerEntity,
          claimantVia: 'quote',
        },
        mentions,
      )
    : null;
  // a direct quote's speaker claims its figures; for indirect speech the sentence's own pattern
  // ("according to X", "X said") is read first, as it sees the same cue
  const phrase = claimantPhrases(sentence, n.start - from)[0];
  // inside a direct quote the speaker may name the figure's own source before it ("Mrs. President told
  // me that more than 400,000 people had crossed the border"): that source claims it, not the speaker
  const ownSource =
    quote !== null &&
    phrase !== undefined &&
    (phrase.pattern === 'subject' || phrase.pattern === 'by') &&
    from + phrase.start >= quote.start &&
    phrase.end <= n.start - from;
  if (fromQuote && quote?.type === 'direct' && phrase?.pattern !== 'according-to' && !ownSource) return fromQuote;
  if (phrase) return phraseClaimant(doc, from, phrase, mentions, countries);
  // a run-on sentence: a closing "- said X." names the speaker of the whole dash quote, before
  // indirect speech begun in an earlier part; else that speech, else an earlier part's claimant
  const runOn = runOnClaimant(sentence, n.start - from);
  if (runOn && runOn.start > n.start - from) return phraseClaimant(doc, from, runOn, mentions, countries);
  if (fromQuote) return fromQuote;
  if (runOn) return phraseClaimant(doc, from, runOn, mentions, countries);
  return NONE;
}

/** The claimant a phrase of the text at `from` stands for: a pronoun's antecedent, a linked name, or the phrase. */
function phraseClaimant(
  doc: Article,
  from: number,
  phrase: ClaimantPhrase,
  mentions: readonly MentionView[],
  countries: string[],
): ClaimantFields {
  if (phrase.pattern === 'pronoun') return pronounClaimant(doc, from, phrase, mentions, countries);
  // "the report estimated": its author, as "it" would be resolved; no author named, no claimant
  if (phrase.pattern === 'report') {
    const author = pronounClaimant(doc, from, { ...phrase, text: 'it' }, mentions, countries);
    return author.claimant === null ? NONE : { ...author, claimantText: phrase.text, claimantVia: 'report' };
  }
  const start = from + phrase.start;
  const end = from + phrase.end;
  // a headline's source that is a place ("Kharkiv: five killed") is a dateline, not a claimant
  if (
    phrase.pattern === 'headline' &&
    mentions.some((m) => m.start <= start && m.end >= end && m.data.type === 'place')
  )
    return NONE;
  // a named person or organisation inside the phrase: the one nearest its end
  const inside = mentions.filter(
    (m) => m.start >= start && m.end <= end && (m.data.type === 'person' || m.data.type === 'organization'),
  );
  const named = inside[inside.length - 1];
  // "the mayor of Mariupol, Vadym Boychenko, said": the person the role's apposition names
  if (named?.data.type !== 'person' && ROLE.test(phrase.text)) {
    const person = appositiveName(doc.text, end, NONE, mentions);
    if (person !== NONE) return { ...person, claimantText: phrase.text, claimantVia: phrase.pattern };
  }
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
  if (phrase.pattern === 'headline' && resolved?.type === 'place') return NONE;
  // a bare country ("Ukraine has said", "Russia says") stays a claimant under its own name
  return {
    claimant: linked?.name ?? surface,
    claimantText: phrase.text,
    claimantEntity: linked?.id ?? resolved?.id ?? null,
    claimantVia: phrase.pattern,
  };
}

/**
 * A role named as the claimant and followed by the person's name between commas ("Ukraine's deputy
 * defence minister, Hanna Maliar, said", "The mayor of Mariupol, Vadym Boychenko, said"): the person,
 * keeping the role as written. `fields` is returned unchanged when no person follows (or `end` is null)
 * or the claimant is not a role.
 */
function appositiveName(
  text: string,
  end: number | null,
  fields: ClaimantFields,
  mentions: readonly MentionView[],
): ClaimantFields {
  if (end === null || (fields.claimant !== null && (fields.claimantEntity !== null || !ROLE.test(fields.claimant))))
    return fields;
  const comma = /^\s*,\s*/.exec(text.slice(end, end + 4));
  if (!comma) return fields;
  const at = end + comma[0].length;
  const person = mentions.find((m) => m.start === at && isPerson(m));
  if (!person || !/^\s*,/.test(text.slice(person.end, person.end + 3))) return fields;
  return {
    claimant: person.data.canonical ?? person.data.name,
    claimantText: fields.claimantText ?? person.data.name,
    claimantEntity: person.data.entity,
    claimantVia: fields.claimantVia,
  };
}

/**
 * The claimant of a sentence that continues the previous one ("The ministry said 300 were killed.
 * Another 40 …"): the previous sentence's claimant, when both are in the same paragraph.
 */
function continuedClaimant(
  doc: Article,
  from: number,
  sentence: string,
  mentions: readonly MentionView[],
  countries: string[],
): ClaimantFields {
  if (!CONTINUES.test(sentence) || from < 2) return NONE;
  const text = doc.text;
  const prevFrom = sentenceStart(text, from - 1);
  const previous = text.slice(prevFrom, from);
  if (/\n\s*\n/.test(previous.trimEnd())) return NONE;
  const phrase = claimantPhrases(previous, previous.length)[0];
  return phrase ? phraseClaimant(doc, prevFrom, phrase, mentions, countries) : NONE;
}

/**
 * The claimant of a line introduced by an attribution ending in a colon ("Ukraine's General Staff
 * said on Sunday:" then "Russia has lost 30,000 soldiers …"), also through the short lines of a
 * list under it (at most 12 lines of at most 160 characters).
 */
function introducedClaimant(
  doc: Article,
  from: number,
  mentions: readonly MentionView[],
  countries: string[],
): ClaimantFields {
  const text = doc.text;
  // the figure's own paragraph may be long (a block quote under "X argued that:"); the lines between
  // it and the colon must be short (a list)
  let end = text.lastIndexOf('\n', from - 1) + 1;
  for (let i = 0; i < 12; i++) {
    while (end > 0 && /\s/.test(text[end - 1] as string)) end--;
    if (end === 0 || (i > 0 && !text.slice(end, from).includes('\n'))) return NONE;
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    if (line.endsWith(':')) {
      const phrase = claimantPhrases(line, line.length)[0];
      if (!phrase) return NONE;
      const found = phraseClaimant(doc, start, phrase, mentions, countries);
      return found.claimant === null ? NONE : { ...found, claimantVia: 'introduced' };
    }
    if (line.length > 160) return NONE;
    end = start;
  }
  return NONE;
}

/**
 * The claimant of a direct quote the quotes stage left without a speaker: the attribution of one of
 * the two sentences before it (within 600 characters), nearest first ("UNHCR said, “more than
 * 200,000 …”. ‘‘11.6 million Ukrainians remained displaced …’’": UNHCR's).
 */
function earlierClaimant(
  doc: Article,
  before: number,
  mentions: readonly MentionView[],
  countries: string[],
): ClaimantFields {
  const text = doc.text;
  let end = before;
  for (let i = 0; i < 2 && end > 1; i++) {
    while (end > 1 && /\s/.test(text[end - 1] as string)) end--;
    const start = sentenceStart(text, end - 1);
    if (before - start > 600) break;
    const sentence = text.slice(start, end);
    const phrase = claimantPhrases(sentence, sentence.length)[0];
    if (phrase) {
      const found = phraseClaimant(doc, start, phrase, mentions, countries);
      if (found.claimant !== null) return { ...found, claimantVia: 'earlier' };
    }
    end = start;
  }
  return NONE;
}

/** "Full text of Zelensky's speech …", "Read the President's full address below:": a speech printed whole. */
const TRANSCRIPT =
  /\b(?:full text of|transcript of|(?:read|here is|below is) (?:the |his |her )?(?:\p{Lu}[\p{L}'’]+\s+)?(?:president['’]s\s+)?(?:full|complete) (?:text|address|speech|remarks|statement)|(?:full|complete) (?:text|address|speech|remarks) (?:below|follows))\b/iu;

/**
 * The speaker of an article that prints a speech or address whole: figures after the marker with no
 * claimant of their own are the speaker's. The person named nearest before the marker (or in its
 * sentence), within 600 characters; null when there is no marker or no person.
 */
function transcriptSpeaker(
  text: string,
  mentions: readonly MentionView[],
): { from: number; claimant: ClaimantFields } | null {
  const marker = TRANSCRIPT.exec(text);
  if (!marker) return null;
  const end = sentenceEnd(text, marker.index);
  let person: MentionView | null = null;
  for (const m of mentions) {
    if (m.start >= end) break;
    if (m.start >= marker.index - 600 && isPerson(m)) person = m;
  }
  if (!person) return null;
  return {
    from: end,
    claimant: {
      claimant: person.data.canonical ?? person.data.name,
      claimantText: person.data.name,
      claimantEntity: person.data.entity,
      claimantVia: 'transcript',
    },
  };
}

/** Whether a mention names a person: tagged so, or linked to a person of the knowledge base ("Lloyd Austin" tagged ORG). */
function isPerson(m: MentionView): boolean {
  if (m.data.type === 'person') return true;
  if (!m.data.entity?.startsWith('actor:')) return false;
  const cached = personEntity.get(m.data.entity);
  if (cached !== undefined) return cached;
  const resolved = resolveMention({ text: m.data.canonical ?? m.data.name, type: 'person' }, KB_CONTEXT);
  const person = resolved?.id === m.data.entity && resolved.type === 'person';
  personEntity.set(m.data.entity, person);
  return person;
}
const personEntity = new Map<string, boolean>();
const KB_CONTEXT = { date: null, countries: [], text: '' };

/**
 * "he said": the last person named before the pronoun, or the last claimant named before it ("Kahl
 * said …. He also added …"), whichever is nearer (within 1,500 characters). "it/they said": the
 * last claimant phrase or organisation named before it, never a person.
 */
function pronounClaimant(
  doc: Article,
  from: number,
  phrase: ClaimantPhrase,
  mentions: readonly MentionView[],
  countries: string[],
): ClaimantFields {
  const at = from + phrase.start;
  const floor = Math.max(0, at - 1500);
  const impersonal = /^(?:it|they)$/i.test(phrase.text);
  let person: MentionView | null = null;
  for (const m of mentions) {
    if (m.end > at) break;
    if (m.start < floor) continue;
    if (impersonal ? m.data.type === 'organization' && !isPerson(m) : isPerson(m)) person = m;
  }
  const window = doc.text.slice(floor, at);
  const named = claimantPhrases(window, window.length)
    .filter(
      (p) =>
        p.pattern !== 'pronoun' &&
        (/^\p{Lu}/u.test(p.text) || (/^the\s/i.test(p.text) && (impersonal || ROLE.test(p.text)))) &&
        p.text.split(/\s+/).length <= (impersonal ? 6 : 3),
    )
    .sort((a, b) => b.end - a.end)[0];
  // "it/they" take the last claimant phrase when there is one (a reporting subject), not any organisation named since
  if (named && (!person || impersonal || floor + named.end > person.end)) {
    const resolved = phraseClaimant(doc, floor, named, mentions, countries);
    return { ...resolved, claimantText: phrase.text, claimantVia: 'pronoun' };
  }
  if (!person && impersonal) {
    // "Russia's defence ministry issued a statement. It said …": the subject opening the sentence before
    const subject = previousSubject(doc.text, at, phrase.text.toLowerCase() === 'they');
    if (subject) {
      const resolved = phraseClaimant(doc, subject.from, subject.phrase, mentions, countries);
      if (resolved.claimant !== null) return { ...resolved, claimantText: phrase.text, claimantVia: 'pronoun' };
    }
  }
  if (!person) return NONE;
  if (!impersonal) person = sentenceSubject(doc.text, person, mentions, at);
  return {
    claimant: person.data.canonical ?? person.data.name,
    claimantText: phrase.text,
    claimantEntity: person.data.entity,
    claimantVia: 'pronoun',
  };
}

/** Heads of an institution's name that "it" or "they" can stand for. */
const INSTITUTION =
  /\b(?:ministry|office|staff|military|army|navy|command|government|agency|service|council|administration|committee|commission|department|institute|organi[sz]ation|mission|authorities|officials|police|forces|prosecutors|investigators|rescuers|UN|U\.N\.|NATO|Nato|IAEA|UNHCR|OHCHR|UNICEF|WHO|Kremlin|Pentagon)$/;

/**
 * The subject opening the sentence before a sentence that opens with "It"/"They" ("Russia's defence
 * ministry issued a statement on Sunday. It said …"): a noun phrase ending in an institution's head
 * ("ministry", "General Staff", "officials"), then its verb. "they" also takes plural heads only.
 */
function previousSubject(text: string, at: number, plural: boolean): { from: number; phrase: ClaimantPhrase } | null {
  const own = sentenceStart(text, at);
  if (!/^\s*["“]?\s*$/.test(text.slice(own, at)) || own < 2) return null;
  const from = sentenceStart(text, own - 1);
  const previous = text.slice(from, own);
  if (/\n\s*\n/.test(previous.trimEnd())) return null;
  // the shortest opening run of words that ends in an institution's head and is followed by a verb
  const words = previous.trimStart().split(/\s+/).slice(0, 9);
  let subject = '';
  for (let k = 1; k < words.length && !subject; k++) {
    const head = words.slice(0, k).join(' ');
    const next = words[k] as string;
    if (INSTITUTION.test(head) && /^\p{Ll}{2,}$/u.test(next) && !/^(?:of|for|and|in|on|at|to|with)$/.test(next))
      subject = head;
  }
  if (!subject || !plausibleClaimant(subject)) return null;
  if (
    plural !== /(?:s|authorities|police|forces|military)$/i.test(subject) &&
    !/\b(?:military|army|police)$/i.test(subject)
  )
    return null;
  const start = previous.indexOf(subject);
  return { from, phrase: { text: subject, start, end: start + subject.length, pattern: 'subject' } };
}

/**
 * "President Biden spoke with President Zelenskyy. He reaffirmed …": a pronoun opening the next
 * sentence refers to the previous sentence's subject, not to the person in its predicate. The last
 * person named before the pronoun gives way to a person who opens that same sentence (after titles
 * only) when a lower-case word (the verb) stands between them.
 */
function sentenceSubject(text: string, person: MentionView, mentions: readonly MentionView[], at: number): MentionView {
  const pronounSentence = sentenceStart(text, at);
  if (!/^\s*["“]?\s*$/.test(text.slice(pronounSentence, at))) return person;
  const from = sentenceStart(text, person.start);
  if (from >= pronounSentence) return person;
  // sentences between them must continue with the same pronoun ("He congratulated … He reaffirmed …")
  const between = text.slice(sentenceEnd(text, person.start), pronounSentence).trim();
  if (between && !between.split(/(?<=[.!?])\s+/).every((x) => /^(?:He|She)\b/.test(x))) return person;
  const first = mentions.find((m) => m.start >= from && m.start < person.start && isPerson(m));
  if (!first || first.data.entity === person.data.entity) return person;
  const opening = text.slice(from, first.start);
  if (
    !/^\s*(?:(?:the\s+)?(?:US|U\.S\.|American|Ukrainian|Russian|British|French|German)?\s*(?:President|Prime Minister|Secretary|Minister|Chancellor|Mr\.?|Mrs\.?|Ms\.?)\s+)*(?:\p{Lu}[\p{L}'’.-]*\s+){0,2}$/iu.test(
      opening,
    )
  )
    return person;
  return /\b\p{Ll}{3,}\b/u.test(text.slice(first.end, person.start)) ? first : person;
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
