// What a figure counts, read from grammar rather than from keyword lists (sixth revision): the
// figure quantifies a noun phrase (figure + modifiers + head noun: "300,000 reservists", "dozens of
// wrecked armoured personnel carriers", "$500m loan"), the head noun is lemmatised ("carriers" →
// carrier, "casualties" → casualty, "men" → man) and looked up in word classes (people, soldiers,
// units, prisoners, displaced people, equipment, munitions, buildings, places, money, aid); the verb
// that governs the phrase (after it: "were freed", "have fled"; before it: "mobilised 300,000",
// "exchanged 215"; or a nominalisation: "the release of 50", "a package of $2bn") is looked up in verb
// classes (harm, capture, release, flight, evacuation, deportation, destruction, damage, firing,
// deployment, giving, sanctioning). The pair chooses the metric from the taxonomy of the README;
// some classes carry their metric without a verb (prisoners are `captured`, refugees `refugees`,
// units of troops `troops`). The stage asks this reader only when the older cue rules in metrics.ts
// find no metric, and the stage's filters (not asserted, not this war, restated) apply to it alike.

import {
  type Counted,
  type Metric,
  type MetricReading,
  nearestSide,
  personSide,
  RUSSIAN,
  type Side,
  sideOfPeople,
  UKRAINIAN,
  withoutLocations,
} from './metrics.js';

/** The word classes of head nouns. */
export type NounClass =
  | 'person'
  | 'military'
  | 'unit'
  | 'prisoner'
  | 'refugee'
  | 'displaced'
  | 'evacuee'
  | 'deportee'
  | 'victim'
  | 'dead'
  | 'equipment'
  | 'munition'
  | 'building'
  | 'place'
  | 'money'
  | 'aid';

/** The word classes of governing verbs (and their nominalisations). */
export type VerbClass =
  | 'kill'
  | 'wound'
  | 'casualty'
  | 'missing'
  | 'capture'
  | 'release'
  | 'displace'
  | 'flee'
  | 'host'
  | 'evacuate'
  | 'deport'
  | 'destroy'
  | 'lose'
  | 'damage'
  | 'fire'
  | 'deploy'
  | 'mobilise'
  | 'give'
  | 'train'
  | 'sanction';

const IRREGULAR: Record<string, string> = {
  men: 'man',
  women: 'woman',
  children: 'child',
  people: 'people',
  servicemen: 'serviceman',
  servicewomen: 'servicewoman',
  policemen: 'policeman',
  militiamen: 'militiaman',
  guardsmen: 'guardsman',
  clergymen: 'clergyman',
  firemen: 'fireman',
  infantrymen: 'infantryman',
  lives: 'life',
  aircraft: 'aircraft',
  personnel: 'personnel',
  staff: 'staff',
  police: 'police',
  artillery: 'artillery',
  ammunition: 'ammunition',
  infrastructure: 'infrastructure',
  equipment: 'equipment',
  himars: 'himars',
  news: 'news',
  series: 'series',
  species: 'species',
  data: 'data',
};

/**
 * A noun's lemma: possessive and plural endings stripped, irregular plurals mapped ("casualties" →
 * casualty, "buses" → bus, "men" → man, "lives" → life). Not a full morphology: enough for head nouns.
 */
