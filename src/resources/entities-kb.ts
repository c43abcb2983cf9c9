// Linking and geocoding against the knowledge base: the entities stage calls resolveMention for
// each mention it finds, and knownNames for gazetteer features. Everything is built lazily on
// first use from kb/actors.json, kb/regions.json, kb/landmarks.json and the GeoNames place index.
//
// Names are compared by key (normalise.ts): lower case, Cyrillic transliterated, diacritics and
// apostrophes dropped; then by a transliteration-insensitive skeleton; then, for names of six
// letters or more, by one edit (Kyiev → Kyiv, Mairupol → Mariupol) when only one name is that close.

import actorsFile from './kb/actors.json' with { type: 'json' };
import landmarksFile from './kb/landmarks.json' with { type: 'json' };
import regionsFile from './kb/regions.json' with { type: 'json' };
import { editVariants, isEditVariant, normaliseName, skeleton } from './normalise.js';
import { type GazetteerPlace, loadPlaceIndex } from './places.js';

export type EntityType = 'person' | 'place' | 'organization' | 'other';

export interface ResolvedEntity {
  id: string;
  name: string;
  type: EntityType;
  lat: number | null;
  lon: number | null;
  country: string | null;
  admin1: string | null;
  /** 1 = town or site, 2 = region, 3 = country (ACLED's geo_precision). */
  geoPrecision: 1 | 2 | 3 | null;
}

export interface MentionContext {
  /** The article date (YYYY-MM-DD...), for role nouns. */
  date: string | null;
  /** ISO2 codes of the countries already mentioned in the article or story, most relevant first. */
  countries: string[];
  /** The article text (or any text around the mention): regions named in it help geocoding. */
  text: string;
  /**
   * The mention's own sentence, when the caller knows it: a place the gazetteer lacks then falls
   * back only to a region this sentence names (without it, to one the context text names).
   */
  sentence?: string;
}

// ---------------------------------------------------------------------------------------------
// The knowledge base, built once

interface ActorEntry {
  id: string;
  type: 'person' | 'organization';
  name: string;
  given?: string[];
  family?: string[];
  aliases: string[];
  country: string;
  scopedNouns?: string[];
  surnameNeedsFullName?: boolean;
  description?: string;
}
interface Holder {
  actor: string;
  from: string | null;
  until?: string;
}
interface RoleEntry {
  id: string;
  scope?: string;
  scopeNames?: string[];
  nouns: string[];
  holders: Holder[];
}
interface CountryEntry {
  iso2: string;
  name: string;
  aliases: string[];
  adjectives: string[];
  lat: number;
  lon: number;
}
interface RegionEntry {
  id: string;
  country: string;
  admin1: string;
  name: string;
  stems: string[];
  aliases: string[];
  lat: number;
  lon: number;
}
interface LandmarkEntry {
  id: string;
  name: string;
  aliases: string[];
  country: string;
  admin1: string;
  lat: number;
  lon: number;
}

/** Words that, after a name, make it a region: "Kharkiv Oblast", "Kursk region". */
const REGION_WORDS = new Set((regionsFile.regionWords as string[]).map(normaliseName));

/** Titles and honorifics stripped from the front of a person's mention (normalised, longest first). */
const TITLES = [
  'lieutenant general',
  'lt gen',
  'major general',
  'maj gen',
  'colonel general',
  'brigadier general',
  'army general',
  'prime minister',
  'foreign minister',
  'defence minister',
  'defense minister',
  'interior minister',
  'deputy prime minister',
  'secretary of state',
  'secretary of defense',
  'defence secretary',
  'defense secretary',
  'foreign secretary',
  'secretary general',
  'secretary-general',
  'vice president',
  'first lady',
  'press secretary',
  'supreme commander',
  'commander in chief',
  'chief of staff',
  'national security adviser',
  'high commissioner',
  'director general',
  'president',
  'premier',
  'chancellor',
  'minister',
  'secretary',
  'general',
  'gen',
  'colonel',
  'col',
  'lt',
  'major',
  'maj',
  'admiral',
  'adm',
  'commander',
  'governor',
  'gov',
  'mayor',
  'senator',
  'sen',
  'rep',
  'ambassador',
  'envoy',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'prosecutor',
  'mr',
  'mrs',
  'ms',
  'miss',
  'dr',
  'prof',
  'sir',
  'dame',
  'lord',
  'lady',
  'king',
  'queen',
  'prince',
  'pope',
  'marshal',
  'sergeant',
  'sgt',
  'captain',
  'capt',
  'chief',
  'head',
  'leader',
  'comrade',
  'pan',
  'pani',
  'gospodin',
  'adviser',
  'advisor',
  'aide',
  'the',
]
  .map((t) => normaliseName(t))
  .sort((a, b) => b.length - a.length);

interface KbPlace {
  id: string;
  name: string;
  lat: number;
  lon: number;
  country: string;
  admin1: string | null;
  precision: 1 | 2 | 3;
}

interface Kb {
  actors: Map<string, ActorEntry>;
  actorByName: Map<string, Set<string>>;
  actorBySkel: Map<string, Set<string>>;
  actorBySurname: Map<string, Set<string>>;
  /** actor id → normalised full-name forms (for the surname-needs-full-name check) */
  fullNames: Map<string, string[]>;
  roles: Map<string, RoleEntry[]>;
  /** normalised country names, aliases, adjectives → ISO2 (for stripping "Ukrainian President") */
  scopeWords: Map<string, string>;
  places: Map<string, KbPlace>;
  placeByName: Map<string, Set<string>>;
  placeBySkel: Map<string, Set<string>>;
  regionByStem: Map<string, Set<string>>;
  regionByStemSkel: Map<string, Set<string>>;
  /** ISO2 → gazetteer row of the country's capital (else its most populous place). */
  capitals: Map<string, number>;
}

