// The events stage: who did what to whom, where and when, in ACLED's terms. Each clause with an
// asserted trigger (lexicon.ts, modality.ts) becomes an `event` fact whose actors, place, date,
// claimant and fatalities all come from the same sentence (the same clause first).

import type { Article, Fact } from '../../core/document.js';
import { factId } from '../../core/document.js';
import type { Stage } from '../../core/pipeline.js';
import { evidenceOf, type Span } from '../../core/spans.js';
import { isNewsMedia, resolveMention } from '../../resources/entities-kb.js';
import { dateForSpan, type FactDate } from '../time/fact-date.js';
import {
  type ActorMention,
  actorMentions,
  asForces,
  civiliansOf,
  type EntitySpan,
  type MentionData,
  policeOf,
} from './actors.js';
import { type Clause, clauses, sentences } from './clauses.js';
import { CIVILIAN_TARGET, TRIGGER_RULES, type TriggerRule, weaponSubtype } from './lexicon.js';
import { type Modality, modalityOf } from './modality.js';
import { ACTORS, type EventType, forcesOf, PLOVER } from './taxonomy.js';

const STAGE = 'events';

// A type alias, not an interface: facts' data must be assignable to Record<string, unknown>.
export type EventData = {
  type: EventType;
  subtype: string;
  plover: string | null;
  actor1: string | null;
  actor2: string | null;
  /** Who says it happened (a quote's speaker, or the subject of "said"/"claimed"); null: the outlet itself. */
  claimant: string | null;
  claimantEntity: string | null;
  /** True only when the outlet reports it in its own voice (no claimant). Nothing here is fact-checked. */
  verified: boolean;
  location: string | null;
  locationEntity: string | null;
  /** Where the place came from: the clause, elsewhere in the sentence, or the dateline (fallback). */
  locationSource: 'clause' | 'sentence' | 'dateline' | null;
  lat: number | null;
  lon: number | null;
  country: string | null;
  admin1: string | null;
  geoPrecision: 1 | 2 | 3 | null;
  date: string | null;
  timePrecision: 1 | 2 | 3;
  /** The timex fact that dated it, or null for the publication date. */
  timex: string | null;
  fatalities: number | null;
  fatalitiesClaim: string | null;
  trigger: string;
  triggerStart: number;
  triggerEnd: number;
  /** Canonical names of the people, organisations and sub-country places of the sentence (for merging). */
  participants: string[];
  /** 'asserted' unless the options keep negated, hypothetical, future or demanded events. */
  modality: Modality;
  rule: string;
};

export interface EventsOptions {
  /** Keep negated, hypothetical, future and demanded events (marked by `modality`). Default false. */
  keepUnasserted: boolean;
  /** Fall back to the dateline's place when the sentence names none. Default true. */
  datelineFallback: boolean;
}

export const DEFAULT_EVENTS_OPTIONS: EventsOptions = { keepUnasserted: false, datelineFallback: true };

export function eventsStage(options: Partial<EventsOptions> = {}): Stage {
  const resolved = { ...DEFAULT_EVENTS_OPTIONS, ...options };
  return {
    name: STAGE,
    requires: ['text', 'facts:entity-mention', 'facts:timex', 'facts:claim', 'facts:quote'],
    assigns: ['facts:event'],
    run: (doc) => {
      const kept = doc.facts.filter((f) => !(f.kind === 'event' && f.stage === STAGE));
      const events = findEvents({ ...doc, facts: kept }, resolved);
      return { ...doc, facts: [...kept, ...events] };
    },
  };
}

interface Found {
  rule: TriggerRule;
  type: EventType;
  subtype: string;
  start: number;
  end: number;
  modality: Modality;
}

/** The event facts of an article (the stage without the bookkeeping). */
export function findEvents(doc: Article, options: EventsOptions = DEFAULT_EVENTS_OPTIONS): Fact<EventData>[] {
  const text = doc.text;
  const relinked = new Map<string, MentionData>();
  const regions = new Map<string, MentionData | null>();
  const entities: EntitySpan[] = doc.facts
    .filter((f) => f.kind === 'entity-mention' && f.evidence)
    .map((f) =>
      regionSpan(
        text,
        {
          id: f.id,
          start: f.evidence!.start,
          end: f.evidence!.end,
          data: checkedPlace(f.data as unknown as MentionData, doc.published, relinked),
        },
        doc.published,
        regions,
      ),
    )
    .sort((a, b) => a.start - b.start);
  const result: Fact<EventData>[] = [];
  const seen = new Set<string>();
  let dateline: DatelinePlace | null | undefined;
  for (const sentence of sentences(text)) {
    const body = text.slice(sentence.start, sentence.end);
    if (!/[a-z]/i.test(body) || HISTORICAL.test(body)) continue;
    for (const clause of clauses(text, sentence)) {
      const found = trigger(text, clause, entities, options);
      if (!found) continue;
      const id = factId('event', doc.id, clause.start, clause.end);
      if (seen.has(id)) continue;
      seen.add(id);
      if (dateline === undefined) dateline = datelinePlace(doc, entities);
      result.push(buildEvent(doc, clause, found, entities, dateline ?? null, options, id));
    }
  }
  return result;
}

