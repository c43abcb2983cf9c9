// What a figure counts: the metric taxonomy, the counted noun phrase after the figure, and the
// side whose people or things are counted. A figure with no metric is not a claim. Rules read the
// noun after the figure ("198 civilians", "1,000 tanks") and the cue words of its clause ("were
// killed", "shot down", "in military aid"), cut at the next figure so that "five killed and 18
// injured" gives each figure its own cue.

/** Tallies of one quantity over time (losses, displacement, destruction): they only grow. */
export const TALLY_METRICS = [
  'killed',
  'wounded',
  'casualties',
  'missing',
  'captured',
  'displaced',
  'refugees',
  'evacuated',
  'deported',
  'buildings-destroyed',
  'buildings-damaged',
  'equipment-destroyed',
] as const;

export const METRICS = [
  ...TALLY_METRICS,
  'equipment-deployed',
  'seized',
  'attacks',
  'troops',
  'votes-for',
  'votes-against',
  'abstentions',
  'aid',
  'sanctions',
] as const;
export type Metric = (typeof METRICS)[number];

export const SIDES = [
  'russian-military',
  'ukrainian-military',
  'civilians',
  'russia',
  'ukraine',
  'other',
  'none',
  'unknown',
] as const;
export type Side = (typeof SIDES)[number];

const CIVILIAN =
  /^(?:people|persons?|civilians?|residents?|inhabitants|children|child|kids|babies|baby|women|woman|men|man|girls|boys|families|patients|staff|journalists|citizens|ukrainians|russians|individuals|refugees|migrants|evacuees|workers|volunteers|doctors|teachers|pensioners|elderly|foreigners|athletes|coaches|professionals|medics|prisoners|monks|priests|nuns|clergy|clergymen|students|pupils|orphans|infants|newborns|teenagers|adults|passengers|farmers|nurses|firefighters|policemen)$/i;
const MILITARY =
  /^(?:troops|soldiers?|servicem[ae]n|servicewomen|defenders|guardsmen|militiamen|separatists|servicemembers|service\s?members|personnel|fighters|militants|paratroopers|marines|mercenaries|conscripts|reservists|recruits|sailors|pilots|officers|combatants|invaders|occupiers|forces|battalion|battalions|btgs|brigades?|wagnerites|prisoners|pows|captives|servicepeople)$/i;
const EQUIPMENT =
  /^(?:tanks?|vehicles|apcs|ifvs|aircraft|planes|jets|helicopters|drones?|uavs|missiles?|rockets?|artillery|howitzers|launchers|mlrs|systems|warships|ships|boats|vessels|destroyers|frigates|squadrons|guns|mortars|rounds|shells|munitions|himars|javelins|stingers|weapons|leopards?|abrams|bradleys|bombers|radars|carriers|helmets|vests)$/i;
const BUILDINGS =
  /^(?:buildings?|homes?|houses?|apartments?|blocks|schools?|hospitals?|facilities|silos|bridges|stations|churches|kindergartens|shops|warehouses|infrastructure|objects|structures|sites|plants|depots|terminals|dwellings|institutions|enterprises|museums|monuments|theatres|theaters|universities|cities|villages|towns|settlements)$/i;
const SANCTIONED =
  /^(?:individuals|entities|companies|firms|banks|oligarchs|officials|persons|people|representatives|businessmen|members|executives|relatives|associates)$/i;
const SKIP =
  /^(?:more|additional|extra|further|other|new|of|the|its|their|his|her|our|russian|ukrainian|american|u\.s\.|us|british|uk|nato|german|polish|french|local|combat|military|armed|armou?red|battle|main|heavy|modern|big|small|key|ukraine's|russia's|major|civilian|foreign|enemy|own|total|so|far|or|and|ground|air|defen[cs]e|fighter|cruise|ballistic|kamikaze|attack|artillery|navy|naval|nuclear|active|regular|dead|wounded|injured|killed|displaced|internally|evacuated|missing|captured|innocent|german-made|us-made|western|soviet-era|based|uk-based|u\.s\.-based|cases|individual|documented|arbitrary|confirmed|recorded)$/i;

const CASUALTY_HEAD: Record<string, Metric> = {
  casualties: 'casualties',
  losses: 'casualties',
  deaths: 'killed',
  fatalities: 'killed',
  injuries: 'wounded',
  kias: 'killed',
  bodies: 'killed',
  killings: 'killed',
  executions: 'killed',
  detentions: 'captured',
  detention: 'captured',
  disappearances: 'missing',
};

/** Words that end a noun phrase before any head: verbs, prepositions, conjunctions. */
const NOT_A_NOUN =
  /^(?:were|was|is|are|be|been|being|have|has|had|will|would|could|can|may|might|must|should|in|on|at|as|by|for|from|to|into|with|who|which|that|when|while|since|after|before|during|but|than|less|each|every|per|a|an|this|these|those|died|dead|fled|left|remain|remains|remained|fell|came|went|got|took|say|says|said|according|including|along|near|around|across|outside|inside|behind)$/i;

export interface Counted {
  /** The counted noun phrase ("Russian troops"), or '' when no noun follows. */
  what: string;
  /** The head noun's class. */
  kind:
    | 'civilian'
    | 'military'
    | 'equipment'
    | 'building'
    | 'money'
    | 'sanctioned'
    | 'casualty'
    | 'attack'
    | 'other'
    | 'none';
  head: string;
}