export function lemma(word: string): string {
  const w = word.toLowerCase().replace(/['’]s?$/, '');
  if (Object.hasOwn(IRREGULAR, w)) return IRREGULAR[w] as string;
  if (w.length <= 3) return w;
  if (/[^aeiou]ies$/.test(w)) return `${w.slice(0, -3)}y`;
  if (/(?:ches|shes|sses|xes|zes)$/.test(w)) return w.slice(0, -2);
  if (/(?:ss|us|is|ics)$/.test(w)) return w;
  if (/s$/.test(w)) return w.slice(0, -1);
  return w;
}

const CLASSES: Record<NounClass, string[]> = {
  person: [
    'people',
    'person',
    'civilian',
    'resident',
    'inhabitant',
    'child',
    'kid',
    'baby',
    'woman',
    'man',
    'girl',
    'boy',
    'family',
    'patient',
    'journalist',
    'reporter',
    'citizen',
    'ukrainian',
    'russian',
    'individual',
    'worker',
    'volunteer',
    'doctor',
    'teacher',
    'pensioner',
    'foreigner',
    'medic',
    'monk',
    'priest',
    'nun',
    'student',
    'pupil',
    'orphan',
    'infant',
    'newborn',
    'teenager',
    'adult',
    'passenger',
    'farmer',
    'nurse',
    'firefighter',
    'fireman',
    'policeman',
    'police',
    'rescuer',
    'villager',
    'miner',
    'employee',
    'national',
    'minor',
    'youngster',
    'elderly',
    'mother',
    'survivor',
    'clergyman',
    'staff',
    'official',
    'mayor',
    'activist',
    'official',
  ],
  military: [
    'troop',
    'soldier',
    'serviceman',
    'servicewoman',
    'servicemember',
    'defender',
    'guardsman',
    'militiaman',
    'separatist',
    'personnel',
    'fighter',
    'militant',
    'paratrooper',
    'marine',
    'mercenary',
    'conscript',
    'reservist',
    'recruit',
    'draftee',
    'sailor',
    'pilot',
    'officer',
    'combatant',
    'invader',
    'occupier',
    'force',
    'commando',
    'sniper',
    'gunner',
    'crew',
    'infantryman',
    'sapper',
    'guard',
    'wagnerite',
    'trooper',
    'instructor',
    'contingent',
    'contractor',
    'mobilised',
    'mobilized',
  ],
  unit: ['battalion', 'brigade', 'regiment', 'division', 'btg', 'platoon', 'army'],
  prisoner: ['prisoner', 'pow', 'hostage', 'captive', 'detainee'],
  refugee: ['refugee', 'asylum-seeker', 'migrant'],
  displaced: ['idp'],
  evacuee: ['evacuee'],
  deportee: ['deportee'],
  victim: ['victim'],
  dead: ['grave', 'corpse', 'body'],
  equipment: [
    'tank',
    'vehicle',
    'apc',
    'ifv',
    'aircraft',
    'plane',
    'jet',
    'helicopter',
    'warplane',
    'launcher',
    'mlrs',
    'system',
    'warship',
    'ship',
    'boat',
    'vessel',
    'destroyer',
    'frigate',
    'submarine',
    'gun',
    'howitzer',
    'artillery',
    'mortar',
    'cannon',
    'piece',
    'javelin',
    'stinger',
    'nlaw',
    'manpad',
    'weapon',
    'arm',
    'leopard',
    'abrams',
    'bradley',
    'bomber',
    'radar',
    'carrier',
    'helmet',
    'vest',
    'rifle',
    'grenade',
    'ammunition',
    'round',
    'munition',
    'interceptor',
    'satellite',
    'himars',
    'equipment',
    'hardware',
  ],
  munition: ['missile', 'rocket', 'drone', 'uav', 'shell', 'bomb', 'projectile', 'shahed'],
  building: [
    'building',
    'home',
    'house',
    'apartment',
    'block',
    'school',
    'hospital',
    'clinic',
    'facility',
    'silo',
    'bridge',
    'station',
    'substation',
    'church',
    'kindergarten',
    'shop',
    'warehouse',
    'infrastructure',
    'object',
    'structure',
    'site',
    'plant',
    'depot',
    'terminal',
    'dwelling',
    'institution',
    'enterprise',
    'museum',
    'monument',
    'theatre',
    'theater',
    'university',
    'factory',
    'dam',
    'airport',
    'airfield',
    'port',
    'residence',
    'shelter',
    'target',
  ],
  place: ['city', 'village', 'town', 'settlement', 'locality', 'hamlet', 'community'],
  money: ['dollar', 'euro', 'pound', 'hryvnia', 'hryvnya', 'ruble', 'rouble', 'franc', 'yen', 'krone', 'zloty'],
  aid: ['aid', 'assistance', 'loan', 'grant', 'fund', 'funding', 'tranche', 'donation', 'credit'],
};
const CLASS_OF = new Map<string, NounClass>();
for (const [cls, words] of Object.entries(CLASSES) as [NounClass, string[]][])
  for (const w of words) CLASS_OF.set(w, cls);

/** The class of a head noun, by its lemma ("reservists" → military, "carriers" → equipment). */
export function nounClass(word: string): NounClass | null {
  const w = word.toLowerCase();
  if (w === 'forces') return 'military';
  if (w === 'force' || w === 'arm' || w === 'round' || w === 'piece') return null; // "air force", "an arm"
  return CLASS_OF.get(lemma(w)) ?? null;
}

/** Verb classes by word form (inflected forms listed: "fled", "freed", "shot"). */
const VERBS: [VerbClass, RegExp][] = [
  [
    'kill',
    /^(?:kill(?:ed|ing|s)?|die[ds]?|dying|dead|perish(?:ed|ing)?|slain|buried|murder(?:ed|ing|s)?|massacred|executed|executing|executions?|deaths?|killings?|murders?)$/,
  ],
  ['wound', /^(?:wound(?:ed|ing|s)?|injur(?:ed|ing|es|y)|hurt|maimed|hospitali[sz]ed)$/],
  ['casualty', /^(?:casualt(?:y|ies))$/],
  ['missing', /^(?:missing|disappeared|vanished)$/],
  [
    'capture',
    /^(?:captur(?:ed|ing|es?)|detain(?:ed|ing|s)?|detention|imprison(?:ed|ing)?|surrender(?:ed|ing)?|kidnapp(?:ed|ing)|held|captivity|interned)$/,
  ],
  [
    'release',
    /^(?:releas(?:ed|ing|es?)|freed|free(?:ing)?|exchang(?:ed|ing|es?)|swapp(?:ed|ing)|swaps?|returned|repatriat(?:ed|ing|ion))$/,
  ],
  ['displace', /^(?:displac(?:ed|ing|ement)|uprooted|homeless)$/],
  ['flee', /^(?:fle[de]|fleeing|escap(?:ed|ing)|crossed|exodus|emigrat(?:ed|ing))$/],
  // a country that hosts, shelters or registers people from Ukraine: "Poland has registered 1.4 million Ukrainians"
  ['host', /^(?:host(?:s|ed|ing)|welcom(?:ed|ing)|shelter(?:ed|ing|s)|accept(?:ed|ing)|registered)$/],
  ['evacuate', /^(?:evacuat(?:ed|ing|ion|es?)|rescued|rescuing|rescue)$/],
  ['deport', /^(?:deport(?:ed|ing|ation|s)?|abduct(?:ed|ing|ion)?)$/],
  [
    'destroy',
    /^(?:destroy(?:ed|ing|s)?|destruction|cost|costs|costing|razed|sunk|sank|sinking|demolished|flattened|obliterated|ruined|burn(?:ed|t)|levell?ed|downed|intercept(?:ed|ing)|neutrali[sz]ed|disabled)$/,
  ],
  ['lose', /^(?:lost|lose|loses|losing)$/],
  ['damage', /^(?:damag(?:ed|ing|es?))$/],
  [
    'fire',
    /^(?:fir(?:e|es|ed|ing)|launch(?:ed|ing|es)?|struck|strik(?:es|ing)|hit|hitting|shell(?:ed|ing)|bomb(?:ed|ing)|target(?:ed|ing)|pound(?:ed|ing)|rained|slammed)$/,
  ],
  [
    'deploy',
    /^(?:deploy(?:ed|ing|ment|s)?|mass(?:ed|ing)|amass(?:ed|ing)?|station(?:ed|ing)|gather(?:ed|ing)|concentrat(?:ed|ing)|position(?:ed|ing)|assembl(?:ed|ing)|dispatch(?:ed|ing)|rotat(?:ed|ing)|moved?|moving|put)$/,
  ],
  [
    'give',
    /^(?:giv(?:e|es|en|ing)|gave|deliver(?:ed|ing|y|ies|s)?|suppl(?:y|ied|ies|ying)|provid(?:e|ed|es|ing)|pledg(?:e|ed|es|ing)|donat(?:e|ed|es|ing|ion)|transfer(?:red|ring|s)?|allocat(?:e|ed|es|ing|ion)|approv(?:e|ed|es|ing)|commit(?:ted|ting|s)?|grant(?:ed|ing)?|ship(?:ped|ping)|handed|earmark(?:ed|ing)?|disburs(?:e|ed|ing)|contribut(?:e|ed|ing|ion)|raised|collected)$/,
  ],
  ['train', /^(?:train(?:ed|ing|s)?)$/],
  [
    'mobilise',
    /^(?:mobili[sz](?:ed|ing|ation|es?)|call(?:ed|ing)?-up|draft(?:ed|ing)?|conscript(?:ed|ing)|recruit(?:ed|ing|ment)|enlist(?:ed|ing))$/,
  ],
  [
    'sanction',
    /^(?:sanction(?:ed|ing|s)?|froze|frozen|freez(?:e|ing)|blacklist(?:ed|ing)?|confiscat(?:ed|ing|ion)|impound(?:ed|ing)?|immobili[sz]ed|seiz(?:ed|ing|ure))$/,
  ],
];

/** The class of a verb (or its nominalisation) by word form, or null. */
export function verbClass(word: string): VerbClass | null {
  const w = word.toLowerCase();
  const known = VERB_MEMO.get(w);
  if (known !== undefined) return known;
  let found: VerbClass | null = null;
  for (const [cls, re] of VERBS)
    if (re.test(w)) {
      found = cls;
      break;
    }
  // word forms repeat from figure to figure: remember them (bounded)
  if (VERB_MEMO.size > 20000) VERB_MEMO.clear();
  VERB_MEMO.set(w, found);
  return found;
}
const VERB_MEMO = new Map<string, VerbClass | null>();

/** Two-word verbs: "shot down", "taken prisoner", "went missing", "left the country", "sought refuge". */
const PHRASAL: [VerbClass, RegExp][] = [
  ['destroy', /^(?:shot|shoot|shooting|knocked|wiped|taken|took) (?:down|out)\b/],
  ['kill', /^(?:shot dead|lost (?:their|his|her) lives?|gave (?:their|his|her) lives?)\b/],
  ['capture', /^(?:taken|took|taking) (?:prisoner|captive|hostage)\b|^(?:in captivity|held captive)\b/],
  ['missing', /^(?:went|gone|go|are|were|remain|remained) missing\b/],
  [
    'flee',
    /^(?:gone|went|go|going|moved|fled) abroad\b|^(?:left|leave|leaving) (?:the country|ukraine|russia|their country|for (?:poland|europe|abroad))\b|^(?:sought|seeking|taken|took|found) (?:refuge|asylum|shelter) (?:in|abroad)\b|^(?:arrived|arriving) in (?:poland|romania|moldova|hungary|slovakia|germany|europe|the eu)\b/,
  ],
  ['give', /^(?:handed over|hand over|sent to ukraine|to ukraine)\b/],
  ['mobilise', /^(?:called up|call up|calling up|drafted into)\b/],
  ['host', /^(?:taken|took|takes|taking) in\b/],
  ['deploy', /^(?:put on (?:standby|alert))\b/],
];

/** The first words of the two-word verbs above (a cheap test before trying them). */
const PHRASAL_START =
  /^(?:shot|shoot|shooting|knocked|wiped|taken|took|takes|taking|lost|gave|in|held|went|gone|go|going|are|were|remain|remained|left|leave|leaving|sought|seeking|found|arrived|arriving|handed|hand|sent|to|called|call|calling|drafted|put|moved|fled)$/;

interface Tok {
  w: string;
  at: number;
  end: number;
  punct: boolean;
}
function tokenize(s: string): Tok[] {
  return [...s.matchAll(/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*(?:['’]s?)?|[^\s\p{L}\p{N}]/gu)].map((m) => ({
    w: m[0],
    at: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
    punct: !/[\p{L}\p{N}]/u.test(m[0]),
  }));
}

/** Words that end a noun phrase before its head: verbs, auxiliaries, prepositions, conjunctions. */
const BREAK =
  /^(?:were|was|is|are|be|been|being|have|has|had|will|would|could|can|may|might|must|should|shall|do|does|did|of|in|on|at|as|by|for|from|to|into|with|without|who|whom|which|that|when|where|while|since|after|before|during|but|than|or|and|nor|per|a|an|this|these|those|each|every|according|including|along|near|around|across|outside|inside|behind|over|under|about|against|between|among|through|if|because|so|said|says|say|told|it|they|them|we|us|he|she|i|you|its|what|why|how|times|time|years?|days?|weeks?|months?|hours?|minutes?|percent|per cent|km|kilometres?|kilometers?|miles?|metres?|meters?|tonnes?|tons?)$/i;
/** Words between a governing verb and the figure: qualifiers, articles, a recipient. */
const BRIDGE =
  /^(?:more|than|over|at|least|about|around|nearly|almost|some|another|an|a|additional|further|extra|the|up|to|as|many|roughly|approximately|estimated|total|of|with|ukraine|kyiv|russia|moscow|enemy|them|it|him|her|us|roughly|just|only|well|already|also|recently|reportedly|allegedly|now|so|far|their|its|our|his|her)$/i;
/** Auxiliaries and adverbs between a noun phrase and its verb ("have reportedly been freed"). */
const AUX =
  /^(?:were|was|are|is|have|has|had|been|being|be|who|that|which|reportedly|already|also|now|all|still|allegedly|since|recently|just|so|far|got|get|getting|had|then|later|subsequently|either|both|either|since|reportedly|partially|partly|completely|fully|totally|been)$/i;

export interface Phrase {
  /** The counted noun phrase as written ("armoured personnel carriers"). */
  what: string;
  head: string;
  cls: NounClass;
  /** The phrase's end, in characters after the figure. */
  end: number;
}

/**
 * The noun phrase a figure quantifies: up to four modifiers, then a head noun of a known class;
 * "of (the)" after a vague figure ("thousands of Ukrainian civilians"); a compound takes its last
 * classed noun ("fighter jets", "tank crews"). Null when a verb, preposition or punctuation comes first.
 */
export function countedPhrase(after: string): Phrase | null {
  const toks = tokenize(after.slice(0, 120));
  let modifiers = 0;
  for (let i = 0; i < toks.length && i < 8; i++) {
    const t = toks[i] as Tok;
    if (t.punct) {
      if (t.w === '-' || t.w === '‑') continue;
      return null;
    }
    const lower = t.w.toLowerCase();
    if ((i === 0 && lower === 'of') || (i === 1 && toks[0]?.w === 'of' && /^(?:the|those|its|their|our)$/.test(lower)))
      continue;
    let cls = nounClass(t.w);
    // "units of enemy equipment", "units of hardware" are equipment; "nuclear units", "mobile units" nothing
    if (lemma(t.w) === 'unit') {
      const of = /^\s+of\s+(?:[\p{L}-]+\s+){0,4}?(equipment|hardware|machinery|weapons|vehicles)\b/iu.exec(
        after.slice(t.end),
      );
      if (!of) return null;
      return {
        what: after.slice(t.at, t.end + of[0].length).trim(),
        head: 'units',
        cls: 'equipment',
        end: t.end + of[0].length,
      };
    }
    // a singular classed word before another noun is a modifier: "Ukrainian border guards"
    const next = toks[i + 1];
    if (
      cls &&
      lemma(lower) === lower &&
      !Object.hasOwn(IRREGULAR, lower) &&
      next &&
      !next.punct &&
      /^\p{Ll}/u.test(next.w) &&
      !BREAK.test(next.w) &&
      !verbClass(next.w) &&
      !/(?:ed|ing)$/i.test(next.w)
    )
      cls = null;
    if (cls && !/['’]s?$/.test(t.w)) {
      // a compound's head is its last classed noun: "fighter jets", "artillery systems", "tank crews"
      let j = i;
      for (;;) {
        const a = toks[j + 1];
        const b = toks[j + 2];
        if (a && !a.punct && nounClass(a.w)) j++;
        // "rocket launching systems", "mine clearing vehicles"
        else if (a && b && !a.punct && !b.punct && /(?:ing|ed)$/i.test(a.w) && nounClass(b.w)) j += 2;
        else break;
      }
      const last = toks[j] as Tok;
      // a classed noun modifying another noun is no head: "two prisoner swaps", "five refugee centres"
      const following = toks[j + 1];
      if (following && !following.punct && /^\p{Ll}[\p{Ll}-]*[^s]s$/u.test(following.w) && !BREAK.test(following.w))
        return null;
      const start =
        (toks[0] as Tok).w.toLowerCase() === 'of'
          ? (toks[/^(?:the|those|its|their|our)$/i.test(toks[1]?.w ?? '') ? 2 : 1] as Tok).at
          : (toks[0] as Tok).at;
      return {
        what: after.slice(start, last.end),
        head: last.w.toLowerCase(),
        cls: nounClass(last.w) as NounClass,
        end: last.end,
      };
    }
    if (BREAK.test(lower) || /^\d/.test(lower)) return null;
    if (++modifiers > 4) return null;
  }
  return null;
}

/** The verb after a noun phrase ("were freed", "have fled to Poland", "who died"), skipping auxiliaries. */
export function verbAfter(rest: string): VerbClass | null {
  const toks = tokenize(rest.slice(0, 100));
  for (let i = 0; i < toks.length && i < 7; i++) {
    const t = toks[i] as Tok;
    if (t.punct) return null;
    const lower = t.w.toLowerCase();
    if (PHRASAL_START.test(lower)) {
      const tail = rest
        .slice(t.at, t.at + 60)
        .toLowerCase()
        .replace(/\s+/g, ' ');
      for (const [cls, re] of PHRASAL) if (re.test(tail)) return cls;
    }
    if (AUX.test(lower) || /^\w+ly$/.test(lower)) continue;
    const cls = verbClass(lower);
    // "families who have lost their homes" lost something; "were lost" is the loss of the phrase itself
    if (cls === 'lose' && !toks.slice(0, i).some((a) => /^(?:been|were|was|are|is|being)$/i.test(a.w))) return null;
    return cls;
  }
  return null;
}

/** The verb or nominalisation governing the figure from before it ("mobilised 300,000", "the release of 50"). */
export function verbBefore(before: string): VerbClass | null {
  const toks = tokenize(before.slice(-80)).reverse();
  for (let i = 0; i < toks.length && i < 6; i++) {
    const t = toks[i] as Tok;
    if (t.punct) return null;
    const lower = t.w.toLowerCase();
    const cls = verbClass(lower);
    // "killed 20" but not "killed in 2014, 20 …": a verb counts when only bridge words follow it
    if (cls) return cls;
    const two = `${(toks[i + 1] as Tok | undefined)?.w.toLowerCase() ?? ''} ${lower}`;
    if (PHRASAL_START.test(two.split(' ')[0] as string)) for (const [c, re] of PHRASAL) if (re.test(two)) return c;
    if (!BRIDGE.test(lower)) return null;
  }
  return null;
}

/** A participle inside a noun phrase is its verb: "burned and abandoned enemy equipment", "killed Russian servicemen". */
function participle(what: string): VerbClass | null {
  for (const w of what.split(/\s+/).slice(0, -1)) {
    const v = verbClass(w);
    if (v && /(?:ed|en|nt|^lost)$/i.test(w)) return v;
  }
  return null;
}

function isKill(v: VerbClass | null): boolean {
  return v === 'kill';
}

/** The metric of a class of people (civilians, soldiers, prisoners…) governed by a verb class. */
function peopleMetric(cls: NounClass, verb: VerbClass | null, sentence: string): Metric | null {
  switch (verb) {
    case 'kill':
      return 'killed';
    case 'wound':
      return 'wounded';
    case 'casualty':
      return 'casualties';
    case 'missing':
      return 'missing';
    case 'capture':
      return 'captured';
    case 'release':
      // freed, exchanged or returned people count prisoners only in a sentence about captivity
      return /\b(?:prisoners?|POWs?|captiv\w*|hostages?|swap|exchange|detain\w*|detention)\b/i.test(sentence)
        ? 'captured'
        : null;
    case 'displace':
      return 'displaced';
    case 'flee':
      return 'refugees';
    case 'host':
      // people from Ukraine hosted abroad; not soldiers or prisoners
      return cls === 'person' && /\bukrain\w*/i.test(sentence) ? 'refugees' : null;
    case 'evacuate':
      return 'evacuated';
    case 'deport':
      return 'deported';
    case 'deploy':
      return cls === 'military' || cls === 'unit' ? 'troops' : null;
    case 'mobilise':
      // "200,000 men had been called up", "mobilised 300,000 reservists"
      return 'troops';
    case 'train':
      // "training 10,000 soldiers" is aid given to Ukraine
      return cls === 'military' ? 'aid' : null;
    case 'destroy':
      // "destroyed 120 occupiers" in the military usage: killed
      return cls === 'military' || cls === 'unit' ? 'killed' : null;
    case 'lose':
      // people lost are dead ("40,000 of its lost troops", "lost 1,000 soldiers")
      return cls === 'unit' ? null : 'killed';
    default:
      return null;
  }
}

/**
 * The metric of a figure from its noun phrase and governing verb, or null. `before` and `after` are
 * the clause around the figure (cut at the neighbouring figures), `left` the sentence before it,
 * `warTopic` whether the war is the topic where the figure stands (aboutThisWar, or a place of Ukraine
 * or Russia named in the sentence).
 */
export function grammarMetric(
  before: string,
  after: string,
  money: boolean,
  sentence: string,
  left: string,
  value: number,
  warTopic = true,
  previous: MetricReading | null = null,
): (MetricReading & { what: string }) | null {
  // only figures of this war (see aboutThisWar)
  if (!warTopic) return null;
  const phrase = countedPhrase(after);
  // most figures have no classed noun after them and none of the frames below: stop early (CPU)
  if (
    !phrase &&
    !money &&
    !(previous && /^\s+of\s+(?:them|those|these|whom)\b/i.test(after)) &&
    !/^-strong\b/i.test(after) &&
    !/\b(?:force|army|contingent|grouping|troop presence|deployment|number|total|count|tally)\s+of\b/i.test(before) &&
    (value < 100 || verbBefore(before) !== 'mobilise')
  )
    return null;
  const rest = phrase ? after.slice(phrase.end) : after;
  // "two managers, Paul Riva and Alan Steinberg, were wounded": an apposition between the phrase and its verb
  const apposed = /^\s*,\s*[^,;:.()\d]{2,60},\s+(?=(?:were|was|have|has|had|are|is)\s)/i.exec(rest);
  let verb = verbAfter(rest) ?? (apposed ? verbAfter(rest.slice(apposed[0].length)) : null) ?? verbBefore(before);
  // "31,000 of them are children": a part of the count just given is counted as it was, unless
  // its own verb says otherwise ("11.5 million have fled their homes, and 5 million of them have gone abroad")
  const part = /^\s+of\s+(?:them|those|these|whom)\b/i.exec(after);
  if (previous && part) {
    const own = verbAfter(after.slice(part[0].length));
    if (own === 'flee') return { metric: 'refugees', side: 'civilians', what: '' };
    if (!own || !peopleMetric('person', own, sentence)) return { ...previous, what: '' };
  }
  if (!verb && phrase) verb = participle(phrase.what);
  // "The occupiers struck at Mykolaiv, seven missiles.": munitions after the clause's firing verb
  if (!verb && phrase?.cls === 'munition') {
    const clause = /[^;:.]{0,80}$/.exec(left)?.[0] ?? '';
    if (clause.split(/[\s,]+/).some((w) => verbClass(w) === 'fire')) verb = 'fire';
  }
  let cls: NounClass | null = phrase?.cls ?? null;
  const what = phrase?.what ?? '';
  let near = `${left.slice(-60)} ${what}`;
  // "a 190,000-strong force": a strength is a count of troops
  if (/^-strong\b/i.test(after) && value >= 100 && !money)
    return { metric: 'troops', side: personSide('troops', 'military', near, sentence, left), what: '' };
  // "amassed a force of 130,000", "a contingent of 3,000": the noun before the figure
  if (!cls) {
    const force =
      /\b(?:force|army|contingent|grouping|troop presence|deployment)\s+of\s+(?:(?:up to|about|around|some|roughly|more than|over|nearly|almost|at least|an estimated)\s+)?$/i.exec(
        before,
      );
    if (force && value >= 100)
      return { metric: 'troops', side: personSide('troops', 'military', left.slice(-80), sentence, left), what: '' };
  }
  // "announced the mobilisation of 300,000", "called up 150,000": a bare figure mobilised is troops
  if (!cls && !money && value >= 100 && verbBefore(before) === 'mobilise')
    return { metric: 'troops', side: personSide('troops', 'military', left.slice(-80), sentence, left), what: '' };
  // "the number of people who fled rose to 3 million": the noun and verb inside the total
  if (!cls || (!verb && cls === 'person')) {
    const total =
      /\b(?:number|total|count|tally)\s+of\s+([^.;]{1,90}?)\s+(?:(?:has|have|had)\s+)?(?:already\s+)?(?:reached|reaches|rose|risen|climbed|increased|grown|jumped|exceeded|exceeds|surpassed|stands at|stood at|is|was|totals|totalled|amounts to|amounted to)\s+(?:to\s+|at\s+)?(?:\w+\s+){0,2}$/i.exec(
        before,
      );
    if (total) {
      const inner = countedPhrase(` ${total[1]}`);
      if (inner) {
        cls = inner.cls;
        near = inner.what;
        verb = verbAfter(` ${total[1]}`.slice(inner.end)) ?? participle(inner.what) ?? verb;
      }
    }
  }
  // history and other wars: "when the Nazis burned more than 100 houses"
  if (/\b(?:Nazis?|World War|Holodomor|Holocaust|Stalin\w*|Soviet Union)\b/.test(sentence)) return null;
  // a count of loans, tranches or grants is no amount ("two loans"): aid nouns count with money only
  if (cls === 'aid' && !money) return null;
  if (money || cls === 'money' || cls === 'aid') {
    // money given, or frozen: the verb decides; a loan or package named after the figure is aid
    if (verb === 'sanction') return { metric: 'sanctions', side: 'russia', what };
    if (!/\b(?:ukrain\w*|kyiv|kiev)\b/i.test(sentence)) return null;
    if (
      /\b(?:price|cost|revenue|export|import|trade|budget deficit|GDP|oil|gas|earn\w*|income|invest\w*|salar\w*|debt|bonds?)\b/i.test(
        sentence,
      )
    )
      return null;
    // money given counts as aid only in a sentence about aid ("offer five million roubles to the first
    // soldier to destroy one" is a bounty)
    if (cls === 'aid' || (verb === 'give' && AID_WORD.test(sentence))) return { metric: 'aid', side: 'ukraine', what };
    return null;
  }
  if (!cls) return null;
  switch (cls) {
    case 'person':
    case 'military':
    case 'unit': {
      const metric = peopleMetric(cls, verb, sentence);
      if (metric) {
        const kind: Counted['kind'] = cls === 'person' ? 'civilian' : 'military';
        if (metric === 'aid') return { metric, side: 'ukraine', what };
        return { metric, side: personSide(metric, kind, near, sentence, left), what };
      }
      // a count of units deployed ("more than 10 battalion tactical groups", "six battalions") is troops,
      // and so is a large plain count of soldiers ("340 border guards"), as the cue rules read "N troops"
      if (
        !verb &&
        ((cls === 'unit' && value >= 2) || (cls === 'military' && value >= 100)) &&
        /\b(?:russia\w*|ukrain\w*|nato|troops|our|enemy)\b/i.test(sentence)
      )
        return { metric: 'troops', side: personSide('troops', 'military', near, sentence, left), what };
      return null;
    }
    case 'prisoner':
      if (isKill(verb)) return { metric: 'killed', side: sideOfPeople(left, sentence), what };
      return { metric: 'captured', side: prisonerSide(near, sentence), what };
    case 'refugee':
      // migrants of another country ("1.8 million Venezuelan migrants") are not this war's
      if (/\b(?!Ukrain)\p{Lu}\p{Ll}+(?:an|ian|i|ese)\b/u.test(what)) return null;
      return { metric: 'refugees', side: 'civilians', what };
    case 'displaced':
      return { metric: 'displaced', side: 'civilians', what };
    case 'evacuee':
      return { metric: 'evacuated', side: 'civilians', what };
    case 'deportee':
      return { metric: 'deported', side: 'civilians', what };
    case 'victim':
      // victims count only with a verb that says what befell them ("hundreds of victims" interviewed,
      // "before we have millions of victims" are not counts of the dead)
      if (isKill(verb)) return { metric: 'killed', side: 'civilians', what };
      return verb === 'wound' ? { metric: 'wounded', side: 'civilians', what } : null;
    case 'dead':
      // graves and bodies found are the killed
      return /\b(?:found|discovered|exhumed|recovered|uncovered|identified|buried|mass)\b/i.test(sentence)
        ? { metric: 'killed', side: 'civilians', what }
        : null;
    case 'equipment':
    case 'munition': {
      // "enemy vehicles" in the parties' own statements are the other side's: Ukraine's texts mean Russia's
      const nationality = /\benemy\b/i.test(what) ? 'russian' : nearestSide(near);
      if (verb === 'destroy' || verb === 'lose')
        return {
          metric: 'equipment-destroyed',
          side:
            nationality === 'russian'
              ? 'russian-military'
              : nationality === 'ukrainian'
                ? 'ukrainian-military'
                : 'unknown',
          what,
        };
      if (verb === 'fire' && cls === 'munition') {
        const attacker = nearestSide(withoutLocations(left));
        return { metric: 'attacks', side: attacker === 'ukrainian' ? 'russia' : 'ukraine', what };
      }
      if (verb === 'give') return { metric: 'aid', side: 'ukraine', what };
      if (verb === 'deploy') {
        const side: Side =
          nationality === 'russian'
            ? 'russian-military'
            : nationality === 'ukrainian'
              ? 'ukrainian-military'
              : nationality === 'other'
                ? 'other'
                : 'unknown';
        return { metric: 'equipment-deployed', side, what };
      }
      return null;
    }
    case 'building':
    case 'place': {
      const side: Side = RUSSIAN.test(near) && !UKRAINIAN.test(near) ? 'russia' : 'ukraine';
      if (verb === 'destroy') return { metric: 'buildings-destroyed', side, what };
      if (verb === 'damage') return { metric: 'buildings-damaged', side, what };
      if (verb === 'fire' && cls === 'building') return { metric: 'attacks', side, what };
      return null;
    }
  }
  return null;
}

const WAR =
  /\b(?:ukrain\w*|russia\w*|kyiv|kiev|moscow|kremlin|war|invasion|invaders?|occupiers?|occupied|occupation|enemy|NATO|front|frontline|shelling|missiles?|troops|army|aggressor|aggression|putin|zelensk\w*|wagner|donbas+|crimea\w*)\b/i;
/** The war named in the sentence or in the text just before it (a few hundred characters). */
export function aboutThisWar(sentence: string, earlier: string): boolean {
  return WAR.test(sentence) || WAR.test(earlier);
}
const AID_WORD =
  /\b(?:aid|assistance|support|package|weapons|arms|military|humanitarian|defen[cs]e|security|loans?|grants?|funding|funds|financing|programm?e|tranche|help|reconstruction|fundrais\w*)\b/i;

function prisonerSide(near: string, sentence: string): Side {
  if (/\b(?:civilians?|people|women|children)\b/i.test(near)) return 'civilians';
  const n = nearestSide(near) ?? nearestSide(withoutLocations(sentence));
  return n === 'russian' ? 'russian-military' : n === 'ukrainian' ? 'ukrainian-military' : 'unknown';
}
