// The turns of a transcript: who holds the floor at each point of a text whose speakers are labelled.
// White House transcripts label turns in capitals at a line's start ("PRESIDENT BIDEN:", "MR. KIRBY:",
// "SENIOR ADMINISTRATION OFFICIAL:"); Kremlin transcripts by name, the first at a paragraph's start or
// after "* * *" ("President of Russia Vladimir Putin: Good afternoon…") and the next ones inline after a
// sentence ("… All right. Maria Lvova-Belova: Regarding evacuated residents…"). The guidelines give a
// figure in a turn to the turn's speaker (a transcript's "THE PRESIDENT:" turn is the president's), so a
// figure with no claimant of its own takes the label's speaker. Role-only labels that name nobody
// ("THE PRESIDENT", "Q", "AUDIENCE MEMBER") are left to the caller (the title names the president) or to
// nobody. A mixed-case label opening a short line ("Zelensky: Russia has lost 300 soldiers" as a
// headline) starts no turn unless the text holds a second label: a headline is not a transcript.

import { resolveMention } from '../../resources/entities-kb.js';

export interface Turn {
  /** Where the label starts and where its turn's text starts. */
  start: number;
  from: number;
  /** The label as written ("PRESIDENT BIDEN", "President of Russia Vladimir Putin"). */
  label: string;
  /** The speaker: the knowledge base's name when linked, else the label without honorifics; null for roles naming nobody. */
  claimant: string | null;
  claimantEntity: string | null;
}

