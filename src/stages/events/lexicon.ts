// Trigger rules: the words and phrases that name an event, each mapped to an event type and
// sub-event type. Rules are tried in order over a clause; the first rule that matches (and is
// not ruled out by the modality checks in modality.ts) gives the clause its event. README.md
// lists them in prose.

import type { EventType } from './taxonomy.js';

export interface TriggerRule {
  id: string;
  type: EventType;
  subtype: string;
  /** Matched case-insensitively over the clause; the match is the trigger. */
  pattern: RegExp;
  /** The clause must also match this (weapon words, a sub-country place…), when given. */
  needs?: RegExp;
  /** The rule is skipped when the clause matches this. */
  unless?: RegExp;
}

const W = String.raw`(?:[\w.'’-]+\s+)`;
const WEAPON_AIR =
  /\b(?:drones?|shaheds?|kamikaze|air ?strikes?|airstrikes?|air raids?|aircraft|warplanes?|jets?|helicopters?|bombers?)\b/i;
const WEAPON_FIRE =
  /\b(?:missiles?|rockets?|artillery|shell(?:s|ing|ed)?|mortars?|grads?|mlrs?|multiple launch|tornado|uragan|smerch|himars|howitzers?|cluster munitions?|barrages?|bombard\w*)\b/i;

const rule = (
  id: string,
  type: EventType,
  subtype: string,
  pattern: string,
  extra: Partial<Pick<TriggerRule, 'needs' | 'unless'>> = {},
): TriggerRule => ({ id, type, subtype, pattern: new RegExp(`\\b(?:${pattern})\\b`, 'gi'), ...extra });