const fold = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

/**
 * Guard against a linking slip seen in the knowledge base (2026-11-21): with a region named in the
 * article ("Crimea"), any town can come back as that region. A place linked to a region whose name
 * shares nothing with the mention is linked again without the article as context, or left unlinked.
 */
export function checkedPlace(
  data: MentionData,
  published: string | null,
  cache: Map<string, MentionData>,
): MentionData {
  if (data.type !== 'place' || data.geoPrecision !== 2 || !data.canonical) return data;
  const name = fold(data.name);
  const canonical = fold(data.canonical);
  if (name.length < 3 || canonical.includes(name.slice(0, 4)) || name.includes(canonical.slice(0, 4))) return data;
  if (!cache.has(data.name)) {
    const again = resolveMention({ text: data.name, type: 'place' }, { date: published, countries: [], text: '' });
    cache.set(
      data.name,
      again && again.lat !== null
        ? {
            ...data,
            entity: again.id,
            canonical: again.name,
            lat: again.lat,
            lon: again.lon,
            country: again.country,
            admin1: again.admin1,
            geoPrecision: again.geoPrecision,
          }
        : // Not a place the knowledge base knows on its own: better no place than the wrong region.
          {
            ...data,
            entity: null,
            canonical: null,
            lat: null,
            lon: null,
            country: null,
            admin1: null,
            geoPrecision: null,
          },
    );
  }
  return cache.get(data.name) ?? data;
}

const REGION_WORD = /^\s+(?:region|oblast|province|krai|district)\b/i;

/**
 * "villages in the Kharkiv region": the entity stage links "Kharkiv" to the city, 60 km from where the
 * region's villages are. A town mention followed by region/oblast/province is the region when the
 * knowledge base knows "<name> region" (Kharkiv Oblast); the span then covers the word too.
 */
export function regionSpan(
  text: string,
  e: EntitySpan,
  published: string | null,
  cache: Map<string, MentionData | null>,
): EntitySpan {
  if (e.data.type !== 'place' || e.data.geoPrecision !== 1) return e;
  const word = REGION_WORD.exec(text.slice(e.end, e.end + 20));
  if (!word) return e;
  const key = `${e.data.canonical ?? e.data.name}|${e.data.country ?? ''}`;
  if (!cache.has(key)) {
    const found = resolveMention(
      { text: `${e.data.name} region`, type: 'place' },
      { date: published, countries: e.data.country ? [e.data.country] : [], text: '' },
    );
    cache.set(
      key,
      found && found.lat !== null && found.geoPrecision === 2 && (!e.data.country || found.country === e.data.country)
        ? {
            ...e.data,
            entity: found.id,
            canonical: found.name,
            lat: found.lat,
            lon: found.lon,
            country: found.country,
            admin1: found.admin1,
            geoPrecision: 2,
          }
        : null,
    );
  }
  const region = cache.get(key);
  return region ? { ...e, end: e.end + word[0].length, data: region } : e;
}

/**
 * Every rule's pattern in one alternation: a clause it does not match matches no rule, and most
 * clauses name no event, so one scan rules them out instead of one scan per rule.
 */
const ANY_TRIGGER = new RegExp(TRIGGER_RULES.map((r) => r.pattern.source).join('|'), 'i');

/** The first asserted trigger of a clause (or the first of any modality when those are kept). */
function trigger(text: string, clause: Clause, entities: readonly EntitySpan[], options: EventsOptions): Found | null {
  const body = text.slice(clause.start, clause.end);
  if (!ANY_TRIGGER.test(body)) return null;
  let fallback: Found | null = null;
  for (const rule of TRIGGER_RULES) {
    if (rule.needs && !rule.needs.test(body)) continue;
    if (rule.unless?.test(body)) continue;
    rule.pattern.lastIndex = 0;
    for (let m = rule.pattern.exec(body); m; m = rule.pattern.exec(body)) {
      const typed = refine(rule, body, m.index, m[0], clause, entities);
      if (!typed) continue;
      const modality = modalityOf(body, m.index, m[0]);
      const found = {
        rule,
        ...typed,
        start: clause.start + m.index,
        end: clause.start + m.index + m[0].length,
        modality,
      };
      if (modality === 'asserted') return found;
      fallback ??= found;
    }
  }
  return options.keepUnasserted ? fallback : null;
}

