// Actor mentions in a clause, normalised to ACLED-like names: armed forces by their adjective
// ("Russian troops", "Ukraine's army", "the occupiers"), Wagner and the separatist republics,
// civilians, police, and governments and organisations from the entity mentions (a person of
// the knowledge base stands for their country's government; "Moscow", "the Kremlin", "Kyiv" for
// theirs). The stage picks actor1 and actor2 among them by position (see README.md).

import type { Span } from '../../core/spans.js';
import actorsFile from '../../resources/kb/actors.json' with { type: 'json' };
import { ACTORS, forcesOf, governmentOf } from './taxonomy.js';

export type ActorKind = 'forces' | 'government' | 'organization' | 'civilians' | 'police' | 'country';

export interface ActorMention extends Span {
  name: string;
  kind: ActorKind;
  /** ISO2 of the actor's country, when it has one. */
  country: string | null;
}

/** The entity-mention data the stage reads. */
export interface MentionData {
  type: 'person' | 'place' | 'organization' | 'other';
  name: string;
  entity: string | null;
  canonical: string | null;
  lat: number | null;
  lon: number | null;
  country: string | null;
  admin1: string | null;
  geoPrecision: 1 | 2 | 3 | null;
}

export interface EntitySpan extends Span {
  id: string;
  data: MentionData;
}

const FORCE_NOUNS = String.raw`(?:[\w-]+\s+){0,2}(?:systems|forces|troops|army|military|soldiers|servicemen|units?|artillery|jets?|aircraft|warplanes?|navy|warships?|fleet|missiles?|drones?|strikes?|airstrikes?|shelling|bombardments?|attacks?|invaders|occupiers|paratroopers|marines|tanks|brigades?|battalions?|regiments?|rockets?|fighters|defenders|armed forces|air force|air defen[cs]es?|counter-?offensive|offensive|assault|troops)`;