/** In priority order. */
export const TRIGGER_RULES: readonly TriggerRule[] = [
  // Violence against civilians: the specific acts first.
  rule(
    'sexual-violence',
    'Violence against civilians',
    'Sexual violence',
    String.raw`rap(?:ed|es|ing)|sexual (?:violence|assault|abuse)`,
  ),
  rule(
    'abduction',
    'Violence against civilians',
    'Abduction/forced disappearance',
    String.raw`abduct(?:ed|ion|ions|ing)|kidnapp?(?:ed|ing)|forcibly (?:deported|disappeared|transferred)|deportation of (?:\w+ ){0,2}children`,
  ),
  rule('suicide-bomb', 'Explosions/Remote violence', 'Suicide bomb', String.raw`suicide (?:bomb\w*|attack\w*)`),
  rule('grenade', 'Explosions/Remote violence', 'Grenade', String.raw`grenades?`),
  // Disrupted weapons use comes before the strikes it stops ("shot down 20 drones").
  rule(
    'intercept',
    'Strategic developments',
    'Disrupted weapons use',
    String.raw`(?:shot|shooting) down|intercept(?:ed|ing)|downed|defused|demined|(?:destroyed|neutrali[sz]ed) ${W}{0,3}(?:missiles?|drones?|rockets?)`,
  ),
  // Explosions / remote violence.
  rule(
    'drone-strike',
    'Explosions/Remote violence',
    'Air/drone strike',
    String.raw`(?:air|drone|aerial) (?:strikes?|attacks?|raids?)|airstrikes?|air-strikes?|(?:kamikaze |shahed )?drones? (?:hit|struck|attacked|targeted|slammed)|bombed|bombing(?:s)? (?:of|on)|(?:jets?|aircraft|warplanes?|helicopters?) (?:struck|hit|attacked|bombed|fired)`,
  ),
  rule(
    'shelling',
    'Explosions/Remote violence',
    'Shelling/artillery/missile attack',
    String.raw`shell(?:ed|ing|s)|(?:artillery|mortar|rocket|missile|cruise missile|ballistic missile) (?:fire|strikes?|attacks?|barrages?)|missile and drone (?:strikes?|attacks?)|barrages? of|bombard(?:ed|ment|ments|ing)|(?:missiles?|rockets?|shells?) (?:hit|struck|slammed|landed|rained)|(?:fired|launched) ${W}{0,4}(?:missiles?|rockets?|shells?)|struck(?! (?:a|an|the)? ?(?:deal|agreement|accord|chord|balance|tone|down))|strikes? (?:on|against|at)`,
  ),
  rule(
    'explosion',
    'Explosions/Remote violence',
    'Remote explosive/landmine/IED',
    String.raw`(?:blew|blown) up|(?:destruction|breach|attack) (?:of|on) (?:the )?${W}{0,3}(?:dam|bridge)|act of terror|terror(?:ist)? attacks?|explosions?(?! of (?:open |the )?(?:war|violence|anger|support|interest))|blasts?|exploded|detonat(?:ed|ion|ions)|(?:land)?mines? (?:exploded|blast)|car bomb|booby[- ]trap\w*|improvised explosive|ieds?|sabotage`,
  ),
  // Territory.
  rule(
    'regain',
    'Battles',
    'Government regains territory',
    String.raw`liberat(?:ed|ing|ion of)|retook|retaken|recaptur(?:ed|ing|e of)|regained control|took back|taken back|de-?occupied`,
  ),
  rule(
    'overtake',
    'Battles',
    'Non-state actor overtakes territory',
    String.raw`captured|capture of|seiz(?:ed|ure of)|(?:took|taken|take|gained|seized) (?:full )?control(?: of| over)?|fell to|overr(?:a|u)n|took over`,
    { unless: /\b(?:power plant|nuclear plant)\b.*\bseiz/i },
  ),
  rule('annex', 'Strategic developments', 'Non-violent transfer of territory', String.raw`annex(?:ed|ing|ation of)`),
  // Riots before the clashes they involve ("rioters clashed with police").
  rule(
    'riot',
    'Riots',
    'Violent demonstration',
    String.raw`riot(?:s|ed|ing|ers)?|violent (?:protests?|demonstrations?)|mob`,
  ),
  // Battles.
  rule(
    'clash',
    'Battles',
    'Armed clash',
    String.raw`clash(?:es|ed)?|skirmish(?:es)?|firefights?|gunfights?|ambush(?:ed)?|fierce fighting|heavy fighting|fighting (?:in|near|around|for|on|continue\w*|raged)|battles? (?:for|near|around|raged)|killed in (?:combat|action|battle|fighting)|repell?(?:ed|ing)|repuls(?:ed|ing)|counter-?attack(?:ed|s)?|counteroffensive (?:in|near|around)|assault on|stormed|advanced (?:on|towards?|into)`,
  ),
  // Generic "attack": typed by the weapon words in the clause (README: "attack resolution").
  rule('attack', 'Battles', 'Armed clash', String.raw`attack(?:ed|s|ing)?|(?:came|come|comes) under (?:fire|attack)`, {
    unless: /\b(?:attack(?:ed|s)? on (?:ukraine|russia)\b(?! ?['’]s)|cyber ?-?attacks?|heart attack|panic attack)/i,
  }),
  // Violence against civilians: killings without a weapon that would make them an explosion.
  rule(
    'civilians-killed',
    'Violence against civilians',
    'Attack',
    String.raw`(?:shot|executed|tortured|massacred|murdered|killed) ${W}{0,3}(?:civilians?|residents|villagers|children|journalists?|volunteers?)|(?:civilians?|residents|villagers|children|journalists?|volunteers?) (?:were |was )?(?:shot|executed|tortured|massacred|murdered)|massacre|mass graves?`,
  ),
  // Protests.
  rule(
    'protest',
    'Protests',
    'Peaceful protest',
    String.raw`protest(?:ed|ers|ors|s)?|rall(?:y|ies|ied) (?:in|against|outside|for)|demonstrations?|demonstrators|marched|pickets?|anti-war (?:rally|march|vigil)`,
    { unless: /\bprotest(?:ed|s)? (?:against|at) (?:the )?(?:decision|move|plan)/i },
  ),
  // Strategic developments.
  rule(
    'arrest',
    'Strategic developments',
    'Arrests',
    String.raw`arrest(?:ed|s|ing)?|arrest of|detain(?:ed|s|ing)|detention of|taken into custody|apprehended`,
    { unless: /\b(?:house arrest|arrest warrants?)\b/i },
  ),
  rule(
    'agreement',
    'Strategic developments',
    'Agreement',
    String.raw`(?:signed|reached|struck|agreed|concluded|brokered) ${W}{0,3}(?:deal|agreement|accord|ceasefire|truce|memorandum)|(?:ceasefire|truce) (?:took effect|agreed|announced)|prisoner (?:swap|exchange)s?|exchanged ${W}{0,2}prisoners|swap of prisoners`,
  ),
  rule(
    'mobilisation',
    'Strategic developments',
    'Change to group/activity',
    String.raw`(?:announced|declared|ordered) ${W}{0,2}(?:mobili[sz]ation|martial law)|(?:troops|forces|units) (?:withdrew|pulled back|pulled out|retreated|were redeployed)|withdrawal of ${W}{0,2}(?:troops|forces)`,
  ),
  rule(
    'base',
    'Strategic developments',
    'Headquarters or base established',
    String.raw`(?:established|set up|opened|built) ${W}{0,2}(?:military )?(?:base|headquarters|command post)`,
  ),
  rule(
    'looting',
    'Strategic developments',
    'Looting/property destruction',
    String.raw`loot(?:ed|ing|ers)|pillag(?:ed|ing)|ransack(?:ed|ing)|torched|set fire to|burn(?:ed|t) down`,
  ),
  // Humanitarian.
  rule(
    'corridor',
    'Humanitarian',
    'Humanitarian corridor',
    String.raw`humanitarian corridors?|safe passage|green corridors?`,
  ),
  rule('evacuation', 'Humanitarian', 'Evacuation', String.raw`evacuat(?:ed|ion of|ions of|ing)|rescued`),
  // Legal.
  rule(
    'investigation',
    'Legal',
    'Investigation',
    String.raw`(?:opened|launched|began|started|initiated) ${W}{0,3}(?:investigations?|probes?|inquir(?:y|ies)|criminal (?:case|proceedings))|(?:is|are|was|were) investigating|exhum(?:ed|ation|ations)|arrest warrants?`,
  ),
  // Diplomacy.
  rule(
    'sanctions',
    'Diplomacy',
    'Sanctions',
    String.raw`(?:imposed|announced|introduced|adopted|slapped|unveiled|expanded|extended|approved|agreed) ${W}{0,4}sanctions|sanctioned|blacklisted|(?:new|fresh|latest|further|additional) ${W}{0,3}sanctions|sanctions package`,
  ),
  rule(
    'vote',
    'Diplomacy',
    'Vote/resolution',
    String.raw`(?:adopted|passed|approved|backed|vetoed) ${W}{0,4}resolution|resolution ${W}{0,8}(?:adopted|passed|approved)|voted (?:for|against|on|to|in favour|in favor)|referend(?:um|ums|a)`,
  ),
  rule(
    'talks',
    'Diplomacy',
    'Talks/meeting',
    String.raw`(?:held|holding|hold|had|began|opened|resumed) ${W}{0,2}talks|talks (?:with|between|in)|negotiations (?:with|between|in)|met(?: with)?(?! (?:with )?(?:criticism|resistance|scepticism|skepticism)\b)|meeting (?:with|between|of)|(?:after|before|during|while|at) (?:a |the )?meeting|(?:a |the )?summit|phone (?:call|conversation|talks) with|spoke (?:by phone )?with|(?:defen[cs]e|peace) talks`,
  ),
];

/** The weapon words that type a generic "attack" or "strike": air means an air/drone strike. */
export function weaponSubtype(clause: string): string | null {
  if (WEAPON_AIR.test(clause)) return 'Air/drone strike';
  if (WEAPON_FIRE.test(clause)) return 'Shelling/artillery/missile attack';
  return null;
}

/** Words naming civilian targets. */
export const CIVILIAN_TARGET =
  /\b(?:civilians?|residents?|villagers|children|kids|journalists?|volunteers?|families|family|pensioners|women|hospitals?|schools?|kindergartens?|apartment|residential|homes?|houses?|shopping|market|train station|church|cathedral)\b/i;