/** Sentences about other wars and eras: the Soviet Union, the world wars, any year before 2014. */
const HISTORICAL =
  /\b(?:Soviet|Second World War|First World War|World War (?:I|II|One|Two)|WWII|Nazis?|Hitler|1[0-9]{3}|200[0-9]|201[0-3])\b/;

const MILITARY_WORDS =
  /\b(?:forces|troops|army|military|soldiers|units|positions|fighters|occupiers|invaders|brigade|battalion)\b/i;

/** Rule-specific checks and typing: null drops the match. */
function refine(
  rule: TriggerRule,
  body: string,
  index: number,
  match: string,
  clause: Clause,
  entities: readonly EntitySpan[],
): { type: EventType; subtype: string } | null {
  const lower = match.toLowerCase();
  const after = body.slice(index + match.length, index + match.length + 60);
  const subPlace = entities.some(
    (e) => e.start >= clause.start && e.end <= clause.end && e.data.type === 'place' && (e.data.geoPrecision ?? 3) < 3,
  );
  switch (rule.id) {
    case 'attack': {
      const weapon = weaponSubtype(body);
      if (weapon) return { type: 'Explosions/Remote violence', subtype: weapon };
      if (CIVILIAN_TARGET.test(after)) return { type: 'Violence against civilians', subtype: 'Attack' };
      if (MILITARY_WORDS.test(body) || subPlace) return { type: 'Battles', subtype: 'Armed clash' };
      return null;
    }
    case 'shelling': {
      if (/^(?:struck|strikes?)/.test(lower)) {
        const weapon = weaponSubtype(body);
        if (!weapon && !subPlace) return null;
        return { type: rule.type, subtype: weapon ?? rule.subtype };
      }
      return { type: rule.type, subtype: rule.subtype };
    }
    case 'overtake': {
      if (
        /^\s*(?:\w+\s+){0,2}(?:soldiers|troops|servicemen|prisoners|fighters|men|documents|weapons|equipment|tanks)\b/i.test(
          after,
        )
      )
        return null;
      return { type: rule.type, subtype: rule.subtype };
    }
    case 'talks': {
      if (/^met/.test(lower)) {
        const to = clause.start + index + match.length + 80;
        const party = entities.some(
          (e) =>
            e.start >= clause.start + index + match.length &&
            e.start < to &&
            e.end <= clause.end &&
            (e.data.type === 'person' ||
              e.data.type === 'organization' ||
              (e.data.type === 'place' && e.data.geoPrecision === 3)),
        );
        if (!party) return null;
      }
      return { type: rule.type, subtype: rule.subtype };
    }
    case 'protest': {
      if (/\b(?:killed|shot|beat(?:en)?|tear gas|rubber bullets|water cannon)\b/i.test(body))
        return { type: rule.type, subtype: 'Excessive force against protesters' };
      if (/\b(?:detained|arrested|dispersed|police)\b/i.test(body))
        return { type: rule.type, subtype: 'Protest with intervention' };
      return { type: rule.type, subtype: rule.subtype };
    }
    case 'clash': {
      if (
        !/^(?:skirmish|firefight|gunfight|ambush|killed in|stormed|fierce|heavy)/.test(lower) &&
        !MILITARY_WORDS.test(body) &&
        !subPlace
      )
        return null;
      return { type: rule.type, subtype: rule.subtype };
    }
    default:
      return { type: rule.type, subtype: rule.subtype };
  }
}

const KINETIC = new Set<EventType>(['Battles', 'Explosions/Remote violence', 'Violence against civilians']);
const NO_PLACE_SUBTYPES = new Set(['Sanctions', 'Vote/resolution', 'Investigation']);
const PREPOSITION =
  /\b(?:in|at|near|on|outside|around|across|over|into|towards?|of|from|to|inside|throughout|within|and|the city of|the town of|the village of|region of)\s*$/i;

/** A lower-case word right before a name that is not a determiner, conjunction or relative: the name is its object. */
const OBJECT_OF_VERB =
  /\b(?!(?:the|a|an|which|that|as|while|when|where|and|but|or|since|because|if|then|also|now|said|says|say|claimed|reported)\b)[a-z]{2,}\s+$/;

/** "<an office or institution> of": the country after it is a party ("the defence minister of Russia"). */
const OFFICE_OF =
  /\b(?:minister|ministry|president|government|embassy|ambassador|parliament|leader|leadership|army|forces|military|command|prosecutor|crimes|spokes(?:man|woman|person))\s+of\s+(?:the\s+)?$/i;

const FACILITY =
  /\b([A-Za-z][a-z'’-]{3,}(?:\s+[A-Za-z][a-z'’-]{3,})?)\s+(?:dam|bridge|(?:nuclear\s+)?power\s+plant|nuclear\s+plant|hydroelectric\s+plant|airport|air\s*base|railway\s+station|train\s+station)\b/g;