let kb: Kb | undefined;

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  if (!key) return;
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

/** Clean a mention's surface: quotes, trailing punctuation, possessives, a leading "the". */
function clean(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/^[\s"'“”‘’«»(]+|[\s"'“”‘’«»),.;:!?]+$/g, '')
    .replace(/(\p{L})['’]s\b/gu, '$1')
    .replace(/(\p{L}s)['’](?=\s|$)/gu, '$1')
    .replace(/^the\s+/i, '');
}

const keyOf = (text: string): string =>
  normaliseName(clean(text))
    .replace(/\bof the\b/g, 'of')
    .replace(/^the /, '');

function buildKb(): Kb {
  const k: Kb = {
    actors: new Map(),
    actorByName: new Map(),
    actorBySkel: new Map(),
    actorBySurname: new Map(),
    fullNames: new Map(),
    roles: new Map(),
    scopeWords: new Map(),
    places: new Map(),
    placeByName: new Map(),
    placeBySkel: new Map(),
    regionByStem: new Map(),
    regionByStemSkel: new Map(),
    capitals: loadPlaceIndex().capitalRows(),
  };
  // A place is found by its exact name key and by the key's skeleton (spelling variants).
  const indexPlaceName = (name: string, id: string) => {
    const key = keyOf(name);
    addTo(k.placeByName, key, id);
    addTo(k.placeBySkel, skeleton(key), id);
  };
  const countries = regionsFile.countries as CountryEntry[];
  const scopeNamesOf = new Map<string, string[]>();
  for (const c of countries) {
    const names = [c.name, ...c.aliases, ...c.adjectives, c.iso2].map(keyOf).filter((n) => n.length > 1);
    scopeNamesOf.set(c.iso2, [...new Set(names)]);
    for (const n of names) if (!k.scopeWords.has(n)) k.scopeWords.set(n, c.iso2);
    const place: KbPlace = {
      id: `country:${c.iso2}`,
      name: c.name,
      lat: c.lat,
      lon: c.lon,
      country: c.iso2,
      admin1: null,
      precision: 3,
    };
    k.places.set(place.id, place);
    for (const n of [c.name, ...c.aliases]) {
      indexPlaceName(n, place.id);
    }
  }
  // Every other country by its English name (Intl.DisplayNames: Sudan, Taiwan, Egypt...), placed
  // at its capital: a country the article names is never a town one letter away.
  const known = new Set(countries.map((c) => c.iso2));
  const capitals = k.capitals;
  const display = new Intl.DisplayNames(['en'], { type: 'region' });
  for (const [iso2, row] of capitals) {
    if (known.has(iso2) || !/^[A-Z]{2}$/.test(iso2)) continue;
    const full = display.of(iso2);
    if (!full || full === iso2) continue;
    const capital = loadPlaceIndex().place(row);
    const place: KbPlace = {
      id: `country:${iso2}`,
      name: full.replace(/ \(.*\)$/, ''),
      lat: capital.lat,
      lon: capital.lon,
      country: iso2,
      admin1: null,
      precision: 3,
    };
    k.places.set(place.id, place);
    // "Myanmar (Burma)": both names; "Congo - Kinshasa": the full form only. A city-state's name
    // is its capital's own name (Singapore, Monaco): that name stays the city's.
    const capitalKey = normaliseName(capital.name);
    for (const n of new Set([full, place.name, ...(/\((.*)\)$/.exec(full)?.slice(1) ?? [])]))
      if (keyOf(n) !== capitalKey) indexPlaceName(n, place.id);
  }
  for (const r of regionsFile.regions as RegionEntry[]) {
    const place: KbPlace = {
      id: `region:${r.id}`,
      name: r.name,
      lat: r.lat,
      lon: r.lon,
      country: r.country,
      admin1: r.admin1 || null,
      precision: 2,
    };
    k.places.set(place.id, place);
    // A city region's name is its city's ("Kyiv", "Moscow", "Sevastopol"): the city wins.
    const cityName = loadPlaceIndex().byNorm(keyOf(r.name)).length > 0;
    for (const n of cityName ? r.aliases : [r.name, ...r.aliases]) {
      indexPlaceName(n, place.id);
    }
    for (const s of r.stems) {
      const key = keyOf(s);
      addTo(k.regionByStem, key, place.id);
      addTo(k.regionByStemSkel, skeleton(key), place.id);
    }
  }
  for (const l of landmarksFile.landmarks as LandmarkEntry[]) {
    const place: KbPlace = {
      id: `landmark:${l.id}`,
      name: l.name,
      lat: l.lat,
      lon: l.lon,
      country: l.country,
      admin1: l.admin1 || null,
      precision: 1,
    };
    k.places.set(place.id, place);
    for (const n of [l.name, ...l.aliases]) {
      indexPlaceName(n, place.id);
    }
  }
  const scoped = (scope: string | undefined, scopeNames: string[] | undefined, nouns: string[]): string[] => {
    const scopes = scope ? (scopeNamesOf.get(scope) ?? []) : (scopeNames ?? []).map(keyOf);
    const out: string[] = [];
    for (const s of scopes)
      for (const noun of nouns) {
        const n = keyOf(noun);
        out.push(`${s} ${n}`, `${n} of ${s}`);
      }
    return out;
  };
  for (const a of actorsFile.actors as ActorEntry[]) {
    k.actors.set(a.id, a);
    const names = new Set<string>([a.name, ...a.aliases]);
    const full: string[] = [];
    for (const g of a.given ?? []) for (const f of a.family ?? []) names.add(`${g} ${f}`);
    for (const n of names) {
      const key = keyOf(n);
      addTo(k.actorByName, key, a.id);
      addTo(k.actorBySkel, skeleton(key), a.id);
      if (a.type === 'person') full.push(key);
    }
    k.fullNames.set(a.id, full);
    for (const f of a.family ?? []) {
      const key = keyOf(f);
      addTo(k.actorBySurname, key, a.id);
    }
    if (a.scopedNouns) for (const key of scoped(a.country, undefined, a.scopedNouns)) addTo(k.actorByName, key, a.id);
  }
  for (const r of actorsFile.roles as RoleEntry[])
    for (const key of scoped(r.scope, r.scopeNames, r.nouns)) {
      const list = k.roles.get(key);
      if (list) list.push(r);
      else k.roles.set(key, [r]);
    }
  return k;
}

function getKb(): Kb {
  kb ??= buildKb();
  return kb;
}

// ---------------------------------------------------------------------------------------------
// Actors

function actorResult(a: ActorEntry): ResolvedEntity {
  return {
    id: `actor:${a.id}`,
    name: a.name,
    type: a.type,
    lat: null,
    lon: null,
    country: a.country || null,
    admin1: null,
    geoPrecision: null,
  };
}

/** The holder of a role on a date (both bounds inclusive; the latest start wins an overlap). */
function holderOn(role: RoleEntry, date: string | null): string | null {
  if (!date) return null;
  const day = date.slice(0, 10);
  let best: Holder | null = null;
  for (const h of role.holders) {
    if (h.from && day < h.from) continue;
    if (h.until && day > h.until) continue;
    if (!best || (h.from ?? '') > (best.from ?? '')) best = h;
  }
  return best?.actor ?? null;
}

/** One actor out of a set, preferring the context's countries; null when still ambiguous. */
function pickActor(ids: Set<string> | undefined, context: MentionContext, type?: EntityType): ActorEntry | null {
  if (!ids || ids.size === 0) return null;
  const k = getKb();
  let list = [...ids].map((id) => k.actors.get(id)!);
  if (type === 'person' || type === 'organization') {
    const typed = list.filter((a) => a.type === type);
    if (typed.length) list = typed;
  }
  if (list.length === 1) return list[0]!;
  const inContext = list.filter((a) => context.countries.includes(a.country));
  if (inContext.length === 1) return inContext[0]!;
  return null;
}

/** Drop leading titles, "the" and country words: "Ukrainian President Volodymyr Zelensky". */
function stripTitles(key: string): string {
  const k = getKb();
  let s = key;
  for (let changed = true; changed; ) {
    changed = false;
    for (const t of TITLES)
      if (s.startsWith(`${t} `)) {
        s = s.slice(t.length + 1);
        changed = true;
        break;
      }
    if (changed) continue;
    const words = s.split(' ');
    for (let n = Math.min(3, words.length - 1); n >= 1; n--)
      if (k.scopeWords.has(words.slice(0, n).join(' '))) {
        s = words.slice(n).join(' ');
        changed = true;
        break;
      }
  }
  return s;
}

function resolveActor(
  text: string,
  type: EntityType,
  context: MentionContext,
  exactOnly: boolean,
): ResolvedEntity | null {
  const k = getKb();
  const key = keyOf(text);
  if (!key) return null;
  let a = pickActor(k.actorByName.get(key), context, type);
  if (a) return actorResult(a);
  const roles = k.roles.get(key);
  if (roles) {
    used |= USED_DATE;
    for (const r of roles) {
      const id = holderOn(r, context.date);
      if (id) return actorResult(k.actors.get(id)!);
    }
    return null;
  }
  if (exactOnly) return null;
  const bare = stripTitles(key);
  if (bare && bare !== key) {
    a = pickActor(k.actorByName.get(bare), context, type);
    if (a) return actorResult(a);
  }
  if (type === 'organization') {
    a = pickActor(k.actorBySkel.get(skeleton(key)), context, type);
    return a ? actorResult(a) : null;
  }
  // Surname only ("Zelensky", "Mr Putin"), or given name + surname in an unlisted spelling.
  const words = bare.split(' ');
  const surname = words[words.length - 1]!;
  const bySurname = (s: string, skel: boolean): ActorEntry | null => {
    const ids = skel ? surnameSkel(s) : k.actorBySurname.get(s);
    const p = pickActor(ids, context, 'person');
    if (p?.type !== 'person') return null;
    if (p.surnameNeedsFullName && words.length === 1) {
      used |= USED_TEXT;
      const ctx = contextKey(context.text);
      if (!(k.fullNames.get(p.id) ?? []).some((f) => ctx.includes(f))) return null;
    }
    return p;
  };
  a =
    pickActor(k.actorBySkel.get(skeleton(bare)), context, 'person') ??
    bySurname(surname, false) ??
    bySurname(skeleton(surname), true);
  if (a) return actorResult(a);
  // One edit, six letters or more, one match only.
  const target = skeleton(bare);
  if (target.replace(/ /g, '').length >= 6) {
    const hits = actorEditHits(target);
    if (hits.size === 1) {
      const only = k.actors.get([...hits][0]!)!;
      if (only.type === 'person' && !(only.surnameNeedsFullName && words.length === 1)) return actorResult(only);
    }
  }
  return null;
}

/** A known person whose surname this is and whose full name the context text writes, or null. */
function namedPerson(key: string, context: MentionContext): ResolvedEntity | null {
  const k = getKb();
  const ids = k.actorBySurname.get(key);
  if (!ids || !context.text) return null;
  used |= USED_TEXT;
  const ctx = contextKey(context.text);
  const hits = [...ids].filter((id) => (k.fullNames.get(id) ?? []).some((f) => f !== key && ctx.includes(` ${f} `)));
  return hits.length === 1 ? actorResult(k.actors.get(hits[0]!)!) : null;
}

/** A known person by the exact surname alone (with the full name in the text when the surname needs it). */
function bySurnameExact(key: string, context: MentionContext): ResolvedEntity | null {
  const k = getKb();
  const p = pickActor(k.actorBySurname.get(key), context, 'person');
  if (p?.type !== 'person') return null;
  if (p.surnameNeedsFullName) {
    used |= USED_TEXT;
    const ctx = contextKey(context.text);
    if (!(k.fullNames.get(p.id) ?? []).some((f) => ctx.includes(f))) return null;
  }
  return actorResult(p);
}

const actorEditMemo = new Map<string, Set<string>>();

/**
 * The actors whose name or surname skeleton is one edit away from `target`. A pure function of
 * the name, remembered: each name has hundreds of variants to look up.
 */
function actorEditHits(target: string): Set<string> {
  let hits = actorEditMemo.get(target);
  if (hits) return hits;
  hits = new Set<string>();
  // The actor skeletons are few: each of about the target's length is tested for being one of
  // its edit variants, rather than every variant looked up.
  const byLength = actorSkeletonsByLength();
  for (let n = target.length - 1; n <= target.length + 1; n++)
    for (const [key, ids] of byLength.get(n) ?? []) if (isEditVariant(target, key)) for (const id of ids) hits.add(id);
  if (actorEditMemo.size >= 100_000) actorEditMemo.clear();
  actorEditMemo.set(target, hits);
  return hits;
}

let actorSkeletons: Map<number, Array<[string, Set<string>]>> | undefined;

/** The keys of actorBySkel and of the surname skeletons with their ids, by length. */
function actorSkeletonsByLength(): Map<number, Array<[string, Set<string>]>> {
  if (!actorSkeletons) {
    actorSkeletons = new Map();
    const add = (key: string, ids: Set<string>) => {
      const list = actorSkeletons!.get(key.length);
      if (list) list.push([key, ids]);
      else actorSkeletons!.set(key.length, [[key, ids]]);
    };
    for (const [key, ids] of getKb().actorBySkel) add(key, ids);
    surnameSkel('');
    for (const [key, ids] of surnameSkelMap!) add(key, ids);
  }
  return actorSkeletons;
}

let surnameSkelMap: Map<string, Set<string>> | undefined;
function surnameSkel(s: string): Set<string> | undefined {
  if (!surnameSkelMap) {
    surnameSkelMap = new Map();
    for (const [key, ids] of getKb().actorBySurname) for (const id of ids) addTo(surnameSkelMap, skeleton(key), id);
  }
  return surnameSkelMap.get(s);
}

// ---------------------------------------------------------------------------------------------
// Places

interface ContextEntry {
  /** The normalised text, padded with spaces. */
  key: string;
  regions: Set<string>;
  /** The region ids in order, joined: what a remembered resolution is checked against. */
  regionsKey: string;
}

/**
 * The normalised context texts, remembered for the last few texts seen: the stages of one article
 * ask with its text and with '' (no context) in turn, and each text costs a pass over the article.
 */
const contexts = new Map<string, ContextEntry>();

function contextOf(text: string): ContextEntry {
  let entry = contexts.get(text);
  if (!entry) {
    const key = ` ${normaliseName(text)} `;
    const regions = findRegions(key);
    entry = { key, regions, regionsKey: [...regions].join('|') };
    if (contexts.size >= 4) contexts.delete(contexts.keys().next().value as string);
    contexts.set(text, entry);
  }
  return entry;
}

/** The normalised context text. */
function contextKey(text: string): string {
  return contextOf(text).key;
}

function contextRegions(text: string): Set<string> {
  return contextOf(text).regions;
}

/** Region ids named by a stem: exact key, skeleton, then one edit for stems of six letters or more. */
function regionsByStem(stem: string): Set<string> | undefined {
  const k = getKb();
  const exact = k.regionByStem.get(stem) ?? k.placeByName.get(stem);
  if (exact) return new Set([...exact].filter((id) => id.startsWith('region:')));
  const skel = skeleton(stem);
  const loose = k.regionByStemSkel.get(skel);
  if (loose) return loose;
  if (skel.length >= 6) {
    const hits = new Set<string>();
    for (const v of editVariants(skel)) for (const id of k.regionByStemSkel.get(v) ?? []) hits.add(id);
    if (hits.size > 0) return hits;
  }
  return undefined;
}

let firstWords: Set<string> | undefined;

/** The first words of the knowledge base's place names (keys split at spaces). */
function placeFirstWords(): Set<string> {
  if (!firstWords) {
    firstWords = new Set();
    for (const key of getKb().placeByName.keys()) firstWords.add(key.split(' ')[0]!);
  }
  return firstWords;
}

/** Regions named in a normalised text: "<stem> oblast|region|…", and bare aliases such as "Crimea". */
function findRegions(norm: string): Set<string> {
  const k = getKb();
  const found = new Set<string>();
  const words = norm.trim().split(' ');
  for (let i = 0; i < words.length; i++) {
    if (REGION_WORDS.has(words[i]!))
      for (let n = Math.min(3, i); n >= 1; n--) {
        const ids = regionsByStem(words.slice(i - n, i).join(' '));
        if (ids?.size) {
          for (const id of ids) found.add(id);
          break;
        }
      }
    // words i, i..i+1, i..i+2 joined by spaces, built up rather than sliced and joined; only
    // where a place name starts with word i
    if (!placeFirstWords().has(words[i]!)) continue;
    let phrase = words[i]!;
    for (let n = 1; n <= 3 && i + n <= words.length; n++) {
      if (n > 1) phrase += ` ${words[i + n - 1]!}`;
      const ids = k.placeByName.get(phrase);
      if (ids) for (const id of ids) if (id.startsWith('region:')) found.add(id);
    }
  }
  return found;
}

function kbPlaceResult(p: KbPlace): ResolvedEntity {
  return {
    id: p.id,
    name: p.name,
    type: 'place',
    lat: p.lat,
    lon: p.lon,
    country: p.country,
    admin1: p.admin1,
    geoPrecision: p.precision,
  };
}

function gazetteerResult(p: GazetteerPlace): ResolvedEntity {
  return {
    id: `geonames:${p.geonameId}`,
    name: p.name,
    type: 'place',
    lat: p.lat,
    lon: p.lon,
    country: p.country,
    admin1: p.admin1 || null,
    geoPrecision: 1,
  };
}

const FEATURE_BONUS: Record<string, number> = {
  PPLC: 2,
  PPLA: 1.5,
  PPLA2: 0.7,
  PPLA3: 0.3,
  PPLX: -0.5,
  PPLH: -3,
  PPLQ: -3,
  PPLW: -2,
};

interface Scored {
  place: GazetteerPlace;
  score: number;
  exact: boolean;
}

/** Rank gazetteer candidates: context country and region, exact name, feature code, population. */
function rank(indexes: Iterable<number>, exact: Set<number>, context: MentionContext, regions: Set<string>): Scored[] {
  const index = loadPlaceIndex();
  const admin = adminCodes(regions);
  const scored: Scored[] = [];
  for (const i of new Set(indexes)) {
    const p = index.place(i);
    let score = Math.log10(p.population + 10);
    if (exact.has(i)) score += 2;
    const ci = context.countries.indexOf(p.country);
    if (ci === 0) score += 5;
    else if (ci > 0) score += 4;
    if (admin.has(`${p.country}.${p.admin1}`)) score += 6;
    score += FEATURE_BONUS[p.featureCode] ?? 0;
    scored.push({ place: p, score, exact: exact.has(i) });
  }
  return scored.sort((a, b) => b.score - a.score);
}

/**
 * Common English words written alone that name a town somewhere (Göd, Republic MO, Union,
 * Liberty, Paradise…) but in this news are never that town: not geocoded. Countries, regions and
 * landmarks of the knowledge base are matched before this list applies.
 */
const NOT_PLACES = new Set(
  [
    'god',
    'gods',
    'lord',
    'republic',
    'union',
    'liberty',
    'independence',
    'freedom',
    'paradise',
    'reform',
    'victory',
    'peace',
    'hope',
    'unity',
    'justice',
    'glory',
    'truth',
    'progress',
    'mercy',
    'nation',
    'state',
    'states',
    'congress',
    'parliament',
    'president',
    'government',
    'army',
    'navy',
    'defence',
    'defense',
    'security',
    'council',
    'democracy',
    'federation',
    'kingdom',
    'empire',
    'alliance',
    'commonwealth',
    'homeland',
    'motherland',
    'fatherland',
    'heaven',
    'liberation',
    'resistance',
    // continents, oceans and world regions are not the small towns that share their names
    'europe',
    'asia',
    'africa',
    'oceania',
    'antarctica',
    'arctic',
    'pacific',
    'atlantic',
    'middle east',
    'far east',
    'balkans',
    'baltic',
    'baltics',
    'caucasus',
    'scandinavia',
    'west',
    'east',
    'north',
    'south',
  ].map(normaliseName),
);

/** A regional centre or a town of 15,000 people or more. */
function isNotableTown(p: GazetteerPlace): boolean {
  return p.population >= 15_000 || p.featureCode === 'PPLC' || p.featureCode.startsWith('PPLA');
}

/** Gazetteer alternates written in capitals only (BTS, SEA, MIR: airport codes; NY, LA) are codes, not names. */
const CODE = /^[A-Z]{2,6}$/;

/** A skeleton (loose) match needs this many letters: shorter keys merge unrelated names (Asia, Ashiya). */
const MIN_LOOSE_LETTERS = 5;

interface RowKeys {
  /** The normalised primary name. */
  primary: string;
  /** Normalised name and alternates that are not codes, and their skeletons. */
  norms: Set<string>;
  skels: Set<string>;
}

const rowKeysMemo = new Map<number, RowKeys>();

/** The keys a gazetteer row really answers to (the index also holds its codes). */
function rowKeys(i: number): RowKeys {
  let keys = rowKeysMemo.get(i);
  if (!keys) {
    const p = loadPlaceIndex().place(i);
    const primary = normaliseName(p.name);
    const norms = new Set([primary]);
    for (const a of p.alternates) if (!CODE.test(a)) norms.add(normaliseName(a));
    keys = { primary, norms, skels: new Set([...norms].map(skeleton)) };
    rowKeysMemo.set(i, keys);
  }
  return keys;
}

const letters = (key: string): number => key.replace(/ /g, '').length;

/**
 * How a mention is linked to a place: `place` (the tagger says place: every rule), `exact` (an
 * organisation or other name: exact knowledge-base names, or a gazetteer town whose own name it
 * is in one of the article's countries) or `person` (as `exact`, and a knowledge-base place only
 * in one of the article's countries: "Jordan", "Chad", "Sandu" are people first).
 */
type PlaceMode = 'place' | 'exact' | 'person';

function resolvePlace(text: string, context: MentionContext, mode: PlaceMode): ResolvedEntity | null {
  const k = getKb();
  const exactOnly = mode !== 'place';
  const [head = '', ...rest] = clean(text).split(',');
  const key = keyOf(head);
  if (!key) return null;
  const regions = new Set(contextRegions(context.text));
  const restRegions = rest.length ? findRegions(` ${normaliseName(rest.join(' '))} `) : new Set<string>();
  for (const id of restRegions) regions.add(id);
  const words = key.split(' ');
  const allowed = (p: KbPlace) => mode !== 'person' || context.countries.includes(p.country);

  // "Kharkiv Oblast", "Kursk region", "Харківська область": a region (precision 2).
  if (words.length > 1 && REGION_WORDS.has(words[words.length - 1]!)) {
    const ids = regionsByStem(words.slice(0, -1).join(' '));
    if (ids?.size) {
      const list = [...ids].map((id) => k.places.get(id)!);
      const best = list.length === 1 ? list[0]! : (list.find((p) => context.countries.includes(p.country)) ?? list[0]!);
      if ((list.length === 1 || !exactOnly) && allowed(best)) return kbPlaceResult(best);
    }
  }
  // Countries, regions named without a region word (Crimea, Donbas), landmarks.
  const kbExact = k.placeByName.get(key);
  if (kbExact?.size) {
    const p = pickPlace(kbExact, context);
    return allowed(p) ? kbPlaceResult(p) : null;
  }

  // "God bless", "the Republic", "Union": English words the gazetteer also holds as small towns
  if (NOT_PLACES.has(key)) return null;
  const index = loadPlaceIndex();
  // An initialism ("PA", "MoD") is no town's alternate name ("Pa" for Chongqing): its own name only.
  const initialism =
    /^(?=.*\p{Lu}.*\p{Lu})[\p{Lu}\p{Ll}]{2,5}$/u.test(head.trim()) && !/^\p{Lu}\p{Ll}+$/u.test(head.trim());
  if (exactOnly) {
    // not a place by the tagger's reading: only a town whose own name this is, in the article's countries
    const rows = index
      .byNorm(key)
      .filter((i) => rowKeys(i).primary === key && context.countries.includes(index.place(i).country));
    if (rows.length) used |= USED_REGIONS;
    const best = rank(rows, new Set(rows), context, regions)[0];
    return best ? gazetteerResult(best.place) : null;
  }
  // The surname of a person the article names in full ("Sandu" after "Maia Sandu"): that person.
  const named = namedPerson(key, context);
  if (named) return named;
  const loose1 = letters(key) >= MIN_LOOSE_LETTERS && !initialism;
  const exact = new Set(
    index.byNorm(key).filter((i) => (initialism ? rowKeys(i).primary === key : rowKeys(i).norms.has(key))),
  );
  const skel = skeleton(key);
  const loose = loose1 ? index.bySkeleton(skel).filter((i) => rowKeys(i).skels.has(skel)) : [];
  // A name that is no place's own but a known actor's ("Putin", "Kremlin" tagged as places; "White
  // House", which GeoNames holds as an alternate of Casablanca): the actor.
  if (![...exact].some((i) => rowKeys(i).primary === key)) {
    const actor = resolveActor(text, 'other', context, true) ?? bySurnameExact(key, context);
    if (actor) return actor;
  }
  // From here on the answer depends on the regions the context text names.
  used |= USED_REGIONS;
  const ranked = rank([...exact, ...loose], exact, context, regions);
  const admin = adminCodes(regions);
  const inRegion = (p: GazetteerPlace) => admin.has(`${p.country}.${p.admin1}`);
  if (ranked.length && (admin.size === 0 || inRegion(ranked[0]!.place))) return gazetteerResult(ranked[0]!.place);
  if (!ranked.length && loose1) {
    const kbLoose = k.placeBySkel.get(skel);
    if (kbLoose?.size) return kbPlaceResult(pickPlace(kbLoose, context));
  }
  // The regions a fallback may use: those the mention's own sentence names when the caller gives
  // it (an article names many regions; "Europe" or "Brussels" is not in any of them), else the context's.
  let local = regions;
  if (context.sentence !== undefined) {
    used |= USED_SENTENCE;
    local = new Set([...findRegions(` ${normaliseName(context.sentence)} `), ...restRegions]);
  }
  const localAdmin = adminCodes(local);
  const inLocal = (p: GazetteerPlace) => localAdmin.has(`${p.country}.${p.admin1}`);
  // The text names regions and no place of this name lies in them: a place one edit away in
  // those regions, else the region itself (precision 2, as ACLED codes a place it cannot find),
  // rather than a namesake hundreds of kilometres away.
  if (localAdmin.size > 0) {
    const near = oneEditInRegions(key, context, local, inLocal);
    if (near) return gazetteerResult(near);
    // A town of this very name in the article's countries, big enough for the news to name it
    // without its region (Kherson in an article that also names Crimea), is that town.
    const top = ranked[0];
    if (top?.exact && context.countries.includes(top.place.country) && isNotableTown(top.place)) {
      return gazetteerResult(top.place);
    }
    const named = [...local].map((id) => k.places.get(id)!).filter((r) => r.admin1 !== null);
    if (named.length === 1) return kbPlaceResult(named[0]!);
  }
  if (ranked.length) return gazetteerResult(ranked[0]!.place);

  // One edit away (six letters or more): accepted when exactly one of the close names is a place
  // in the context's countries.
  const target = skel;
  if (letters(target) < 6) return null;
  const byKey = oneEditHits(target);
  if (byKey.size === 0) return null;
  // Only names in the article's countries: an English word is one edit from some town somewhere
  // ("Hysteria" ~ Istria in Romania, "Istoria" ~ Astoria in the US).
  const fits = [...byKey.keys()].filter((v) => {
    const e = byKey.get(v)!;
    return (
      [...(e.kb ?? [])].some((id) => context.countries.includes(k.places.get(id)!.country)) ||
      e.rows.some((i) => context.countries.includes(index.place(i).country))
    );
  });
  if (fits.length !== 1) return null;
  const keys = fits;
  const e = byKey.get(keys[0]!)!;
  if (e.kb?.size) return kbPlaceResult(pickPlace(e.kb, context));
  const best = rank(e.rows, new Set(), context, regions)[0];
  return best ? gazetteerResult(best.place) : null;
}

/** Cities that are first-level divisions of their own inside another: Kyiv in Kyiv Oblast, etc. */
const ENCLOSED: Record<string, string> = {
  'UA.13': 'UA.12',
  'UA.11': 'UA.20',
  'RU.47': 'RU.48',
  'RU.42': 'RU.66',
  'BY.05': 'BY.04',
};

function adminCodes(regions: Set<string>): Set<string> {
  const admin = new Set<string>();
  for (const id of regions) {
    const r = getKb().places.get(id)!;
    if (r.admin1 === null) continue;
    const code = `${r.country}.${r.admin1}`;
    admin.add(code);
    if (ENCLOSED[code]) admin.add(ENCLOSED[code]);
  }
  return admin;
}

const oneEditMemo = new Map<string, Map<string, { kb: Set<string> | undefined; rows: number[] }>>();

/**
 * The skeletons one edit away from `target` that name a gazetteer row or a knowledge-base place.
 * A pure function of the name, remembered: articles repeat names, and each name has hundreds of
 * variants to look up.
 */
function oneEditHits(target: string): Map<string, { kb: Set<string> | undefined; rows: number[] }> {
  let hits = oneEditMemo.get(target);
  if (hits) return hits;
  hits = new Map();
  const index = loadPlaceIndex();
  const k = getKb();
  for (const v of editVariants(target)) {
    const rows = index.bySkeleton(v).filter((i) => rowKeys(i).skels.has(v));
    const kbIds = k.placeBySkel.get(v);
    if (rows.length || kbIds) hits.set(v, { kb: kbIds, rows });
  }
  if (oneEditMemo.size >= 100_000) oneEditMemo.clear();
  oneEditMemo.set(target, hits);
  return hits;
}

/** The best-ranked place one edit away from `key` (six letters or more) inside the given regions. */
function oneEditInRegions(
  key: string,
  context: MentionContext,
  regions: Set<string>,
  inRegion: (p: GazetteerPlace) => boolean,
): GazetteerPlace | null {
  const target = skeleton(key);
  if (target.replace(/ /g, '').length < 6) return null;
  const index = loadPlaceIndex();
  const rows: number[] = [];
  for (const hit of oneEditHits(target).values()) for (const i of hit.rows) if (inRegion(index.place(i))) rows.push(i);
  const ranked = rank(rows, new Set(), context, regions);
  return ranked[0]?.place ?? null;
}

function pickPlace(ids: Set<string>, context: MentionContext): KbPlace {
  const list = [...ids].map((id) => getKb().places.get(id)!);
  if (list.length === 1) return list[0]!;
  return list.find((p) => context.countries.includes(p.country)) ?? list.sort((a, b) => b.precision - a.precision)[0]!;
}

// ---------------------------------------------------------------------------------------------
// The surface the entities stage uses

/**
 * Link a mention to one knowledge-base entity, or null. Places come back geocoded (lat/lon,
 * country, admin-1, precision 1 town, 2 region, 3 country); people and organisations with their
 * country. A mention typed as one kind may link to another on an exact name ("Kremlin" as a place).
 */
export function resolveMention(
  mention: { text: string; type: EntityType },
  context: MentionContext,
): ResolvedEntity | null {
  const base = `${mention.type}\u0000${mention.text}`;
  const day = context.date ? context.date.slice(0, 10) : null;
  const countries = context.countries.join('\u0001');
  const entries = remembered.get(base);
  if (entries)
    for (const e of entries) {
      if (e.used & USED_DATE && e.day !== day) continue;
      if (e.used & USED_COUNTRIES && e.countries !== countries) continue;
      if (e.used & USED_TEXT && e.text !== context.text) continue;
      if (e.used & USED_REGIONS && e.regionsKey !== contextOf(context.text).regionsKey) continue;
      if (e.used & USED_SENTENCE && e.sentence !== context.sentence) continue;
      return e.result && { ...e.result };
    }
  const outer = used;
  used = 0;
  let result: ResolvedEntity | null;
  let deps = 0;
  try {
    // the countries are read through a getter, so that every resolution that reads them says so
    const tracked: MentionContext = {
      date: context.date,
      text: context.text,
      sentence: context.sentence,
      get countries() {
        used |= USED_COUNTRIES;
        return context.countries;
      },
    };
    result = resolveUncached(mention, tracked);
  } finally {
    deps = used;
    used = outer | deps;
  }
  const entry: Remembered = {
    used: deps,
    day,
    countries,
    text: deps & USED_TEXT ? context.text : undefined,
    regionsKey: deps & USED_REGIONS ? contextOf(context.text).regionsKey : undefined,
    sentence: deps & USED_SENTENCE ? context.sentence : undefined,
    result,
  };
  if (remembered.size >= 50_000) remembered.clear();
  const list = remembered.get(base);
  if (!list) remembered.set(base, [entry]);
  else {
    if (list.length >= 16) list.shift();
    list.push(entry);
  }
  return result && { ...result };
}

// What a resolution read besides the mention, recorded while it runs so that its result can be
// reused wherever those inputs are the same: the date (role holders), the regions the context
// text names (places), the context text itself (surname checks), the context's countries.
const USED_DATE = 1;
const USED_REGIONS = 2;
const USED_TEXT = 4;
const USED_COUNTRIES = 8;
const USED_SENTENCE = 16;
let used = 0;

interface Remembered {
  used: number;
  day: string | null;
  countries: string;
  text: string | undefined;
  regionsKey: string | undefined;
  sentence: string | undefined;
  result: ResolvedEntity | null;
}

/**
 * Resolutions by type and mention text, each with what else it depended on. Articles
 * name the same places and people again and again; a name costs one resolution per context.
 */
const remembered = new Map<string, Remembered[]>();

function resolveUncached(mention: { text: string; type: EntityType }, context: MentionContext): ResolvedEntity | null {
  if (!mention.text.trim()) return null;
  const capital = CAPITAL_OF.exec(mention.text.trim());
  if (capital) {
    // "the Ukrainian capital" is Kyiv; "the Foo capital" is nothing (not a fuzzy match of the words)
    const city = capitalCityOf(capital[1] ?? '');
    return city && resolvePlace(city.name, { ...context, countries: [city.country] }, 'place');
  }
  if (mention.type === 'place')
    return resolvePlace(mention.text, context, 'place') ?? resolveActor(mention.text, 'other', context, true);
  if (mention.type === 'other')
    return resolveActor(mention.text, 'other', context, true) ?? resolvePlace(mention.text, context, 'exact');
  return (
    resolveActor(mention.text, mention.type, context, false) ??
    resolvePlace(mention.text, context, mention.type === 'person' ? 'person' : 'exact')
  );
}

/** "Russian capital", "the Ukrainian capital": the capital of the country the word names. */
const CAPITAL_OF = /^(?:the\s+)?(\p{L}[\p{L}.' -]*?)\s+capital$/iu;

/** The capital city of the country a name or adjective ("Russian", "Ukraine") names, or null. */
function capitalCityOf(word: string): { name: string; country: string } | null {
  const k = getKb();
  const iso2 = k.scopeWords.get(keyOf(word));
  const row = iso2 === undefined ? undefined : k.capitals.get(iso2);
  if (iso2 === undefined || row === undefined) return null;
  const place = loadPlaceIndex().place(row);
  return place.featureCode === 'PPLC' ? { name: place.name, country: iso2 } : null;
}

/**
 * Every name the knowledge base and the gazetteer know, as written (aliases, transliterations,
 * Cyrillic forms included), with its type: for gazetteer features of a tagger.
 */
export function* knownNames(): Iterable<{ name: string; type: EntityType }> {
  const seen = new Set<string>();
  const emit = function* (name: string, type: EntityType) {
    const key = `${type}\u0000${name}`;
    if (!name || seen.has(key)) return;
    seen.add(key);
    yield { name, type };
  };
  for (const a of actorsFile.actors as ActorEntry[]) {
    yield* emit(a.name, a.type);
    for (const n of a.aliases) yield* emit(n, a.type);
    for (const f of a.family ?? []) yield* emit(f, a.type);
    for (const g of a.given ?? []) for (const f of a.family ?? []) yield* emit(`${g} ${f}`, a.type);
  }
  for (const c of regionsFile.countries as CountryEntry[])
    for (const n of [c.name, ...c.aliases]) yield* emit(n, 'place');
  for (const r of regionsFile.regions as RegionEntry[]) for (const n of [r.name, ...r.aliases]) yield* emit(n, 'place');
  for (const l of landmarksFile.landmarks as LandmarkEntry[])
    for (const n of [l.name, ...l.aliases]) yield* emit(n, 'place');
  for (const p of loadPlaceIndex().places()) {
    yield* emit(p.name, 'place');
    for (const n of p.alternates) yield* emit(n, 'place');
  }
}

/**
 * True for an entity id (`actor:…`) of a news agency, newspaper or broadcaster: they tell the news
 * ("…, the BBC reported", "told CNN"), they are not parties to what they report.
 */
export function isNewsMedia(entity: string | null | undefined): boolean {
  if (!entity?.startsWith('actor:')) return false;
  const description = getKb().actors.get(entity.slice('actor:'.length))?.description ?? '';
  return /\b(?:news|newspaper|broadcaster)\b/i.test(description);
}

let regionNames: Map<string, string> | null = null;

/** The name of a first-level region from its country and GeoNames admin-1 code ("UA", "07" → "Kharkiv Oblast"), or null. */
export function regionName(country: string | null, admin1: string | null): string | null {
  if (!country || !admin1) return null;
  regionNames ??= new Map((regionsFile.regions as RegionEntry[]).map((r) => [`${r.country}.${r.admin1}`, r.name]));
  return regionNames.get(`${country}.${admin1}`) ?? null;
}

let countryNames: Map<string, string> | null = null;

/** A country's name from its ISO 3166-1 alpha-2 code ("UA" → "Ukraine"), or null when unknown. */
export function countryName(code: string | null): string | null {
  if (!code) return null;
  countryNames ??= new Map((regionsFile.countries as CountryEntry[]).map((c) => [c.iso2, c.name]));
  return countryNames.get(code) ?? null;
}