const FORCE_PATTERNS: ReadonlyArray<[RegExp, string, string | null]> = [
  [
    new RegExp(String.raw`\b(?:Russian|Russia['’]s|Moscow['’]s|Kremlin['’]s|Putin['’]s)\s+${FORCE_NOUNS}\b`, 'g'),
    ACTORS.russianForces,
    'RU',
  ],
  [
    /\b(?:the )?(?:Russians|occupiers|invaders|occupying forces|Russian army|Rosgvardia)\b/g,
    ACTORS.russianForces,
    'RU',
  ],
  [
    new RegExp(String.raw`\b(?:Ukrainian|Ukraine['’]s|Kyiv['’]s|Kiev['’]s)\s+${FORCE_NOUNS}\b`, 'g'),
    ACTORS.ukrainianForces,
    'UA',
  ],
  [
    /\b(?:Armed Forces of Ukraine|ZSU|the Ukrainians|Azov (?:regiment|battalion)|Territorial Defen[cs]e)\b/g,
    ACTORS.ukrainianForces,
    'UA',
  ],
  [/\b(?:Belarusian|Belarus['’]s)\s+(?:forces|troops|army|military)\b/g, ACTORS.belarusForces, 'BY'],
  [/\bWagner(?: Group| mercenaries| fighters| PMC)?\b/g, ACTORS.wagner, 'RU'],
  [
    /\b(?:separatists?|pro-Russian (?:forces|fighters|militants|rebels|separatists)|rebels|DPR|LPR|Donetsk People['’]s Republic|Luhansk People['’]s Republic|proxy forces)\b/g,
    ACTORS.separatists,
    'RU',
  ],
];

const CIVILIANS =
  /\b(?:civilians?|residents|villagers|children|journalists?|volunteers|families|pensioners|women|people|passengers|patients)\b/g;
const POLICE = /\b(?:police|policemen|FSB|SBU|security services?|authorities|OMON|border guards|investigators)\b/g;

/** Capitals and seats of power used for their government. */
const METONYMS: Readonly<Record<string, string>> = {
  moscow: 'RU',
  kremlin: 'RU',
  kyiv: 'UA',
  kiev: 'UA',
  washington: 'US',
  'white house': 'US',
  pentagon: 'US',
  minsk: 'BY',
  london: 'GB',
  'downing street': 'GB',
  treasury: 'US',
  'state department': 'US',
  beijing: 'CN',
  berlin: 'DE',
  paris: 'FR',
  warsaw: 'PL',
  ankara: 'TR',
};

/** Organisations spelled out the way ACLED names them. */
const ORGANIZATIONS: Readonly<Record<string, string>> = {
  nato: 'NATO: North Atlantic Treaty Organization',
  'european union': 'European Union',
  eu: 'European Union',
  'united nations': 'United Nations',
  un: 'United Nations',
  'un security council': 'United Nations',
  'un general assembly': 'United Nations',
  'international criminal court': 'International Criminal Court',
  icc: 'International Criminal Court',
  iaea: 'IAEA: International Atomic Energy Agency',
  osce: 'OSCE: Organization for Security and Co-operation in Europe',
  g7: 'G7',
  'red cross': 'ICRC: International Committee of the Red Cross',
  icrc: 'ICRC: International Committee of the Red Cross',
};

/** The knowledge base's people: a person stands for their country's government. */
const KB_PEOPLE: ReadonlyMap<string, string> = new Map(
  (actorsFile as { actors: Array<{ id: string; type: string; country?: string }> }).actors
    .filter((a) => a.type === 'person' && a.country)
    .map((a) => [`actor:${a.id}`, a.country!.toUpperCase()]),
);

/** Every actor mention inside `span`, in text order. */
export function actorMentions(text: string, span: Span, entities: readonly EntitySpan[]): ActorMention[] {
  const body = text.slice(span.start, span.end);
  const found: ActorMention[] = [];
  const add = (start: number, end: number, name: string, kind: ActorKind, country: string | null) => {
    if (found.some((f) => start < f.end && end > f.start)) return;
    found.push({ start, end, name, kind, country });
  };
  for (const [pattern, name, country] of FORCE_PATTERNS) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(body); m; m = pattern.exec(body))
      add(span.start + m.index, span.start + m.index + m[0].length, name, 'forces', country);
  }
  for (const e of entities) {
    if (e.start < span.start || e.end > span.end) continue;
    const key = (e.data.canonical ?? e.data.name).toLowerCase();
    const surface = e.data.name.toLowerCase();
    const metonym = METONYMS[surface] ?? METONYMS[key];
    const org = ORGANIZATIONS[surface] ?? ORGANIZATIONS[key];
    if (org) add(e.start, e.end, org, 'organization', null);
    else if (metonym) add(e.start, e.end, governmentOf(metonym), 'country', metonym);
    else if (e.data.entity && KB_PEOPLE.has(e.data.entity)) {
      const country = KB_PEOPLE.get(e.data.entity)!;
      add(e.start, e.end, governmentOf(country), 'government', country);
    } else if (e.data.type === 'person' && e.data.entity && e.data.country)
      add(e.start, e.end, governmentOf(e.data.country), 'government', e.data.country);
    else if (e.data.type === 'place' && e.data.geoPrecision === 3 && e.data.country)
      add(e.start, e.end, governmentOf(e.data.country), 'country', e.data.country);
    else if (e.data.type === 'organization' && e.data.entity)
      add(e.start, e.end, e.data.canonical ?? e.data.name, 'organization', e.data.country);
  }
  CIVILIANS.lastIndex = 0;
  for (let m = CIVILIANS.exec(body); m; m = CIVILIANS.exec(body))
    add(span.start + m.index, span.start + m.index + m[0].length, ACTORS.civiliansUkraine, 'civilians', null);
  POLICE.lastIndex = 0;
  for (let m = POLICE.exec(body); m; m = POLICE.exec(body))
    add(span.start + m.index, span.start + m.index + m[0].length, 'Police Forces', 'police', null);
  return found.sort((a, b) => a.start - b.start);
}

/** The actor as an armed actor: a country or government standing for its forces. */
export function asForces(actor: ActorMention): string {
  if ((actor.kind === 'country' || actor.kind === 'government') && actor.country) return forcesOf(actor.country);
  return actor.name;
}

/** Civilians of a country (ACLED names them by the country of the event). */
export function civiliansOf(country: string | null): string {
  if (country === 'RU') return ACTORS.civiliansRussia;
  if (!country || country === 'UA') return ACTORS.civiliansUkraine;
  return `Civilians (${governmentOf(country).replace(/^Government of (?:the )?| \(.*$/g, '')})`;
}

/** Police of a country. */
export function policeOf(country: string | null): string {
  if (country === 'RU') return ACTORS.policeRussia;
  if (country === 'BY') return ACTORS.policeBelarus;
  if (country === 'UA') return ACTORS.policeUkraine;
  return country ? `Police Forces of ${governmentOf(country).replace(/^Government of | \(.*$/g, '')}` : 'Police Forces';
}