/**
 * A facility named after its town that the entity stage did not take for a place ("the attack on the
 * kakhovka dam", lower case): the town, when the knowledge base knows a town of that very name (its first
 * four letters agree) in a country the article's places are in. Only when the sentence names no place.
 */
function facilityTown(doc: Article, clause: Clause, entities: readonly EntitySpan[]): LocationChoice | null {
  const countries = [
    ...new Set(entities.filter((e) => e.data.type === 'place' && e.data.country).map((e) => e.data.country!)),
  ];
  if (!countries.length) return null;
  const body = doc.text.slice(clause.start, clause.end);
  FACILITY.lastIndex = 0;
  for (let m = FACILITY.exec(body); m; m = FACILITY.exec(body)) {
    const name = m[1]!;
    const found = resolveMention({ text: name, type: 'place' }, { date: doc.published, countries, text: '' });
    if (!found || found.lat === null || found.geoPrecision !== 1 || !found.country) continue;
    if (!countries.includes(found.country) || fold(found.name).slice(0, 4) !== fold(name).slice(0, 4)) continue;
    return {
      name: found.name,
      entity: found.id,
      source: 'clause',
      lat: found.lat,
      lon: found.lon,
      country: found.country,
      admin1: found.admin1,
      geoPrecision: 1,
    };
  }
  return null;
}

/** "<the war> in/on/against": the place after it is where the war is ("Russian aggression in Ukraine"). */
const WAR_SETTING =
  /\b(?:war|invasion|aggression|conflict|hostilities)\s+(?:in|on|against|of|with)\s+(?:the\s+)?(?:[a-z]+\s+)?$/i;

/** Prepositions that say where: a place after them is where the event happened. */
const LOCATIVE =
  /\b(?:in|at|near|on|over|outside|around|across|inside|throughout|within|the city of|the town of|the village of|region of)\s*(?:the\s+)?$/i;

function buildEvent(
  doc: Article,
  clause: Clause,
  found: Found,
  entities: readonly EntitySpan[],
  dateline: DatelinePlace | null,
  options: EventsOptions,
  id: string,
): Fact<EventData> {
  const text = doc.text;
  const type = found.type;
  let subtype = found.subtype;
  const place =
    chooseLocation(text, clause, found, entities, type, subtype) ??
    (type !== 'Diplomacy' && type !== 'Legal' && !NO_PLACE_SUBTYPES.has(subtype)
      ? facilityTown(doc, clause, entities)
      : null);
  let location: LocationChoice | null = place;
  if (!location && options.datelineFallback && dateline && !NO_PLACE_SUBTYPES.has(subtype)) {
    location = {
      name: dateline.name,
      entity: dateline.entity,
      source: 'dateline',
      lat: dateline.lat,
      lon: dateline.lon,
      country: dateline.country,
      admin1: dateline.admin1,
      // Lower precision: the dateline says where the reporter was, not where it happened.
      geoPrecision: Math.min(3, dateline.geoPrecision + 1) as 1 | 2 | 3,
    };
  }
  const country = location?.country ?? null;
  const inClause = actorMentions(text, clause, entities);
  const inSentence = actorMentions(text, clause.sentence, entities);
  let { actor1, actor2 } = chooseActors(
    text,
    found,
    type,
    subtype,
    type === 'Diplomacy' ? inSentence : inClause,
    country,
  );
  if (!actor1) {
    const wider = chooseActors(text, found, type, subtype, inSentence, country);
    actor1 = wider.actor1;
    actor2 ??= wider.actor2;
  }
  if (subtype === 'Non-state actor overtakes territory' && actor1 === ACTORS.ukrainianForces) {
    subtype = 'Government regains territory';
  }
  if (subtype === 'Government regains territory') {
    actor1 ??= ACTORS.ukrainianForces;
    if (!actor2 && actor1 === ACTORS.ukrainianForces) actor2 = ACTORS.russianForces;
  }
  if (type === 'Explosions/Remote violence' && !actor2 && CIVILIAN_TARGET.test(text.slice(found.end, clause.end)))
    actor2 = civiliansOf(country);
  if (actor2 === actor1) actor2 = null;
  const claim = claimantOf(doc, clause, found, entities);
  const when = eventDate(doc, clause, found);
  const deaths = fatalitiesOf(doc, clause.sentence);
  return {
    kind: 'event',
    id,
    stage: STAGE,
    evidence: evidenceOf(doc.id, text, clause.start, clause.end),
    data: {
      type,
      subtype,
      plover: PLOVER[subtype] ?? null,
      actor1,
      actor2,
      claimant: claim?.name ?? null,
      claimantEntity: claim?.entity ?? null,
      verified: !claim,
      location: location?.name ?? null,
      locationEntity: location?.entity ?? null,
      locationSource: location?.source ?? null,
      lat: location?.lat ?? null,
      lon: location?.lon ?? null,
      country,
      admin1: location?.admin1 ?? null,
      geoPrecision: location?.geoPrecision ?? null,
      date: when.date,
      timePrecision: when.precision,
      timex: when.timex,
      fatalities: deaths?.value ?? null,
      fatalitiesClaim: deaths?.id ?? null,
      trigger: text.slice(found.start, found.end),
      triggerStart: found.start,
      triggerEnd: found.end,
      participants: participantsOf(clause.sentence, entities),
      modality: found.modality,
      rule: found.rule.id,
    },
  };
}

