// The sentence rule shared by select-test2.mjs and select-dev2.mjs (claims gold, strata 5 and 6):
// sentences of a text with their offsets, numbers, the first conflict-keyword list, test2's wider
// list, and "a figure followed at most one word later by a plural noun that is not a unit".

import { sentenceEnd } from '../../dist/src/stages/time/context.js';

export function split(text) {
  const out = [];
  for (let s = 0; s < text.length; ) {
    const e = Math.max(sentenceEnd(text, s), s + 1);
    let a = s;
    while (a < e && /\s/.test(text[a])) a++;
    let b = e;
    while (b > a && /\s/.test(text[b - 1])) b--;
    if (b > a) out.push([a, b]);
    s = e;
  }
  return out;
}

const NUMW =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|dozens?|tens|scores';
export const NUM = new RegExp(`\\d|\\b(?:${NUMW})\\b`, 'i');
export const KW =
  /\b(?:kill|dead|death|died|wounded|injur|missing|captur|prisoner|POW|displaced|refugee|fled|evacuat|destroy|damag|shot down|tanks?\b|drones?\b|missiles?\b|troops|soldiers|vot(?:e|es|ed|ing)\b|abstain|aid\b|assistance|sanction|deport|hostage|detain|shell|strike|attack|casualt|lost\b|losses)/i;
export const KW2 =
  /(?:\b(?:people|persons|civilians|children|residents|inhabitants|servicem[ae]n|personnel|fighters|mercenaries|conscripts|reservists|recruits|mobili[sz]\w*|troop|soldier|forces|army|armies|battalions?|brigades?|units|victims|bodies|graves|lives|fatalit\w*|toll|weapons|arms|artillery|howitzers|rockets|shells|ammunition|rounds|vehicles|armou?red|aircraft|planes|jets|helicopters|warships|ships|vessels|boats|systems|launchers|guns|HIMARS|Javelins?|Stingers?|hit|struck|targeted|fired|launched|intercepted|downed|bomb\w*|raids?|assault\w*|offensive|battles?|fighting|clash\w*|exchanged?|swap\w*|released|freed|rescued|surrender\w*|flee\w*|escaped?|exodus|crossed|shelters?|humanitarian|donat\w*|pledg\w*|package|funds?|funding|loans?|grants?|billions?|millions?|dollars|euros|pounds|frozen|freez\w*|assets|embargo|homes|houses|buildings|apartments|schools|hospitals|infrastructure)\b|[$€£])/i;

const UNIT =
  /^(?:years?|days?|hours?|minutes?|seconds?|weeks?|months?|percent|per|km|kilomet\w*|miles?|metres?|meters?|feet|mm|tonnes?|tons?|times|points?|degrees?|am|pm|a\.m|p\.m|GMT|cubic)\b/i;
const FIG =
  /\b(\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|dozens?)\s+(?:(?:[A-Za-z-]+)\s+)?([a-z]+s)\b/g;
export const countsSomething = (s) =>
  [...s.matchAll(FIG)].some(
    (m) => !UNIT.test(s.slice((m.index ?? 0) + (m[1] ?? '').length).trim()) && !/^\d{4}$/.test(m[1] ?? ''),
  );