/** Capital labels at a line's start: "PRESIDENT BIDEN:", "MS. JEAN-PIERRE:", "Q:". */
const UPPER = /^([A-Z][A-Z.'’ -]{0,40}):[ \t]/gm;
/** A colon that may close a name label: a capital (or an opening quote and a capital) after it. */
const COLON = /:[ \t]+(?=["“]?\p{Lu})/gu;
const CAPITAL_WORD = /^\p{Lu}[\p{L}.'’-]*$/u;

/**
 * The run of capitalised words (with "of", "for", "the", "and" between them; at most ten) that ends
 * right before `colon`, or '' ("President of Russia Vladimir Putin" before ": Good afternoon").
 */
function labelBefore(text: string, colon: number): string {
  // "… Minister : Mr President" (a space before the colon in some transcripts)
  const close = text[colon - 1] === ' ' ? colon - 1 : colon;
  let start = close;
  let first = close;
  for (let k = 0; k < 14 && start > 0; k++) {
    let end = start;
    if (k > 0) {
      if (text[end - 1] !== ' ') break;
      end--;
    }
    let i = end;
    while (i > 0 && !/\s/.test(text[i - 1] as string)) i--;
    const word = text.slice(i, end);
    // a word closing the sentence before ("… the Defence Ministry. Vladimir Putin:") is not the label's
    if (k > 0 && /[.!?]$/.test(word) && !/^(?:Mr|Mrs|Ms|Dr|St|\p{Lu})\.$/u.test(word)) break;
    if (CAPITAL_WORD.test(word)) first = i;
    else if (!SMALL.has(word)) break;
    start = i;
  }
  if (first === close || /[.]$/.test(text.slice(first, close))) return '';
  return text.slice(first, close);
}
/** Labels that name no one: questions, audiences, aides, operators; "THE …" roles are the title's business. */
const NOBODY =
  /^(?:Q|A|AUDIENCE(?: MEMBERS?)?|PARTICIPANTS?|OPERATOR|(?:[A-Z]+ )*AIDE|(?:[A-Z]+ )*STAFF|REPORTER|CROWD|VOICES?|INTERPRETER|TRANSLATOR)$/;
const SPEAKER_ROLE =
  /\b(?:PRESIDENT|MINISTER|SECRETARY|OFFICIALS?|MODERATOR|SPOKES(?:MAN|WOMAN|PERSON)|AMBASSADOR|ADMINISTRATOR|DIRECTOR|CHAIR(?:MAN|WOMAN)?|LEADER|SENATOR|GOVERNOR|MAYOR|CHANCELLOR|GENERAL|ADMIRAL|COMMANDER|ADVISER|ADVISOR|COORDINATOR|SPEAKER|LADY|ENVOY|CHIEF)\b/;
const NAME_AFTER_ROLE =
  /^.*\b(?:President|Minister|Secretary|Governor|Mayor|Head|Director|Chairman|Chair|Commissioner|Envoy|Ambassador|Spokesman|Spokeswoman|Adviser|Advisor|Aide|Chief|Commander|General|Speaker|Prosecutor|Ombudsman|Representative|Deputy|Chancellor|Premier)\s+/;
const HONORIFIC = /^(?:MR|MRS|MS|DR|MISS)\.?\s+/i;
const SMALL = new Set(['of', 'for', 'the', 'and']);

const titleCase = (s: string) =>
  s
    .toLowerCase()
    .split(/(\s+|-)/)
    .map((w, i) => (i > 0 && SMALL.has(w) ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join('');

function resolvePerson(text: string, date: string | null): { name: string; id: string } | null {
  const r = resolveMention(
    { text, type: 'person' },
    { date: date ? date.slice(0, 10) : null, countries: [], text: '' },
  );
  return r && r.type === 'person' ? { name: r.name, id: r.id } : null;
}

/**
 * The labelled turns of a text, in order; [] when it is not a transcript. `persons` are the spans of the
 * person mentions the entities stage found (a name label the knowledge base does not know must be one).
 */
export function transcriptTurns(
  text: string,
  date: string | null = null,
  persons: readonly { start: number; end: number }[] = [],
): Turn[] {
  const upper: Turn[] = [];
  for (const m of text.matchAll(UPPER)) {
    const label = (m[1] as string).trim();
    if (label.length < 1) continue;
    const start = m.index ?? 0;
    const from = start + m[0].length;
    if (/^THE\s/.test(label) || NOBODY.test(label)) {
      upper.push({ start, from, label, claimant: null, claimantEntity: null });
      continue;
    }
    const bare = titleCase(label.replace(HONORIFIC, ''));
    const person = resolvePerson(bare, date);
    // a speaker: a known person, an honorific or a role ("EXCLUSIVE:", "USA:" open news lines, not turns)
    if (!person && !HONORIFIC.test(label) && !SPEAKER_ROLE.test(label)) continue;
    upper.push({ start, from, label, claimant: person?.name ?? bare, claimantEntity: person?.id ?? null });
  }
  // a reporter's question without a colon ("Q And will you commit …", "Q (As interpreted.) …") ends a turn too
  for (const m of text.matchAll(/^Q(?=[ \t]+[\p{Lu}(])/gmu)) {
    const start = m.index ?? 0;
    if (!upper.some((t) => t.start === start))
      upper.push({ start, from: start + 1, label: 'Q', claimant: null, claimantEntity: null });
  }
  upper.sort((a, b) => a.start - b.start);
  // two capital labels make a transcript (one could be a shouted headline's source)
  if (upper.length >= 2) return upper;
  const named: Turn[] = [];
  // each colon followed by a capital, then the run of capitalised words (and "of", "for"…) before it
  for (const c of text.includes(': ') ? text.matchAll(COLON) : []) {
    const colon = c.index ?? 0;
    const label = labelBefore(text, colon);
    if (!label) continue;
    const start = text.lastIndexOf(label, colon);
    const before = text.slice(Math.max(0, start - 8), start);
    // the first turn opens a paragraph or follows "* * *"; later ones may follow a sentence
    const hard = start === 0 || /(?:\n|\*)\s*$/.test(before);
    if (!hard && !(named.length > 0 && /[.!?…"”]\s+$/.test(before))) continue;
    if (!/\p{Ll}/u.test(label)) continue; // capitals are the other kind of label
    // the person after the role words: "Acting Emergency Situations Minister Alexander Chupriyan"
    // (or the person the entities stage found at the label's end: "Director of the FSB Alexander Bortnikov")
    const labelEnd = start + label.length;
    const found = persons.find((p) => p.end === labelEnd && p.start >= start);
    const name = found ? text.slice(found.start, labelEnd) : label.replace(NAME_AFTER_ROLE, '');
    let person = resolvePerson(label, date) ?? resolvePerson(name, date);
    // a garbled label ("Defence Minister Sergei Shoigu Shoigu SergeiDefence Minister"): two words naming a known person
    const parts = label.split(/\s+/);
    for (let k = 0; !person && !found && k + 1 < parts.length && k < 8; k++)
      person = resolvePerson(`${parts[k]} ${parts[k + 1]}`, date);
    const words = name.split(/\s+/).filter((w) => !SMALL.has(w));
    // a name the knowledge base does not know must be a person the entities stage found ("Maria
    // Lvova-Belova"), not a heading ("Stronger Deterrence and Defense:", "Support for Ukraine:")
    if (!person && !(found && words.length >= 2 && words.length <= 4)) continue;
    named.push({
      start,
      from: colon + c[0].length,
      label,
      claimant: person?.name ?? name,
      claimantEntity: person?.id ?? null,
    });
  }
  if (named.length === 0) return upper;
  // news articles open paragraphs with "Name: …" as section headings ("Bernie Sanders: Credit scores",
  // "Rubio: Finish second."), one per candidate: a dialogue gives some speaker the floor twice, and a
  // Kremlin transcript names a role in a label or separates its parts with "* * *"
  const floor = new Set<string>();
  const dialogue =
    named.some((t) => {
      const again = floor.has(t.claimant ?? t.label);
      floor.add(t.claimant ?? t.label);
      return again;
    }) ||
    named.some((t) => NAME_AFTER_ROLE.test(`${t.label} `) && t.label.replace(NAME_AFTER_ROLE, '') !== t.label) ||
    /\*\s*\*\s*\*/.test(text);
  if (named.length > 1 && !dialogue) return upper;
  // a single name label opening a short line is a headline's source, not a speech
  if (named.length === 1) {
    const t = named[0] as Turn;
    const lineEnd = text.indexOf('\n', t.from);
    if ((lineEnd < 0 ? text.length : lineEnd) - t.from < 200) return upper;
  }
  return named;
}

/** The turn holding offset `at`, or null (before the first label). */
export function turnAt(turns: readonly Turn[], at: number): Turn | null {
  let found: Turn | null = null;
  for (const t of turns) {
    if (t.from > at) break;
    found = t;
  }
  return found;
}