/**
 * The event's date: dateForSpan over the timexes of the clause, or of the sentence before the
 * trigger ("On Monday, … shelled …"); a date after publication ("talks before the end of the
 * year") cannot date a reported event, so the publication date stands instead.
 */
function eventDate(doc: Article, clause: Clause, found: Found): FactDate {
  const facts = doc.facts.filter(
    (f) =>
      f.kind === 'timex' &&
      f.evidence !== undefined &&
      ((f.evidence.start >= clause.start && f.evidence.end <= clause.end) ||
        (f.evidence.start >= clause.sentence.start && f.evidence.end <= found.start)),
  );
  const when = dateForSpan({ text: doc.text, published: doc.published, facts }, { start: found.start, end: found.end });
  const published = doc.published?.slice(0, 10) ?? null;
  if (when.timex && when.date && published && when.date > published) {
    return dateForSpan({ text: doc.text, published: doc.published, facts: [] }, { start: found.start, end: found.end });
  }
  return when;
}

interface LocationChoice {
  name: string;
  entity: string | null;
  source: 'clause' | 'sentence' | 'dateline';
  lat: number | null;
  lon: number | null;
  country: string | null;
  admin1: string | null;
  geoPrecision: 1 | 2 | 3 | null;
}

const METONYM_PLACES = /^(?:moscow|kremlin|kyiv|kiev|washington|white house|pentagon|minsk|london|beijing|brussels)$/i;

