// The event taxonomy: ACLED's six event types and their sub-event types, plus the diplomatic,
// humanitarian and legal events that war news is full of, each with its PLOVER category.

export const EVENT_TYPES = {
  Battles: ['Armed clash', 'Government regains territory', 'Non-state actor overtakes territory'],
  'Explosions/Remote violence': [
    'Shelling/artillery/missile attack',
    'Air/drone strike',
    'Remote explosive/landmine/IED',
    'Suicide bomb',
    'Grenade',
  ],
  'Violence against civilians': ['Attack', 'Abduction/forced disappearance', 'Sexual violence'],
  Protests: ['Peaceful protest', 'Protest with intervention', 'Excessive force against protesters'],
  Riots: ['Violent demonstration', 'Mob violence'],
  'Strategic developments': [
    'Agreement',
    'Arrests',
    'Change to group/activity',
    'Disrupted weapons use',
    'Headquarters or base established',
    'Looting/property destruction',
    'Non-violent transfer of territory',
    'Other',
  ],
  // Beyond ACLED: what diplomatic and humanitarian news reports.
  Diplomacy: ['Talks/meeting', 'Vote/resolution', 'Sanctions'],
  Humanitarian: ['Humanitarian corridor', 'Evacuation'],
  Legal: ['Investigation'],
} as const;

export type EventType = keyof typeof EVENT_TYPES;
export type SubEventType = (typeof EVENT_TYPES)[EventType][number];

/** ACLED's "political violence" types: the ones compared with the Bellingcat/CIR incidents. */
export const ATTACK_TYPES: readonly EventType[] = [
  'Battles',
  'Explosions/Remote violence',
  'Violence against civilians',
];

/** The PLOVER category of a sub-event type (null where PLOVER has none). */
export const PLOVER: Readonly<Record<string, string | null>> = {
  'Armed clash': 'FIGHT',
  'Government regains territory': 'FIGHT',
  'Non-state actor overtakes territory': 'FIGHT',
  'Shelling/artillery/missile attack': 'FIGHT',
  'Air/drone strike': 'FIGHT',
  'Remote explosive/landmine/IED': 'FIGHT',
  'Suicide bomb': 'ASSAULT',
  Grenade: 'FIGHT',
  Attack: 'ASSAULT',
  'Abduction/forced disappearance': 'ASSAULT',
  'Sexual violence': 'ASSAULT',
  'Peaceful protest': 'PROTEST',
  'Protest with intervention': 'PROTEST',
  'Excessive force against protesters': 'COERCE',
  'Violent demonstration': 'PROTEST',
  'Mob violence': 'ASSAULT',
  Agreement: 'AGREE',
  Arrests: 'COERCE',
  'Change to group/activity': 'MOBILIZE',
  'Disrupted weapons use': 'FIGHT',
  'Headquarters or base established': 'MOBILIZE',
  'Looting/property destruction': 'COERCE',
  'Non-violent transfer of territory': 'CONCEDE',
  Other: null,
  'Talks/meeting': 'CONSULT',
  'Vote/resolution': null,
  Sanctions: 'SANCTION',
  'Humanitarian corridor': 'AID',
  Evacuation: 'AID',
  Investigation: 'ACCUSE',
};

/** ACLED-like actor names the stage normalises to (see README.md). */
export const ACTORS = {
  russianForces: 'Military Forces of Russia (2000-)',
  ukrainianForces: 'Military Forces of Ukraine (2019-)',
  belarusForces: 'Military Forces of Belarus (1994-)',
  wagner: 'Wagner Group',
  separatists: 'DPR/LPR separatists',
  civiliansUkraine: 'Civilians (Ukraine)',
  civiliansRussia: 'Civilians (Russia)',
  policeRussia: 'Police Forces of Russia (2000-)',
  policeUkraine: 'Police Forces of Ukraine (2019-)',
  policeBelarus: 'Police Forces of Belarus (1994-)',
  protestersRussia: 'Protesters (Russia)',
  protestersUkraine: 'Protesters (Ukraine)',
} as const;

/** Government periods ACLED-style, for the countries the war news names most. */
const GOVERNMENT_SINCE: Readonly<Record<string, string>> = {
  RU: '2000-',
  UA: '2019-',
  US: '2021-',
  BY: '1994-',
  GB: '2022-',
};

const COUNTRY_NAMES = new Intl.DisplayNames(['en'], { type: 'region' });

/** An ISO2 code's English name ("US" → "the United States" in actor names). */
export function countryName(iso2: string): string {
  const code = iso2.toUpperCase();
  if (code === 'US') return 'the United States';
  if (code === 'GB') return 'the United Kingdom';
  try {
    return COUNTRY_NAMES.of(code) ?? code;
  } catch {
    return code;
  }
}

/** "Government of Ukraine (2019-)" for UA; "Government of Ireland" where no period is recorded. */
export function governmentOf(iso2: string): string {
  const since = GOVERNMENT_SINCE[iso2.toUpperCase()];
  return `Government of ${countryName(iso2)}${since ? ` (${since})` : ''}`;
}

/** "Military Forces of Russia (2000-)" for RU; "Military Forces of Poland" otherwise. */
export function forcesOf(iso2: string): string {
  const code = iso2.toUpperCase();
  if (code === 'RU') return ACTORS.russianForces;
  if (code === 'UA') return ACTORS.ukrainianForces;
  if (code === 'BY') return ACTORS.belarusForces;
  return `Military Forces of ${countryName(code)}`;
}

/** The side an actor name stands for (RU, UA, …; 'civilians'; or the name itself), for comparisons. */
export function actorSide(actor: string | null): string | null {
  if (!actor) return null;
  if (/^Civilians/.test(actor)) return 'civilians';
  if (/Wagner|DPR|LPR|separatist/i.test(actor)) return 'RU-proxy';
  const m = /(?:of|\() ?(?:the )?(Russia|Ukraine|Belarus|United States|United Kingdom)\b/.exec(actor);
  if (m) return { Russia: 'RU', Ukraine: 'UA', Belarus: 'BY', 'United States': 'US', 'United Kingdom': 'GB' }[m[1]!]!;
  return actor;
}