/** The counted noun phrase right after a figure: "198 civilians", "1,200 tanks", "Dozens of silos". */
export function countedAfter(after: string): Counted {
  const words = after
    .match(/^[\s\S]{0,90}/)![0]
    .split(/\s+|(?<=\p{Ll}{2})\.(?=\p{Lu}\p{Ll})/u)
    .filter(Boolean)
    .slice(0, 7);
  const taken: string[] = [];
  for (const raw of words) {
    const w = raw.replace(/[,.;:!?)"”’'\]]+$/, '').replace(/^[("“‘[]+/, '');
    taken.push(w);
    const lower = w.toLowerCase();
    const head = lower.replace(/['’]s$/, '');
    const following = (words[taken.length] ?? '').replace(/[,.;:!?)"”’'\]]+$/, '').toLowerCase();
    if (head === 'service' && /^members$/.test(following)) {
      taken.push(words[taken.length] as string);
      return { what: taken.join(' '), kind: 'military', head: 'servicemembers' };
    }
    if (MILITARY.test(head) && !/^(?:carriers?|vehicles?|jets?|planes?)$/.test(following))
      return { what: taken.join(' '), kind: 'military', head };
    if (EQUIPMENT.test(head)) {
      // compounds: "Himars missiles", "artillery systems"
      const next = (words[taken.length] ?? '').replace(/[,.;:!?)"”’'\]]+$/, '').toLowerCase();
      if (EQUIPMENT.test(next) && !/[,.;:!?]$/.test(raw))
        taken.push(words[taken.length]!.replace(/[,.;:!?)"”’'\]]+$/, ''));
      return { what: taken.join(' '), kind: 'equipment', head: EQUIPMENT.test(next) ? next : head };
    }
    if (head in CASUALTY_HEAD) return { what: taken.join(' '), kind: 'casualty', head };
    if (/^(?:attacks|strikes|airstrikes|raids|bombardments|shellings)$/.test(head))
      return { what: taken.join(' '), kind: 'attack', head };
    if (BUILDINGS.test(head)) return { what: taken.join(' '), kind: 'building', head };
    if (CIVILIAN.test(head))
      return {
        what: taken.join(' '),
        kind: SANCTIONED.test(head) && head !== 'people' ? 'sanctioned' : 'civilian',
        head,
      };
    if (SANCTIONED.test(head)) return { what: taken.join(' '), kind: 'sanctioned', head };
    if (/^(?:dollars|euros?|pounds|hryvnias?|r[o]?ubles)$/.test(head))
      return { what: taken.join(' '), kind: 'money', head };
    if (/^(?:countries|nations|states|members|votes|delegations|lawmakers|deputies|mps|senators)$/.test(head))
      return { what: taken.join(' '), kind: 'other', head };
    // an -ed/-ing word is an adjective when a counted noun follows ("concentrated soldiers")
    const nextHead = (words[taken.length] ?? '').replace(/[,.;:!?)"”’'\]]+$/, '').toLowerCase();
    const adjective =
      MILITARY.test(nextHead) || CIVILIAN.test(nextHead) || EQUIPMENT.test(nextHead) || BUILDINGS.test(nextHead);
    if (NOT_A_NOUN.test(head) || (/(?:ed|ing)$/.test(head) && !SKIP.test(head) && !/-/.test(head) && !adjective))
      return { what: '', kind: 'none', head: '' };
    // a clause ends at punctuation, also inside a closing quote ('… eight wounded," the governor said')
    if (/[,.;:!?]["”’')\]]*$/.test(raw) && !/^(?:u\.s|u\.k|u\.n)\.?$/i.test(w)) break;
    if (!SKIP.test(head) && !/^[\p{Lu}]/u.test(w) && !/-/.test(w) && taken.length >= 3) {
      // a noun we do not count with ("four elements", "two leaders"): stop at it
      return { what: taken.join(' '), kind: 'other', head };
    }
  }
  return { what: '', kind: 'none', head: '' };
}

const KILLED =
  /\b(?:kill(?:ed|ing|s)?|dead|deaths?|died|dying|die|death toll|lost their lives|perished|eliminated|fatalities|fatally|bodies|body bags|slain|liquidated|execut(?:ed|ing|ions?))\b/i;
const WOUNDED = /\b(?:wounded|injured|injuries|injuring|hurt|hospitali[sz]ed)\b/i;
const CASUALTIES =
  /\b(?:casualties|killed,? (?:or|and) (?:wounded|injured)|killed, injured|(?:fallen|fell) victims? (?:to|of))\b/i;
const MISSING = /\bmissing\b/i;
const CAPTURED =
  /\b(?:captured|capturing|prisoners?(?! of)|POWs?|taken prisoner|detained|detention|detainees|hostages?|surrendered|taking|in captivity)\b/i;
const DISPLACED =
  /\b(?:displaced|(?:forced to |had to )?(?:leave|left|flee|fled) their homes|homeless|forced from their homes|IDPs)\b/i;
const REFUGEES =
  /\b(?:refugees?|fled|fleeing|flee|crossed (?:into|the border)|left the country|have left|sought refuge|entered|migrants from ukraine)\b/i;
// "300 people were saved", "45 patients have been transported by plane to France": taken to safety
const EVACUATED =
  /\b(?:evacuat\w*|rescued|(?:were|was|been) saved|(?:brought|taken) to safety|(?:were|was|been) transported)\b/i;
// "have taken thousands of residents to Russia": people moved into Russia or Belarus
const DEPORTED =
  /\b(?:deport\w*|forcibly (?:taken|transferred|displaced|removed|relocated|moved)|abducted|(?:taken|took|taking|removed)\b[^.;]{0,40}\bto (?:russia|belarus)\b)/i;
const DESTROYED =
  /\b(?:destroy\w*|shot down|downed|intercepted|neutrali[sz]ed|razed|flattened|lost|losing|wiped out|knocked out|hit|struck)\b/i;
const DAMAGED = /\bdamag\w*/i;
const ATTACK =
  /\b(?:launched|fired|targeted|crashed into|rained|strikes|attacks|shelled|bombard\w*|struck|hit|landed|slammed|flew|fell)\b/i;
const VOTE_FOR =
  /\b(?:voted (?:for|in favou?r)|votes? (?:for|in favou?r)|in favou?r|supported the resolution|backed|(?:to\s+)?(?:\w+ly\s+)?condemn\w*|stood on the side of)\b/i;
// "against" alone is no vote against: "voted to condemn Russia's war against Ukraine" is a vote for
const VOTE_AGAINST =
  /\b(?:voted against|votes? against|against the (?:resolution|text|motion|draft|measure)|opposed|sided with russia|side with russia)\b/i;
const ABSTAIN = /\babstain\w*|\babstentions?\b/i;
const AID =
  /\b(?:aid|assistance|package|pledged?|pledging|donat\w+|supply|supplied|supplying|deliver\w*|send|sent|sending|provide|provided|providing|transfer\w*|funding|training|train|tranche|gave|give|given|received|receive|receiving|acquisition|committed|commit)\b/i;
const SANCTION = /\b(?:sanction\w*|frozen|freez\w*|blacklist\w*|banned|seized from|confiscat\w*)\b/i;
const DEPLOY =
  /\b(?:mass\w*|amass\w*|gather\w*|deploy\w*|station\w*|array\w*|build-?up|built up|moved|move|send|sent|arrived|surround\w*|near|border|around|readiness|preparedness|commit|control\w*|assembled|involved|positioned|concentrat\w*|alongside|include|includ\w*|reach|place|put)\b/i;
const SEIZED = /\bseized\b/i;

export interface MetricReading {
  metric: Metric;
  side: Side;
}

export const RUSSIAN =
  /(?<![\p{L}])(?:russians?|russia(?:['’]s)?|moscow|kremlin|putin|wagner|chechen|aggressor['’]s|aggressor|occupiers|invaders)(?![\p{L}])/iu;
export const UKRAINIAN = /(?<![\p{L}])(?:ukrainians?|ukraine(?:['’]s)?|kyiv|kiev|zelensky|zelenskyy)(?![\p{L}])/iu;
const OTHER_FORCE =
  /(?<![\p{L}])(?:U\.S\.?|US|UK|U\.K\.?|American|America|NATO|Nato|British|Britain|Pentagon|German|Germany|Polish|Poland|French|France|[Aa]lliance|Biden|[Aa]llied|Romania|Estonia|Baltic|Irish|Ireland|Western|Europe|United States|Washington|Belarusian|Canada|Canadian)(?![\p{L}])/u;
/** Where a figure's people or things are, not whose they are: "near Ukraine's border", "in Ukraine". */
const LOCATION =
  /(?<![\p{L}])(?:on|near|along|at|to|around|into|in|across|from|against|with|invade|invading|attack|attacking)\s+(?:the\s+)?(?:(?:eastern|western|northern|southern)\s+)?(?:ukraine|ukraine['’]s|russia|russia['’]s|belarus|kyiv|kiev|poland|romania|germany)(?:\s+borders?)?(?![\p{L}])|(?<![\p{L}])(?:on|near|along|at|to|around|across)\s+(?:the\s+)?(?:ukrainian|russian)\s+(?:borders?|territory|soil|capital|cities)(?![\p{L}])|(?<![\p{L}])borders?\s+(?:of|with)\s+(?:ukraine|russia|belarus)(?![\p{L}])/giu;
export function withoutLocations(text: string): string {
  return text.replace(LOCATION, ' ');
}

export function nearestSide(text: string): 'russian' | 'ukrainian' | 'other' | null {
  let best: { at: number; side: 'russian' | 'ukrainian' | 'other' } | null = null;
  for (const [re, side] of [
    [RUSSIAN, 'russian'],
    [UKRAINIAN, 'ukrainian'],
    [OTHER_FORCE, 'other'],
  ] as const) {
    const all = [...text.matchAll(new RegExp(re.source, re.flags.includes('i') ? 'giu' : 'gu'))];
    const last = all[all.length - 1];
    if (last && (!best || (last.index ?? 0) > best.at)) best = { at: last.index ?? 0, side };
  }
  return best?.side ?? null;
}

/** "the death toll rose to 50", "the number of Russian soldiers … reaches 140,000": the noun before the figure. */
const TOTAL_BEFORE =
  /\b(?:((?:death\s+|casualty\s+)?toll)|(?:number|total|count|tally|figure)\s+of\s+((?:[\p{L}'’-]+\s+){0,2}[\p{L}'’-]+))\b[^.;]{0,80}?\b(?:reach(?:es|ed)?|is|was|stands at|stood at|totals|totalled|totaled|rose to|risen to|climbed to|exceeds|exceeded|amounts to|to|at|of)\s+(?:already\s+|now\s+)?$/iu;

export interface MetricContext {
  /** The sentence text before the figure (uncut). */
  left: string;
  /** The metric of the figure before this one in the same sentence, when it had one. */
  previous: MetricReading | null;
  /** The figure's value (small bare counts of soldiers are not troop figures). */
  value?: number;
}

/**
 * The metric and side of a figure, from the counted noun phrase, the clause after the figure (up
 * to the next figure) and the clause before it; null when the figure counts nothing in the taxonomy.
 */
export function readMetric(
  counted: Counted,
  before: string,
  after: string,
  money: boolean,
  sentence: string,
  context: MetricContext = { left: before, previous: null },
): MetricReading | null {
  const nounPhrase = counted.what;
  const cue = `${before.slice(-50)} ${nounPhrase} ${after.slice(nounPhrase.length ? after.indexOf(nounPhrase) + nounPhrase.length : 0).slice(0, 70)}`;
  const right = after.slice(0, 80);
  const kind = counted.kind;
  const left = withoutLocations(context.left);
  if (
    money ||
    counted.kind === 'money' ||
    /^\s+in\s+(?:\w+\s+){0,2}(?:aid|assistance|funding|loans|grants|support|relief)\b/i.test(after)
  ) {
    // a state's own borrowing is no aid ("domestic borrowing … up to 400 billion hryvnias … military bonds")
    if (/\b(?:domestic borrowing|military bonds|war bonds|government bonds)\b/i.test(sentence)) return null;
    // the cue nearest the figure decides: "$33 billion in such funding — while tightening sanctions"
    const near = `${before.slice(-40)} ${after.slice(0, 40)}`;
    // "… for the Ukrainian Navy", "… to support Ukraine's defense", "… for economic support"
    const forUkraine =
      /^\s*(?:[\p{L}-]+\s+){0,2}?(?:for the ukrain\w+|to support ukrain\w*|for (?:economic|budget(?:ary)?|financial|macro-financial) support)\b/iu.test(
        after,
      ) ||
      // "raised more than $10 billion to help our people", "contributed billions … to help Ukraine"
      /^\s*(?:[\p{L}-]+\s+){0,6}?to help (?:ukrain\w*|our (?:people|state|country|army|defenders)|the ukrainian)/iu.test(
        after,
      );
    // "security assistance and humanitarian aid … for Ukraine — more than $25 billion to date"
    const closing =
      /\b(?:aid|assistance|support)\b[^.;]{0,100}\s[—–-]\s*(?:(?:more than|over|nearly|almost|about|some)\s+)?$/i.test(
        before,
      );
    const aid =
      forUkraine ||
      closing ||
      AID.test(near) ||
      /\b(?:military|humanitarian|security|financial|weapons|arms)\b/i.test(near);
    if (SANCTION.test(near) && !(aid && !SANCTION.test(after.slice(0, 40)) && AID.test(after.slice(0, 40))))
      return { metric: 'sanctions', side: 'russia' };
    if (aid) return { metric: 'aid', side: 'ukraine' };
    if (SANCTION.test(cue)) return { metric: 'sanctions', side: 'russia' };
    if (AID.test(cue) || /\b(?:military|humanitarian|security|financial)\b/i.test(cue))
      return { metric: 'aid', side: 'ukraine' };
    return null;
  }
  // "Our warriors have hundreds of wounded": the participle as the counted noun
  const participle = /^\s+of\s+(?:the\s+)?(wounded|injured|dead|killed)\b/i.exec(after);
  if (participle) {
    const word = (participle[1] as string).toLowerCase();
    return {
      metric: word === 'wounded' || word === 'injured' ? 'wounded' : 'killed',
      side: sideOfPeople(left, sentence),
    };
  }
  // "2,000 destroyed educational institutions": the state before the noun
  const state = /^\s+(destroyed|damaged|ruined|burned|downed)\s+/i.exec(after);
  if (state && !money) {
    const noun = countedAfter(after.slice(state[0].length - 1));
    const damaged = /^damaged$/i.test(state[1] as string);
    if (noun.kind === 'building')
      return {
        metric: damaged ? 'buildings-damaged' : 'buildings-destroyed',
        side: RUSSIAN.test(left) ? 'russia' : 'ukraine',
      };
    if (noun.kind === 'equipment' && !damaged)
      return {
        metric: 'equipment-destroyed',
        side: RUSSIAN.test(`${left} ${noun.what}`) ? 'russian-military' : 'unknown',
      };
  }
  // "has lost … thousands of lives": lives lost, claimed or taken are deaths (not "save thousands of lives")
  if (
    /^\s*(?:of\s+)?(?:\w+\s+)?lives\b/i.test(after) &&
    /\b(?:lost|los(?:e|ing)|claimed|took|taken|cost)\b[^.;]{0,40}$/i.test(before)
  )
    return { metric: 'killed', side: sideOfPeople(left, sentence) };
  const casualty = CASUALTY_HEAD[counted.head];
  // "billions and billions of losses for Russia": money lost, not people
  if (casualty && (context.value ?? 0) >= 1e9) return null;
  if (casualty) {
    const nationality = nearestSide(`${left.slice(-80)} ${nounPhrase}`);
    const side: Side =
      nationality === 'russian' ? 'russian-military' : nationality === 'ukrainian' ? 'ukrainian-military' : 'unknown';
    if (casualty === 'captured' || casualty === 'missing')
      // "detention by Russia": the captor's nationality, not the captives'
      return {
        metric: casualty,
        side: /\b(?:civilians?|people|men|women|children)\b/i.test(sentence) ? 'civilians' : 'unknown',
      };
    return { metric: casualty, side: /civilian/i.test(`${nounPhrase} ${right}`) ? 'civilians' : side };
  }
  if (kind === 'attack') {
    // "Two massive attacks on Russian bases in Crimea": the target's side
    const target = /\b(?:on|against|at|in)\b([^.;]{0,50})/i.exec(
      after.slice(after.indexOf(nounPhrase) + nounPhrase.length),
    );
    return { metric: 'attacks', side: target && RUSSIAN.test(target[1] as string) ? 'russia' : 'ukraine' };
  }
  if (ABSTAIN.test(right) && (kind === 'other' || kind === 'none')) return { metric: 'abstentions', side: 'none' };
  // "141 nations in the General Assembly came together to condemn …": a vote named by its assembly
  const assembly =
    kind === 'other' &&
    /^(?:nations|countries|states)$/.test(counted.head) &&
    /\b(?:General Assembly|United Nations|UN|vot\w*)\b/.test(sentence) &&
    /\b(?:condemn\w*|stood on the side of|sided? with)\b/i.test(right);
  if ((/\bvot\w*/i.test(right) || assembly) && (kind === 'other' || kind === 'none')) {
    if (VOTE_AGAINST.test(right)) return { metric: 'votes-against', side: 'none' };
    if (VOTE_FOR.test(right) || /\bvoted\b/i.test(right) || assembly) return { metric: 'votes-for', side: 'none' };
  }
  if (/^\s*(?:voted|votes)\s+against\b/i.test(after)) return { metric: 'votes-against', side: 'none' };
  if (kind === 'none' && /\bvot(?:e|es|ed|ing)\b/i.test(sentence)) {
    if (/^\s*(?:countries\s+|states\s+|members\s+)?against\b/i.test(after))
      return { metric: 'votes-against', side: 'none' };
    if (/^\s*(?:in\s+favou?r|for)\b/i.test(after)) return { metric: 'votes-for', side: 'none' };
  }
  if (kind === 'none') {
    // "Ukraine's standing military totals about 200,000"
    const army =
      /\b(?:army|military|armed forces|forces)\s+(?:totals?|totalled|numbers?|numbered|counts?)\s+(?:about\s+|around\s+|some\s+|roughly\s+)?$/i.exec(
        before,
      );
    if (army) return { metric: 'troops', side: sideOfPeople(before.slice(0, army.index + 12), sentence) };
    // "There are 150,000 along the border with Ukraine. soldiers": a large bare figure massed at a border
    if (
      (context.value ?? 0) >= 1000 &&
      /^\s*(?:\w+\s+){0,2}?(?:along|near|on|at|around|close to)\s+(?:the\s+)?(?:\w+\s+)?borders?\b/i.test(after) &&
      /\b(?:soldiers|troops|servicemen)\b/i.test(sentence)
    )
      return { metric: 'troops', side: sideOfPeople(left, sentence) };
    const total = TOTAL_BEFORE.exec(before);
    if (total) {
      if (total[1])
        return { metric: /casualty/i.test(total[1]) ? 'casualties' : 'killed', side: sideOfPeople(left, sentence) };
      // "the number of dead has risen to 45": the counted word is the metric's own
      const word =
        /^(?:(?:civilian|military|russian|ukrainian|confirmed)\s+)?(?:(dead|killed|deaths|fatalities)|(wounded|injured)|(casualties))\b/i.exec(
          total[2] as string,
        );
      if (word)
        return {
          metric: word[1] ? 'killed' : word[2] ? 'wounded' : 'casualties',
          side: /civilian/i.test(total[2] as string) ? 'civilians' : sideOfPeople(left, sentence),
        };
      const inner = countedAfter(` ${total[2]}`);
      // "the total number of various Russian missiles used against Ukraine is already 2,503"
      if (
        inner.kind === 'equipment' &&
        /missiles?|rockets?|drones?/i.test(inner.what) &&
        /\b(?:used|fired|launched)\b/i.test(total[0])
      )
        return {
          metric: 'attacks',
          side: nearestSide(left.slice(0, total.index)) === 'ukrainian' ? 'russia' : 'ukraine',
        };
      if (inner.kind !== 'none' && inner.kind !== 'other')
        return readMetric(inner, before.slice(0, total.index), ` ${total[2]}`, false, sentence, context);
    }
  }
  if (
    (kind === 'sanctioned' || kind === 'civilian' || kind === 'other' || kind === 'none') &&
    /\bsanction\w*\s+(?:on|against|for)\s+(?:\S+\s+){0,2}$/i.test(before)
  ) {
    return { metric: 'sanctions', side: nearestSide(after.slice(0, 60)) === 'other' ? 'other' : 'russia' };
  }
  // "2,229 buildings, of which 225 were completely destroyed": the part takes the verb, the whole's class
  if (
    kind === 'none' &&
    context.previous?.metric.startsWith('buildings-') &&
    /\b(?:of which|of them|of these|including)\s*$/i.test(before)
  ) {
    const v =
      /^\s*(?:were|was|have been|had been|are)\s+(?:completely\s+|partially\s+|fully\s+)?(destroyed|damaged)\b/i.exec(
        after,
      );
    if (v)
      return {
        metric: /damag/i.test(v[1] as string) ? 'buildings-damaged' : 'buildings-destroyed',
        side: context.previous.side,
      };
  }
  // "2.5 million … in Poland, more than 50,000 in Lithuania": a list of the same count by place
  if (
    kind === 'none' &&
    context.previous &&
    /^(?:refugees|displaced|evacuated|deported|killed|wounded|captured|missing|troops)$/.test(
      context.previous.metric,
    ) &&
    /^\s+in\s+(?:the\s+)?\p{Lu}/u.test(after) &&
    /,\s*(?:and\s+)?(?:(?:more than|over|about|almost|nearly|some|around)\s+)?$/i.test(before)
  )
    return context.previous;
  if (kind === 'civilian' || kind === 'military' || kind === 'none') {
    if (kind === 'military' && /\btrain\w*\s+(?:\S+\s+){0,3}$/i.test(before)) return { metric: 'aid', side: 'ukraine' };
    // "lost 15 tanks, nine artillery systems and 1,000 soldiers": soldiers in a list of losses died
    if (
      kind === 'military' &&
      context.previous?.metric === 'equipment-destroyed' &&
      /\b(?:lost|lose|losing|losses)\b[^.;:]{0,120}$/i.test(context.left) &&
      /^\s*[\p{L}'’-]+(?:\s+[\p{L}'’-]+){0,2}\s*(?:,|,?\s+and|,?\s+as well as)\s*$/u.test(before)
    )
      return { metric: 'killed', side: context.previous.side };
    const afterNounPhrase = nounPhrase ? after.slice(after.indexOf(nounPhrase) + nounPhrase.length) : right;
    // "killed five people, including two children, and wounded 12": the parenthesis counts the figure before
    if (
      context.previous &&
      (kind === 'civilian' || kind === 'none') &&
      /\bincluding\s*$/i.test(before) &&
      /^\s*[\p{L}'’-]+(?:\s+[\p{L}'’-]+){0,2}\s*[,)]/u.test(after) &&
      /^(?:killed|wounded|casualties|captured|missing|deported|evacuated|displaced|refugees)$/.test(
        context.previous.metric,
      )
    )
      return context.previous;
    const person = personMetric(
      cue,
      kind === 'none' ? afterNounPhrase.slice(0, 80) : after.slice(0, 140),
      kind,
      counted.head,
      before,
      context.value ?? Number.POSITIVE_INFINITY,
      sentence,
    );
    if (person) {
      const side = personSide(person, kind, `${left.slice(-60)} ${nounPhrase}`, sentence, left);
      return { metric: person, side };
    }
    // "198 killed, including three children", "3,000 troops include 2,000 from…": the figure before's metric
    if (
      context.previous &&
      kind === 'none' &&
      /^\s*(?:from|who|of whom|among|were|are|in|at|within|inside|outside|abroad)\b/i.test(after) &&
      /\b(?:includ\w+|and|of them|among them|of whom)\s*$/i.test(before)
    )
      return context.previous;
    if (
      context.previous &&
      kind === 'civilian' &&
      /\bincluding\s*$/i.test(before) &&
      context.previous.side === 'civilians'
    )
      return context.previous;
    if (context.previous && kind === 'none' && /\bincluding\s*$/i.test(before)) return context.previous;
    // an enumeration of the figure before: "864 cases of detention – 763 men, 94 women and seven boys"
    const alike =
      context.previous &&
      ((kind === 'civilian' &&
        (context.previous.side === 'civilians' ||
          /^(?:killed|wounded|captured|missing)$/.test(context.previous.metric))) ||
        (kind === 'military' && context.previous.side.endsWith('military')));
    if (alike && (/[–—:(]\s*$/.test(before) || /^\s*[\p{L}'’-]+(?:\s+[\p{L}'’-]+)?\s*(?:,|,?\s+and)\s*$/u.test(before)))
      return context.previous;
  }
  // "blacklisted 22 individuals, including four financial executives"
  if (context.previous?.metric === 'sanctions' && /\bincluding\s*$/i.test(before) && kind !== 'money')
    return context.previous;
  if (kind === 'sanctioned' && SANCTION.test(cue)) {
    const np = after.slice(0, Math.max(0, after.search(/\b(?:sanction\w*|blacklist\w*|by)\b/i))) || after.slice(0, 60);
    const nationality = nearestSide(np);
    return { metric: 'sanctions', side: nationality && nationality !== 'russian' ? 'other' : 'russia' };
  }
  if (kind === 'equipment') {
    // "40 missiles and 30 drones", "15 tanks, nine artillery systems": a list takes the first item's metric
    if (
      context.previous &&
      /^(?:attacks|equipment-destroyed|equipment-deployed|aid)$/.test(context.previous.metric) &&
      /^\s*[\p{L}'’-]+(?:\s+[\p{L}'’-]+){0,2}\s*(?:,|,?\s+and|,?\s+as well as)\s*$/u.test(before)
    )
      return context.previous;
    const right = after.slice(after.indexOf(nounPhrase) + nounPhrase.length).slice(0, 80);
    const nationality = nearestSide(`${left.slice(-60)} ${nounPhrase}`);
    const lostBefore =
      /\b(?:lost|lose|losing|losses(?: of)?|destroyed|destruction of|shot down|downed|intercepted|disabling|disabled|destroying)\b[^.;:]{0,80}$/i.exec(
        context.left,
      );
    if (DESTROYED.test(right) || lostBefore) {
      let side: Side =
        nationality === 'ukrainian' ? 'ukrainian-military' : nationality === 'russian' ? 'russian-military' : 'unknown';
      if (/\b(?:intercepted|shot down|downed)\b/i.test(right) && RUSSIAN.test(sentence) && !UKRAINIAN.test(sentence))
        side = 'ukrainian-military';
      if (lostBefore && side === 'unknown') {
        const owner = nearestSide(withoutLocations(context.left.slice(0, lostBefore.index)));
        if (owner === 'russian')
          side = /^(?:los|destruction)/i.test(lostBefore[0]) ? 'russian-military' : 'ukrainian-military';
        if (owner === 'ukrainian')
          side = /^(?:los|destruction)/i.test(lostBefore[0]) ? 'ukrainian-military' : 'russian-military';
      }
      if (
        ATTACK.test(right) &&
        /missiles?|rockets?|drones?/i.test(counted.what) &&
        !/\b(?:intercepted|shot down|downed|destroyed)\b/i.test(right)
      )
        return { metric: 'attacks', side: UKRAINIAN.test(sentence) ? 'ukraine' : 'russia' };
      return { metric: 'equipment-destroyed', side };
    }
    const firedBefore =
      /\b(?:fired|launched|launching|firing|used|sent)\s+(?:(?:at least|about|around|more than|over|nearly|some|another)\s+)?$/i.test(
        before,
      );
    // "2,709 missiles have already been used against Ukraine", "thousands of Russian missiles hitting Ukraine"
    const used = /^\s*(?:(?:have|has|had)\s+)?(?:already\s+)?(?:been\s+)?used\b|\bused\s+against\b|^\s*hitting\b/i.test(
      right,
    );
    if ((ATTACK.test(right) || firedBefore || used) && /missiles?|rockets?|drones?|shells/i.test(counted.what)) {
      const attacker = nearestSide(left);
      const side = /himars|ukrain/i.test(nounPhrase) || attacker === 'ukrainian' ? 'russia' : 'ukraine';
      return { metric: 'attacks', side };
    }
    if (AID.test(cue) || /\bto ukraine\b/i.test(right)) return { metric: 'aid', side: 'ukraine' };
    if (DEPLOY.test(cue) || /\btroops\b/i.test(sentence)) {
      const deployer = nationality ?? nearestSide(left);
      const side: Side =
        deployer === 'russian'
          ? 'russian-military'
          : deployer === 'ukrainian'
            ? 'ukrainian-military'
            : deployer === 'other'
              ? 'other'
              : 'unknown';
      return { metric: 'equipment-deployed', side };
    }
    return null;
  }
  if (kind === 'building') {
    const nationality = nearestSide(`${before.slice(-40)} ${nounPhrase}`);
    const side: Side = nationality === 'russian' ? 'russia' : 'ukraine';
    // places ("dozens of villages", "hundreds of cities") count only as destroyed or damaged:
    // "recaptured dozens of villages … and struck" is no attack on them
    const place = /^(?:cities|villages|towns|settlements)$/.test(counted.head);
    if (!place && /\b(?:targeted|struck|hit|attacked|shelled)\b/i.test(right)) return { metric: 'attacks', side };
    // "destroyed or damaged" counts the damaged too: the lower bar
    const both = /\b(?:destroyed or damaged|damaged or destroyed)\b/i;
    if (both.test(right)) return { metric: 'buildings-damaged', side };
    if (/\bdestroy\w*|razed|flattened/i.test(right)) return { metric: 'buildings-destroyed', side };
    if (DAMAGED.test(right)) return { metric: 'buildings-damaged', side };
    // the verb before: "destroyed or damaged nearly 200 sites", "the destruction of 2,229 buildings"
    const verbBefore =
      /\b(destroyed or damaged|damaged or destroyed|destruction of|destroyed|damaged|damage to)\s+(?:(?:at least|about|around|more than|over|nearly|almost|some)\s+)?$/i.exec(
        before,
      );
    if (verbBefore) {
      const v = (verbBefore[1] as string).toLowerCase();
      // "the destruction of 2,229 buildings, of which 225 were completely destroyed": a whole whose
      // part is the destroyed ones counts the damaged and destroyed together
      if (
        v === 'destruction of' &&
        /^[^.;]{0,80}?,?\s*of (?:which|them|these)\s+[^.;]{0,30}?\b(?:completely|fully|totally)\s+destroyed\b/i.test(
          sentence.slice(context.left.length),
        )
      )
        return { metric: 'buildings-damaged', side };
      return { metric: /damag/.test(v) ? 'buildings-damaged' : 'buildings-destroyed', side };
    }
    // a list whose verb comes at its end: "1,500 educational facilities and 350 medical
    // facilities have been destroyed or damaged"
    const rest = sentence.slice(context.left.length);
    const late =
      /^[^.;:]{0,160}?\b(?:have|has|had|were|was|are)\s+(?:already\s+)?(?:been\s+)?(?:completely\s+|partially\s+)?(destroyed or damaged|damaged or destroyed|destroyed|damaged)\b/i.exec(
        rest,
      );
    if (
      late &&
      !/\b(?:have|has|had|were|was|are|is)\b/i.test(
        rest.slice(0, late.index + late[0].search(/\b(?:have|has|had|were|was|are)\s/i)),
      )
    )
      return { metric: /damag/i.test(late[1] as string) ? 'buildings-damaged' : 'buildings-destroyed', side };
    return null;
  }
  if (/\btonnes\b/i.test(after.slice(0, 12))) {
    if (/destroy/i.test(right)) return { metric: 'buildings-destroyed', side: 'ukraine' };
    if (SEIZED.test(`${before.slice(-20)} ${right}`)) return { metric: 'seized', side: 'ukraine' };
  }
  return null;
}

export function sideOfPeople(left: string, sentence: string): Side {
  const nationality = nearestSide(left.slice(-80)) ?? nearestSide(withoutLocations(sentence));
  return nationality === 'russian'
    ? 'russian-military'
    : nationality === 'ukrainian'
      ? 'ukrainian-military'
      : 'unknown';
}

function personMetric(
  cue: string,
  right: string,
  kind: Counted['kind'],
  head: string,
  before: string,
  value: number,
  sentence = '',
): Metric | null {
  // the clause after the figure decides first; then the words just before it ("killed 20 people")
  const first = (text: string): Metric | null => {
    if (CASUALTIES.test(text)) return 'casualties';
    const k = KILLED.exec(text);
    const w = WOUNDED.exec(text);
    if (k && w) return k.index < w.index ? 'killed' : 'wounded';
    if (k) return 'killed';
    if (w) return 'wounded';
    if (MISSING.test(text)) return 'missing';
    if (DEPORTED.test(text)) return 'deported';
    if (EVACUATED.test(text)) return 'evacuated';
    if (DISPLACED.test(text)) return 'displaced';
    // "78,000 Ukrainians have taken refuge in friendly Slovakia" (not "took refuge in the basement")
    if (
      /\b(?:taken|took|take|found|find|finding|sought|seek|seeking) (?:refuge|shelter) in (?:friendly |neighbou?ring |other )?(?:[A-Z]|countries|Europe|abroad)/.test(
        text,
      )
    )
      return 'refugees';
    if (REFUGEES.test(text)) return 'refugees';
    if (CAPTURED.test(text)) return 'captured';
    return null;
  };
  // the figure as the object of a verb right before it: "killing at least one and wounding six",
  // "claimed the lives of about 14,000 people, injured at least 30,000"
  const object =
    /\b(kill(?:ed|ing|s)?|liquidat(?:ed|ing)|eliminat(?:ed|ing)|neutrali[sz](?:ed|ing)|execut(?:ed|ing)|bodies of|abduct(?:ed|ing)|claim(?:ed|ing|s)? the lives of|deaths of|wound(?:ed|ing|s)?|injur(?:ed|ing|es)|evacuat(?:ed|ing|es)|deport(?:ed|ing|s)?|captur(?:ed|ing|es)|detain(?:ed|ing|s)?|displac(?:ed|ing|es)|took|taking|(?:took|taken|taking) hostage|taken|lost)\s+(?:(?:at least|about|around|more than|over|nearly|almost|some|another|an estimated|up to|as many as)\s+)?$/i.exec(
      before,
    );
  if (
    /\b(?:kill\w*|injur\w*|wound\w*)\b[^.;]{0,30}\b(?:or|and)\s+(?:captur\w*|wound\w*|injur\w*)\s+(?:\S+\s+){0,2}$/i.test(
      before,
    )
  )
    return 'casualties';
  if (object) {
    const verb = (object[1] as string).toLowerCase();
    if (/^(?:kill|claim|deaths|execut|bodies)/.test(verb)) return 'killed';
    // "We lost five children", "lost 1,000 soldiers": people lost are dead
    if (verb === 'lost') return kind === 'military' || kind === 'civilian' ? 'killed' : null;
    if (/hostage$/.test(verb)) return 'captured';
    // "have taken thousands of residents to Russia"
    if (/^t(?:ook|aken|aking)$/.test(verb) && /^\s*(?:[\p{L}'’-]+\s+){0,4}?to (?:russia|belarus)\b/iu.test(right))
      return 'deported';
    // "liquidated 200 occupiers": said of people, not of things
    if (/^(?:liquidat|eliminat|neutrali)/.test(verb) && (kind === 'military' || kind === 'civilian')) return 'killed';
    if (/^(?:wound|injur)/.test(verb)) return 'wounded';
    if (/^evacuat/.test(verb)) return 'evacuated';
    if (/^(?:deport|abduct)/.test(verb)) return 'deported';
    if (/^displac/.test(verb)) return 'displaced';
    if (
      /^(?:captur|detain)/.test(verb) ||
      (/^t(?:ook|aking)/.test(verb) && /\b(?:prisoners?|hostages?|captive)\b/i.test(right))
    )
      return 'captured';
  }
  // "900 cases of civilians, including children and elderly people, being arbitrarily detained"
  const rightMetric = first(
    right
      .replace(/^([^,;]{0,40}?)\s*,\s*(?:including|among them|mostly|many of them)\b[^,;]{0,60},/i, '$1 ')
      .slice(0, 60),
  );
  if (rightMetric) {
    if (kind === 'none') {
      // a bare figure must be the verb's subject: "five killed", "18 injured", "millions were displaced"
      const verb =
        /^\s*(?:more\s+|(?:of\s+)?others?\s+|who\s+)?(?:people\s+)?(?:(?!and\b|or\b|have\b|has\b|had\b|were\b|was\b)[a-z-]+\s+){0,2}?(?:have\s+|has\s+|had\s+)?(?:already\s+)?(?:were\s+|was\s+|been\s+|are\s+|being\s+)*(?:internally\s+|reportedly\s+|also\s+|reported\s+|confirmed\s+|feared\s+|presumed\s+|(?:seriously|critically|severely|slightly|lightly|fatally|badly)\s+)?(\w+)/i.exec(
          right,
        );
      if (
        !verb ||
        !/(?:ed|^dead|^died|^fled|^left|^missing|^hurt)$/i.test(verb[1] as string) ||
        (!first(verb[1] as string) && !/^(?:forced|left|entered|crossed|fled|dead)$/i.test(verb[1] as string))
      )
        return null;
    }
    if (
      rightMetric === 'captured' &&
      kind === 'civilian' &&
      !/\b(?:hostages?|taking|detained|captured|captivity)\b/i.test(cue)
    )
      return null;
    return rightMetric;
  }
  // "Among the dead were 15 children": the group named before the figure
  // (also "The dead included seven children": the group as the subject of "included")
  const among =
    /\bamong (?:the|those)\s+(?:\S+\s+)?(dead|killed|victims|wounded|injured|missing)\b[^.;:]{0,20}$/i.exec(before) ??
    /\b(?:the|those)\s+(?:\S+\s+)?(dead|killed|victims|wounded|injured|missing)\s+(?:included|include|includes)\s+(?:(?:at least|about|around|more than|over|nearly|some)\s+)?$/i.exec(
      before,
    );
  if (among && kind !== 'none') {
    const group = (among[1] as string).toLowerCase();
    return /^(?:wounded|injured)$/.test(group) ? 'wounded' : group === 'missing' ? 'missing' : 'killed';
  }
  const leftMetric = first(before.slice(-30));
  if (
    leftMetric &&
    kind !== 'none' &&
    /\b(?:kill\w*|lost|los\w+|wound\w*|injur\w*|evacuat\w*|deport\w*|displac\w*|captur\w*|taking|detain\w*|eliminat\w*|deaths of)\s+(?:\S+\s+){0,3}$/i.test(
      before,
    )
  )
    return leftMetric;
  if (kind === 'military' && /\b(?:lost|lose|losing)\b,?\s+(?:\S+\s+){0,4}$/i.test(before)) return 'killed';
  // "destroyed 120 Russian servicemen" (Ukrainian military usage): killed
  if (
    kind === 'military' &&
    /\bdestroy(?:ed|ing)\s+(?:(?:at least|about|around|more than|over|nearly|almost|some|another|up to)\s+)?$/i.test(
      before,
    )
  )
    return 'killed';
  // soldiers in a sentence about detention ("detainees … except a group of 87 Russian sailors"): captives
  if (
    kind === 'military' &&
    /\b(?:detainees?|detention|detained|captivity|held captive|prisoners? of war|POWs?)\b/i.test(sentence) &&
    !/\b(?:killed|died|dead|wounded|injured)\b/i.test(sentence)
  )
    return 'captured';
  // a plain count of soldiers is a troop figure when it is large or deployed ("two soldiers laid a wreath" is not)
  if (kind === 'military' && head !== 'prisoners' && head !== 'pows')
    return DEPLOY.test(cue) || value >= 100 ? 'troops' : null;
  if (kind === 'military') return 'captured';
  return null;
}

export function personSide(metric: Metric, kind: Counted['kind'], near: string, sentence: string, left: string): Side {
  if (metric === 'refugees' || metric === 'displaced' || metric === 'evacuated' || metric === 'deported')
    return 'civilians';
  const nationality = nearestSide(near);
  if (kind === 'military' || metric === 'troops') {
    if (nationality === 'russian') return 'russian-military';
    if (nationality === 'ukrainian') return 'ukrainian-military';
    if (nationality === 'other') return 'other';
    // no nationality next to the figure: a Western subject before it with no Russian one ("the US has
    // moved 3,000 troops"), else Russia anywhere in the sentence (massing news), else the West, else Ukraine
    const stripped = withoutLocations(sentence);
    if (OTHER_FORCE.test(left) && !RUSSIAN.test(left)) return 'other';
    if (RUSSIAN.test(stripped)) return 'russian-military';
    if (OTHER_FORCE.test(stripped)) return 'other';
    return UKRAINIAN.test(stripped) ? 'ukrainian-military' : 'unknown';
  }
  if (kind === 'civilian') {
    if (/\b(?:base|airbase|military|army)\b/i.test(sentence)) return 'unknown';
    return 'civilians';
  }
  if (kind === 'none' && metric === 'killed' && /\b(?:soldiers|troops|servicemen)\b/i.test(sentence))
    return sideOfPeople(left, sentence);
  if (kind === 'none' && /\b(?:base|airbase)\b/i.test(sentence)) return 'unknown';
  return kind === 'none' ? 'civilians' : 'unknown';
}