/** The most specific geocoded place of the clause (else of the sentence), skipping places used as actors. */
function chooseLocation(
  text: string,
  clause: Clause,
  found: Found,
  entities: readonly EntitySpan[],
  type: EventType,
  subtype: string,
): LocationChoice | null {
  if (NO_PLACE_SUBTYPES.has(subtype)) return null;
  for (const [span, source] of [
    [clause, 'clause'],
    [clause.sentence, 'sentence'],
  ] as const) {
    let best: { e: EntitySpan; key: number[] } | null = null;
    for (const e of entities) {
      if (e.start < span.start || e.end > span.end || e.data.type !== 'place' || e.data.lat === null) continue;
      const before = text.slice(Math.max(span.start, e.start - 20), e.start);
      // A country: "in Ukraine" says where; "the war crimes of Russia", "weapons to Ukraine" name a party.
      // A town or region after any preposition is where ("the bombing of Mariupol", "fired from Belgorod").
      const prepositioned =
        LOCATIVE.test(before) || (PREPOSITION.test(before) && (e.data.geoPrecision ?? 3) < 3)
          ? 0
          : PREPOSITION.test(before)
            ? 1
            : 2;
      const subjectLike =
        e.end <= found.start &&
        !PREPOSITION.test(before) &&
        (e.data.geoPrecision === 3 || METONYM_PLACES.test(e.data.name)) &&
        /^\s*(?:['’]s\s+)?(?:\w+\s+){0,2}(?:said|says|claimed|claims|has|have|had|is|was|launched|imposed|announced|accused|forces|troops|army|military|to|and)\b/i.test(
          text.slice(e.end, e.end + 40),
        );
      // Diplomacy happens where the sentence says "in"/"at"; countries there are parties, not places.
      if ((type === 'Diplomacy' || type === 'Legal') && !/\b(?:in|at|to|near)\s*$/i.test(before)) continue;
      if (subjectLike) continue;
      // A capital standing for its government: before the trigger as its subject ("which Moscow illegally
      // annexed"), or, for an event that is not an attack, after against/with/to ("sanctions against Moscow").
      if (METONYM_PLACES.test(e.data.name) && !/\bcapital,?\s+$/i.test(before)) {
        // Unless it is the target the weapon is used on ("Russia hit Kyiv with cruise missile strikes").
        if (e.end <= found.start && !PREPOSITION.test(before) && !/^\s+with\b/i.test(text.slice(e.end, e.end + 6)))
          continue;
        if (!KINETIC.has(type) && e.start >= found.end && /\b(?:against|with|to)\s+(?:the\s+)?$/i.test(before))
          continue;
      }
      // "shelled by Ukraine", "the command of Ukraine's air force": the place names an actor.
      if (/\bby\s+(?:the\s+)?$/i.test(before)) continue;
      // The war's setting is not where a meeting, arrest or protest happened ("arrested for criticising the
      // war in Ukraine", "talks … about Russian aggression in Ukraine"); an attack in it may well be there.
      if (!KINETIC.has(type) && WAR_SETTING.test(before)) continue;
      if (
        e.data.geoPrecision === 3 &&
        /^['’]s\s+(?:[\w-]+\s+)?(?:forces|army|military|air force|navy|command|president|government|ministry|defen[cs]e|troops|leader|officials?)\b/i.test(
          text.slice(e.end, e.end + 40),
        )
      )
        continue;
      // A country naming people or an office, not a place: "the evacuation of US citizens", "the deputy
      // defence minister of Russia", "the war crimes of Russia".
      if (
        e.data.geoPrecision === 3 &&
        (/^\s+(?:citizens|nationals|officials|diplomats|embassy|troops|soldiers|forces|authorities)\b/i.test(
          text.slice(e.end, e.end + 20),
        ) ||
          OFFICE_OF.test(before))
      )
        continue;
      const key = [
        e.data.geoPrecision ?? 3,
        prepositioned,
        Math.min(Math.abs(e.start - found.start), Math.abs(e.end - found.end)),
      ];
      if (!best || compareKeys(key, best.key) < 0) best = { e, key };
    }
    if (best) {
      const d = best.e.data;
      return {
        name: d.canonical ?? d.name,
        entity: d.entity,
        source,
        lat: d.lat,
        lon: d.lon,
        country: d.country,
        admin1: d.admin1,
        geoPrecision: d.geoPrecision,
      };
    }
  }
  return null;
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** actor1 (who acts) and actor2 (on whom) among the actor mentions, by position and event type. */
function chooseActors(
  text: string,
  found: Found,
  type: EventType,
  subtype: string,
  mentions: readonly ActorMention[],
  country: string | null,
): { actor1: string | null; actor2: string | null } {
  const kinetic = KINETIC.has(type) || subtype === 'Disrupted weapons use';
  const before = mentions.filter((m) => m.end <= found.start);
  const after = mentions.filter((m) => m.start >= found.end);
  // Passive agent: "… was shelled by Russian forces".
  const byAgent = after.find(
    (m) =>
      /\bby\s+(?:the\s+)?$/i.test(text.slice(Math.max(0, m.start - 12), m.start)) ||
      (m.kind === 'forces' &&
        m.start - found.end < 16 &&
        /\b(?:of|from|that|which)\s+(?:the\s+)?$/i.test(text.slice(Math.max(0, m.start - 12), m.start)) &&
        // "the artillery fire that the Russian armed forces have been raining down": the relative
        // clause's subject; "attacks which Ukrainian forces repelled" would name the target, so a verb
        // of defence after it keeps the forces out.
        !/^\s*(?:\w+\s+){0,2}(?:repelled|repulsed|stopped|thwarted|intercepted|shot down|withstood|endured|suffered)\b/i.test(
          text.slice(m.end, m.end + 40),
        )),
  );
  const armed = (m: ActorMention) =>
    m.kind === 'forces' || m.kind === 'country' || (m.kind === 'government' && m.country !== null);
  if (kinetic) {
    const agent =
      (byAgent && armed(byAgent) ? byAgent : undefined) ??
      // "… under heavy Russian bombardment": a forces phrase holding the trigger.
      mentions.find((m) => m.kind === 'forces' && m.start <= found.end && m.end >= found.start) ??
      [...before].reverse().find((m) => m.kind === 'forces') ??
      [...before].reverse().find(
        (m) =>
          m.kind === 'country' &&
          found.start - m.end < 40 &&
          !PREPOSITION.test(text.slice(Math.max(0, m.start - 20), m.start)) &&
          // The object of a verb is the target, not the agent ("Russia hit Kyiv with cruise missile strikes").
          !(
            OBJECT_OF_VERB.test(text.slice(Math.max(0, m.start - 20), m.start)) &&
            /^\s+with\b/i.test(text.slice(m.end, m.end + 6))
          ),
      );
    // "the latest Russian act of terror", "a Ukrainian counterattack": the adjective before the trigger.
    const adjective = /\b(Russian|Ukrainian)\s+(?:[\w-]+\s+)?$/.exec(
      text.slice(Math.max(0, found.start - 30), found.start),
    );
    const actor1 = agent
      ? asForces(agent)
      : adjective
        ? adjective[1] === 'Russian'
          ? ACTORS.russianForces
          : ACTORS.ukrainianForces
        : null;
    let actor2: string | null = null;
    const target = after.find((m) => m !== byAgent && (m.kind === 'forces' || m.kind === 'civilians'));
    if (target) actor2 = target.kind === 'civilians' ? civiliansOf(country) : target.name;
    else if (type === 'Violence against civilians') actor2 = civiliansOf(country);
    if (!actor2 && actor1) {
      const other = mentions.find((m) => m.kind === 'forces' && asForces(m) !== actor1);
      if (other) actor2 = other.name;
    }
    return { actor1, actor2 };
  }
  switch (subtype) {
    case 'Arrests': {
      const policeCountry =
        mentions.find((m) => m.kind === 'government' || m.kind === 'country')?.country ??
        (/\bRussian?\b/.test(text.slice(found.start - 200, found.end + 200)) ? 'RU' : country);
      return { actor1: policeOf(policeCountry ?? null), actor2: null };
    }
    case 'Peaceful protest':
    case 'Protest with intervention':
    case 'Excessive force against protesters':
      return {
        actor1: country === 'RU' ? ACTORS.protestersRussia : country === 'UA' ? ACTORS.protestersUkraine : 'Protesters',
        actor2: null,
      };
    default: {
      const parties = mentions.filter(
        (m) =>
          (m.kind === 'government' || m.kind === 'organization' || m.kind === 'country') &&
          // "…, Ukrinform reports", "according to Interfax": an organisation that tells the news is
          // its source (the claimant), not a party to it.
          !(m.kind === 'organization' && SOURCE_CUE_AFTER.test(text.slice(m.end, m.end + 30))) &&
          !(
            m.kind === 'organization' &&
            /\baccording to\s+(?:the\s+)?$/i.test(text.slice(Math.max(0, m.start - 20), m.start))
          ) &&
          // "talks … about Russian aggression in Ukraine": the war's setting is no party to the talks.
          !(m.kind === 'country' && WAR_SETTING.test(text.slice(Math.max(0, m.start - 20), m.start))),
      );
      const names: string[] = [];
      for (const p of parties) if (!names.includes(p.name)) names.push(p.name);
      if (subtype === 'Sanctions') {
        // "new U.S. sanctions": a party inside the trigger imposes them; else the subject before it.
        const inside = parties.find((m) => m.start >= found.start && m.end <= found.end);
        const by = parties.includes(byAgent!) ? byAgent : undefined;
        const imposer = inside ?? by ?? [...before].reverse().find((m) => parties.includes(m));
        const target = after.find((m) => parties.includes(m) && m.name !== imposer?.name);
        return { actor1: imposer?.name ?? null, actor2: target?.name ?? null };
      }
      if (type === 'Diplomacy') {
        // The sentence's subject acts ("X pledged … after holding talks with Y"); Y is actor2.
        const subject = (m: ActorMention) =>
          !/\b(?:with|to|on|against|for|of|in|at|from|by|and|about|over|toward|towards|after|before|during)\s+(?:\w+\s+){0,2}$/i.test(
            text.slice(Math.max(0, m.start - 30), m.start),
          );
        // Else "talks between X and Y": the first party after the trigger not introduced by a preposition.
        const first =
          parties.find((m) => m.end <= found.start && subject(m)) ??
          parties.find(
            (m) =>
              m.start >= found.end &&
              (subject(m) || /\bbetween\s+(?:the\s+)?$/i.test(text.slice(Math.max(0, m.start - 30), m.start))),
          ) ??
          null;
        const second = parties.find((m) => m !== first && m.name !== first?.name) ?? null;
        return { actor1: first?.name ?? null, actor2: second?.name ?? null };
      }
      if (type === 'Humanitarian' || subtype === 'Change to group/activity' || subtype === 'Disrupted weapons use') {
        const forces = mentions.find((m) => m.kind === 'forces');
        if (forces) return { actor1: forces.name, actor2: null };
      }
      return { actor1: names[0] ?? null, actor2: names[1] ?? null };
    }
  }
}

/** A speech verb right after a name: the name is the one telling ("Ukrinform reports", "Interfax said"). */
const SOURCE_CUE_AFTER =
  /^\s*(?:news agency\s+|agency\s+)?(?:reports|reported|says|said|writes|wrote|informs|informed|quoted|cited)\b/i;

const CUE =
  /\b(?:said|says|say|claimed|claims|claim|told|tells|reported|reports|according to|announced|announces|alleged|alleges|accused|stated|confirmed|insisted|maintained|wrote|added|noted)\b/gi;

/** Who says the event happened: the speaker of a quote holding the trigger, else the subject of a speech verb. */
function claimantOf(
  doc: Article,
  clause: Clause,
  found: Found,
  entities: readonly EntitySpan[],
): { name: string; entity: string | null } | null {
  for (const f of doc.facts) {
    if (f.kind !== 'quote' || !f.evidence) continue;
    if (f.evidence.start <= found.start && f.evidence.end >= found.end) {
      const q = f.data as { speaker?: string | null; speakerEntity?: string | null };
      if (q.speaker) return { name: q.speaker, entity: q.speakerEntity ?? null };
    }
  }
  const sentence = clause.sentence;
  const body = doc.text.slice(sentence.start, sentence.end);
  CUE.lastIndex = 0;
  const cue = CUE.exec(body);
  if (!cue) return null;
  const cueStart = sentence.start + cue.index;
  const cueEnd = cueStart + cue[0].length;
  const speakers = entities.filter(
    (e) =>
      e.start >= sentence.start &&
      e.end <= sentence.end &&
      (e.data.type === 'person' ||
        e.data.type === 'organization' ||
        (e.data.type === 'place' && (e.data.geoPrecision === 3 || METONYM_PLACES.test(e.data.name)))),
  );
  let speaker: EntitySpan | undefined;
  if (/^according to$/i.test(cue[0])) speaker = speakers.find((e) => e.start >= cueEnd);
  else
    speaker =
      [...speakers].reverse().find((e) => e.end <= cueStart && cueStart - e.end < 80) ??
      speakers.find((e) => e.start >= cueEnd && e.start - cueEnd < 40);
  if (!speaker) {
    // "the Ukrainian military said", "Russia's defence ministry claimed": an actor phrase.
    const actor = actorMentions(doc.text, { start: Math.max(sentence.start, cueStart - 60), end: cueStart }, []).pop();
    return actor ? { name: actor.name, entity: null } : null;
  }
  const d = speaker.data;
  const name = d.canonical ?? d.name;
  if (METONYM_PLACES.test(d.name) || d.type === 'place')
    return { name: d.country ? countryOf(d.name, d.country) : name, entity: d.entity };
  return { name, entity: d.entity };
}

function countryOf(surface: string, country: string): string {
  const metonym: Record<string, string> = {
    moscow: 'Russia',
    kremlin: 'Russia',
    kyiv: 'Ukraine',
    kiev: 'Ukraine',
    washington: 'United States',
    minsk: 'Belarus',
  };
  return metonym[surface.toLowerCase()] ?? forcesOf(country).replace(/^Military Forces of | \(.*$/g, '');
}

/** The most conservative 'killed' claim of the sentence. */
function fatalitiesOf(doc: Article, sentence: Span): { value: number; id: string } | null {
  let best: { value: number; id: string } | null = null;
  for (const f of doc.facts) {
    if (f.kind !== 'claim' || !f.evidence) continue;
    if (f.evidence.end <= sentence.start || f.evidence.start >= sentence.end) continue;
    const c = f.data as { metric?: string; value?: number | null; low?: number | null };
    if (c.metric !== 'killed') continue;
    const value = typeof c.low === 'number' ? c.low : typeof c.value === 'number' ? c.value : null;
    if (value === null) continue;
    if (!best || value < best.value) best = { value, id: f.id };
  }
  return best;
}

function participantsOf(sentence: Span, entities: readonly EntitySpan[]): string[] {
  const names = new Set<string>();
  for (const e of entities) {
    if (e.start < sentence.start || e.end > sentence.end || e.data.type === 'other') continue;
    if (e.data.type === 'place' && (e.data.geoPrecision ?? 3) === 3) continue;
    // An organisation linked to a gazetteer place is a linking slip; news media tell the news
    // ("…, he told the BBC"): neither is a participant.
    if (e.data.type === 'organization' && (e.data.entity?.startsWith('geonames:') || isNewsMedia(e.data.entity)))
      continue;
    names.add(e.data.canonical ?? e.data.name);
  }
  return [...names].sort();
}

interface DatelinePlace {
  name: string;
  entity: string | null;
  lat: number | null;
  lon: number | null;
  country: string | null;
  admin1: string | null;
  geoPrecision: 1 | 2 | 3;
}

function datelinePlace(doc: Article, entities: readonly EntitySpan[]): DatelinePlace | null {
  if (!doc.dateline) return null;
  const key = doc.dateline.toLowerCase();
  const mention = entities.find(
    (e) => e.data.type === 'place' && e.data.lat !== null && (e.data.canonical ?? e.data.name).toLowerCase() === key,
  );
  const resolved = mention
    ? { ...mention.data, name: mention.data.canonical ?? mention.data.name, id: mention.data.entity }
    : resolveMention({ text: doc.dateline, type: 'place' }, { date: doc.published, countries: [], text: doc.text });
  if (!resolved || resolved.lat === null || resolved.geoPrecision === null) return null;
  return {
    name: resolved.name,
    entity: resolved.id ?? null,
    lat: resolved.lat,
    lon: resolved.lon,
    country: resolved.country,
    admin1: resolved.admin1,
    geoPrecision: resolved.geoPrecision,
  };
}
