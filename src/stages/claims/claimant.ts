// Who says so: the claimant of a figure read from its sentence. Patterns: "according to X",
// "X said/says/claimed/reported/announced…", "…, said X", "X was quoted as saying", "reported by
// X", "X, …, saying …"; a pronoun subject ("he said") is the last person named before the sentence.
// A run-on sentence ("…losses.The data shows 15 tanks…") keeps the attribution of its first part. The noun phrase found is
// trimmed of time words and "the data provided by"-style wrappers; linking to the knowledge base
// is the stage's job (resolveMention), so this module stays a pure function of the text.

export interface ClaimantPhrase {
  /** The claimant as written ("Ukraine's health minister", "he"). */
  text: string;
  start: number;
  end: number;
  /** How it was found. */
  pattern:
    | 'according-to'
    | 'subject'
    | 'inverted'
    | 'quoted-as'
    | 'pronoun'
    | 'by'
    | 'participle'
    | 'headline'
    | 'report';
}

const VERBS =
  'said|says|say|claimed|claims|claim|reported|reports|report|told|tells|announced|announces|announce|estimated|estimates|stated|states|noted|notes|added|adds|believes|confirmed|confirms|described|describes|wrote|writes|informs|informed|indicated|indicates|insisted|insists|explained|explains|warned|warns|acknowledged|admitted|found|showed|shows|alleged|alleges|declared|declares|disclosed|revealed|emphasi[sz]ed|stressed|stresses|underlined|underscored|reminded|reminds|recalled|recalls|briefed|provided an update|provides an update|gave an update|pointed out|pointed|put the figure|put the toll|said in a statement|documented|documents|recorded|records|identified|discovered|discovers|finds|mentioned|mentions|counted|tallied|verified|concluded|concludes|argued|argues|testified|testifies|calculated|calculates|show|published (?:new |the |its )?(?:information|data|figures|statistics|estimates|a report|an update)|released (?:new |the |its )?(?:information|data|figures|statistics|estimates|a report|an update)';
const SUBJECT_VERB = new RegExp(
  String.raw`(?:^\s*|\n\s*|[,;:(—–"“”]\s*|\s-\s|[.!?]\s*|\b(?:that|and|but|while|as|meanwhile|however|when|where|which|whom|after|before|since|because|although|though|until|once|whereas)\s+)((?:[\p{L}\p{N}.'’\-&]+[ \t]+){0,8}?[\p{L}\p{N}.'’\-&]+)(?<!\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Tt]his|[Ll]atest|[Nn]ew))[ \t]+(?:(?:has|have|had|also|previously|later|earlier|reportedly|repeatedly|then|now|on\s+\w+|last\s+\w+|this\s+\w+|in\s+a\s+\w+)\s+)*(?:${VERBS})\b`,
  'gu',
);
/** "He reaffirmed … and provided an update on …": the opening subject, its first verb, then "and" + a reporting verb. */
const COORDINATED = new RegExp(
  String.raw`^\s*((?:\p{Lu}[\p{L}.'’\-&]*[ \t]+){0,3}\p{Lu}[\p{L}.'’\-&]*)[ \t]+(?:also[ \t]+)?\p{Ll}{3,}ed\b[^.;:!?]{0,160}?\band[ \t]+(?:also[ \t]+)?(?:${VERBS})\b`,
  'u',
);
/** A name in quotation marks before its verb: volunteers of the “Information Resistance” identified 263 … */
const QUOTED_NAME = new RegExp(
  String.raw`[“"«]((?:\p{Lu}[\p{L}\p{N}.'’\-&]*[ \t]+){0,5}\p{Lu}[\p{L}\p{N}.'’\-&]*)[”"»][ \t]+(?:(?:has|have|had|also)[ \t]+)*(?:${VERBS})\b`,
  'gu',
);
/** "a report detailing / documenting / that found …": a document reporting the figure after it. */
const REPORT_DETAILING =
  /\b(?:a|an|the|its|their|his|her)\s+(?:new\s+|latest\s+|recent\s+)?(?:report|study|survey)\s+(?:that\s+|which\s+)?(?:detail(?:s|ed|ing)|document(?:s|ed|ing)|record(?:s|ed|ing)|list(?:s|ed|ing)|found|finds|finding|show(?:s|ed|ing)|estimat(?:es|ed|ing))\b/gi;
const DATA_SHOW =
  /(?:^|[,;:(—–]\s*|\s-\s)((?:[Tt]he\s+)?(?![Tt]he\b)\p{Lu}[\p{L}.'’-]*(?:\s+[\p{L}.'’-]+){0,3}?\s+(?:official\s+)?(?:figures|data|statistics|estimates|numbers))\s+(?:show|showed|suggest|suggested|indicate|indicated)\b/gu;
/**
 * A subject, an apposition or relative clause between commas, then the reporting verb: "The Institute for
 * the Study of War, a US think tank, said …", "Russia's Defence Ministry, which gives rare updates, said …".
 * The subject is the name before the first comma, not the apposition.
 */
const APPOSITIVE = new RegExp(
  String.raw`(?:^\s*|[.;:!?]\s+|\b(?:that|and|but|while)\s+)((?:the\s+)?\p{Lu}[\p{L}\p{N}.'’\-&]*(?:[ \t]+[\p{L}\p{N}.'’\-&]+){0,7}?),[ \t]+((?:an?|the|who|which|known as|its|his|her|their)[ \t][^,;:.!?]{2,90}?),[ \t]+(?:(?:has|have|had|also|earlier|later|previously|on[ \t]+\w+)[ \t]+)*(?:${VERBS})\b`,
  'gu',
);
/** ", Ivan Petrenko of the regional council, said": a person's name (two to four capitalised words) between commas before the verb. */
const NAMED_APPOSITION = new RegExp(
  String.raw`,[ \t]+(\p{Lu}[\p{L}.'’-]+(?:[ \t]+\p{Lu}[\p{L}.'’-]+){1,3})(?:[ \t]+(?:of|from|at|with|for)[ \t][^,;:.!?]{2,60}?)?,[ \t]+(?:(?:has|have|had|also|earlier|later|on[ \t]+\w+)[ \t]+)*(?:${VERBS})\b`,
  'gu',
);
const INVERTED_VERBS =
  'said|says|added|adds|noted|notes|wrote|writes|informs|informed|explained|explains|stated|states|reported|reports|claimed|claims|insisted|warned|told|tells';
const INVERTED = new RegExp(
  String.raw`(?:[,"”]|\s[-–—])\s*(?:${INVERTED_VERBS})\s+((?:the\s+)?(?:[\p{L}\p{N}.'’\-&]+\s+){0,6}?[\p{L}\p{N}.'’\-&]+?)\s*(?=[,;:!?]|\.(?=\s|$)|$|\s(?:on|in|at|who|which|during|after|before|adding)\b)`,
  'gu',
);
// Words are separated by mandatory white space: `(?:word\s*){1,10}` could split one long word
// into ten parts in exponentially many ways (a 40-digit number after "according to" hung).
const ACCORDING =
  /\baccording to\s+([\p{L}\p{N}.'’\-&/]+(?:\s+[\p{L}\p{N}.'’\-&/]+){0,9}?\s*)(?=[,;:!?)—–]|\.(?=\s|$)|\s-\s|\s*\b(?:citing|cited|who|which|quoted|on|in a|as|that|but|and said)\b|$)/giu;
const QUOTED_AS = /\b((?:[\p{L}\p{N}.'’\-&]+\s+){0,6}?[\p{L}\p{N}.'’\-&]+)\s+(?:was|were)\s+quoted\s+as\s+saying\b/giu;

/** "…were confirmed by the regional governor", "as reported by Reuters": the agent of a reporting participle. */
const BY =
  /\b(?:reported|confirmed|announced|estimated|stated|recorded|documented|verified|published|released|cited|quoted|counted)\s+(?:officially\s+|publicly\s+|earlier\s+)?by\s+((?:the\s+)?[\p{L}\p{N}.'’\-&]+(?:\s+[\p{L}\p{N}.'’\-&]+){0,7}?\s*)(?=[,;:!?)—–]|\.(?=\s|$)|\s-\s|\s*\b(?:on|in|at|as|and|who|which|that|last|this|earlier)\b|$)/giu;
/** "the announcement by US President Joseph Biden of a new $700 million package": the announcer (capitalised words only). */
const ANNOUNCEMENT_BY =
  /\b(?:announcement|statement|declaration)\s+by\s+((?:\p{Lu}[\p{L}.'’-]*\s+){0,4}\p{Lu}[\p{L}.'’-]*)/gu;
/** "Prigozhin, the head of Wagner, has launched a coup, saying he has 25,000 fighters": the sentence's subject. */
const PARTICIPLE =
  /^\s*((?:[\p{L}\p{N}.'’\-&]+\s+){0,5}?[\p{L}\p{N}.'’\-&]+?)(?:,[^,]{3,80},)?\s+(?:(?:has|have|had|also|on\s+\w+)\s+)*[\p{Ll}]+\b[^.;]*?,\s+(?:saying|adding|noting|claiming|stating|reporting|estimating|announcing|writing)\b/u;

const PRONOUN = /^(?:he|she|they|it|we|i)$/i;
/** "UN figures", "Ukrainian government data", "Pentagon estimates": a named author (capitalised, not an adjective alone) before a data noun. */
const DATA_OF =
  /^((?:[Tt]he\s+)?(?![Tt]he\b)\p{Lu}[\p{L}.'’-]*(?:\s+[\p{L}.'’-]+){0,3}?(?<!\b\p{Lu}\p{Ll}+(?:ian|ean|ese|ish|ern|an)))\s+(?:official\s+)?(?:figures|data|statistics|estimates|numbers|tallies|count)$/u;
/** Object pronouns after "according to" stand for their subject form: "according to him" is "he said". */
const OBJECT_PRONOUN: Record<string, string> = { him: 'he', her: 'she', them: 'they' };
/** A document standing for its author: "the report estimated", "the study found" (the stage resolves it like "it"). */
const REPORT =
  /^the\s+(?:(?:new|latest|same|UN|U\.N\.)\s+)?(?:report|study|survey|document|assessment|analysis|investigation|update)$/i;
/**
 * A headline's attribution: "UK intelligence: Russia has lost 15,000 troops" (a source before a colon
 * opening the line) or "…: senior defense official" / "… - Pentagon" closing it. Labels such as
 * "Update:" or "Video:" are not sources; places are rejected by the stage (it knows the entities).
 */
const HEADLINE_OPEN = /^\s*(\p{Lu}[\p{L}.'’\-&]*(?:\s+[\p{L}.'’\-&]+){0,4}):\s+\S/u;
const HEADLINE_CLOSE = /(?:\s[-–—]|:)\s+((?:[\p{L}.'’\-&]+\s+){0,4}[\p{L}.'’\-&]+)\s*$/u;
const LABEL =
  /^(?:update[sd]?|breaking(?: news)?|live(?: updates)?|watch|video|photos?|pictures|gallery|analysis|opinion|comment|editorial|exclusive|explainer|factbox|timeline|read more|see also|related|note|source|credit|listen|podcast|q|a|day \d+|report|reports|media|media reports|sources|ap|afp|reuters|cnn|bbc)$/i;
const NOT_A_CLAIMANT =
  /^(?:this|that|there|which|who|what|some|many|others?|one|experts|analysts|observers|critics|reports?|media reports|the latest reports|latest reports|recent reports|estimates|data|figures|the report|polls?|surveys?|you|people|everyone|nobody|sources)$/i;
const WRAPPER =
  /^(?:the\s+|an?\s+)?(?:latest\s+|recent\s+|new\s+|official\s+|preliminary\s+|updated\s+)?(?:data|figures|estimates?|forecasts?|reports?|information|assessments?|statements?|updates?|numbers|count|tally|calculations|intelligence\s+assessments?)\s+(?:\w+\s+)?(?:\w+\s+)?(?:of|from|by)\s+/i;
const TIME_TAIL =
  /\s+(?:on|last|this|earlier|late|early)\s+(?:\w+)$|\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|overnight)$|\s+in\s+a\s+(?:statement|briefing|post|interview|report|tweet)$/i;
const LEAD =
  /^(?:and|but|while|as|meanwhile|however|also|so|then|now|still|yet|even|in\s+turn|in\s+addition|separately|earlier|later)\s+/i;

/** Lower-case official sources that still name who says so: "officials", "local authorities", "police". */
const OFFICIAL =
  /^(?:[\p{L}-]+\s+){0,3}(?:officials?|authorities|prosecutors|investigators|police|military|government|ministry|governor|mayor|spokes(?:man|woman|person)|commanders?|intelligence|services|rescuers|administration|command|sources)$/iu;

/** Someone named by their tie to a person: "her friend", "his lawyer", "their spokesman" (one person, not a crowd). */
const POSSESSED = /^(?:his|her|their|its)\s+(?:[\p{Ll}-]+\s+)?[\p{Ll}-]+$/u;

/** Whether a phrase can name a claimant: a name, an organisation or "the …", not a fragment. */
export function plausibleClaimant(text: string): boolean {
  if (!text || NOT_A_CLAIMANT.test(text) || text.split(/\s+/).length > 9) return false;
  if (/^(?:and|but|or|so|then|also|as|while|when|if|because|although)$/i.test(text)) return false;
  if (
    /^(?:the\s+)?(?:\w+\s+)?(?:data|figures|reports?|estimates?|information|statistics|numbers|calculations)$/i.test(
      text,
    )
  )
    return false;
  if (
    !/\p{Lu}/u.test(text) &&
    !/^(?:the|a|an)\s+\S/i.test(text) &&
    !PRONOUN.test(text) &&
    !OFFICIAL.test(text) &&
    !POSSESSED.test(text)
  )
    return false;
  if (/^(?:a|an|the)\s+(?:estimated|total|further|additional)\b/i.test(text)) return false;
  return !/^(?:according\b|(?:the\s+)?(?:total|value|number|amount|sum|figure|toll|price|cost|rest|majority|bulk)\b)/i.test(
    text,
  );
}

function clean(raw: string): string {
  let s = raw
    .trim()
    .replace(/^[-.,;:!?—–\s"“'‘(]+|["”'’),.;:]+$/g, '')
    .replace(/\s+(?:there|here)$/i, '');
  for (let i = 0; i < 3; i++) {
    s = s.replace(LEAD, '').replace(WRAPPER, '').replace(TIME_TAIL, '').trim();
  }
  return s.replace(/\s+(?:has|have|had|also|previously|reportedly)$/i, '').trim();
}

/** Where a phrase sits in the sentence: its first occurrence at or after `from`. */
function locate(sentence: string, phrase: string, from: number): number {
  const at = sentence.indexOf(phrase, from);
  return at >= 0 ? at : sentence.indexOf(phrase);
}

/**
 * The claimant phrases of a sentence, nearest to `at` (the figure's offset in the sentence)
 * first. Offsets are relative to the sentence.
 */
export function claimantPhrases(whole: string, at = 0): ClaimantPhrase[] {
  // run-on sentences ("…border.According to NATO, …"): only the part holding the figure counts
  let partStart = 0;
  let partEnd = whole.length;
  for (const m of whole.matchAll(/(?<=\p{Ll}{2}|\d|["”’)])[.!?](?=\p{Lu}\p{Ll}|["“])/gu)) {
    const cut = (m.index ?? 0) + 1;
    if (cut <= at) partStart = cut;
    else if (cut < partEnd) partEnd = cut;
  }
  const leading = partStart > 0 ? leadingAccordingTo(whole.slice(0, partStart)) : null;
  const sentence = whole
    .slice(0, partEnd)
    .replace(/^[\s\S]*/, (all) => (partStart > 0 ? `${' '.repeat(partStart - 1)}.` : '') + all.slice(partStart));
  const found: ClaimantPhrase[] = [];
  const add = (raw: string, matchStart: number, pattern: ClaimantPhrase['pattern']) => {
    let text = clean(raw);
    // "for the first time it documents": a phrase ending in a pronoun is that pronoun
    const pronoun = /\s(he|she|it|they|we)$/i.exec(text);
    if (pronoun) text = pronoun[1] as string;
    text = OBJECT_PRONOUN[text.toLowerCase()] ?? text;
    // "He reaffirmed the support … and provided an update": a reporting verb coordinated with the
    // subject's first verb; the subject is the pronoun or name before that verb
    const coordinated =
      /^((?:\p{Lu}[\p{L}.'’-]*\s+){0,3}\p{Lu}[\p{L}.'’-]*)\s+(?:also\s+)?\p{Ll}{3,}ed\s[\s\S]*\band(?:\s+also)?$/u.exec(
        text,
      );
    if (coordinated) text = coordinated[1] as string;
    // a fragment begun inside a figure ("5,000 Russian troops killed - report"): not a subject
    if (/^\d|[-–—]$/.test(text)) return;
    // a phrase holding a figure is a clause, not a name (", said Russia had lost 300 tanks"): the stage
    // would drop it as a claimant, so it must not hide the sentence's real subject
    if (/(?<![\p{L}\d])\d/u.test(text) && pattern !== 'headline') return; // "G7 leaders" is a name
    // "UN figures show", "according to Ukrainian government data": the figures' author
    const source = DATA_OF.exec(text);
    if (source && !/^the$/i.test(source[1] as string)) text = (source[1] as string).trim();
    if (REPORT.test(text)) {
      const start = locate(sentence, text, matchStart);
      if (start >= 0) found.push({ text, start, end: start + text.length, pattern: 'report' });
      return;
    }
    if (!plausibleClaimant(text)) return;
    if (/^(?:[a-z]+\s+){3,}/.test(text) && !/^(?:the|a|an)\s/i.test(text)) return; // a clause, not a name
    const start = locate(sentence, text, matchStart);
    if (start < 0) return;
    found.push({ text, start, end: start + text.length, pattern: PRONOUN.test(text) ? 'pronoun' : pattern });
  };
  for (const m of sentence.matchAll(ACCORDING)) {
    // "…190,000 soldiers, which - according to the West - can be…": a relative clause after the
    // figure attributes its own statement, not the figure
    const index = m.index ?? 0;
    if (
      index > at &&
      /\b(?:which|who|whom|that|what)\s*[-–—,]?\s*$/i.test(sentence.slice(Math.max(0, index - 12), index))
    )
      continue;
    add(m[1] as string, index, 'according-to');
  }
  for (const m of sentence.matchAll(QUOTED_AS)) add(m[1] as string, m.index ?? 0, 'quoted-as');
  for (const m of sentence.matchAll(SUBJECT_VERB)) {
    const phrase = m[1] as string;
    // "has claimed the lives of", "an estimated 900,000": not reporting
    const rest = sentence.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 12);
    if (/^\s+the\s+lives/i.test(rest) || /\b(?:an?|the)$/i.test(phrase.trim())) continue;
    // the subject is the end of the phrase before the verb: its last words after a comma or a verb
    // (", which the campaign says includes …": the relative pronoun opens the clause, the subject follows it)
    const tail = (phrase.split(/\s+(?:is|are|was|were|has|have|had|will|would|can|could)\s+/i).pop() as string)
      .replace(/^(?:which|whom|that)\s+(?=\S)/i, '')
      // "The mayor spoke after the General Staff reported": the subordinate clause's own subject
      .split(/\s+(?:after|before|since|because|although|though|until|whereas|when|while|where|that)\s+(?=\S)/i)
      .pop() as string;
    if (/^(?:were|was|been|be|is|are)$/i.test(tail.split(/\s+/).pop() ?? '')) continue;
    const verb =
      m[0]
        .slice(m[0].lastIndexOf(phrase) + phrase.length)
        .trim()
        .split(/\s+/)
        .pop() ?? '';
    // nouns spelt like reporting verbs: "offered states billions", "in three key states."; a verb of
    // this kind has a subject that is no verb itself and an object after it
    if (
      /^(?:states|notes|records|documents|reports|claims|finds|show)$/i.test(verb) &&
      (/\s\p{Ll}+ed$/u.test(` ${tail}`) || /^\s*(?:[.,;:!?)]|$)/.test(sentence.slice((m.index ?? 0) + m[0].length)))
    )
      continue;
    // "show" reports only with a named source ("Audit files from NGP VAN show"), not "the photos show"
    // (a capital after the first word: the first is capitalised anyway at a sentence's start)
    if (/^show$/i.test(verb) && !/\s\p{Lu}/u.test(` ${tail.replace(/^\S+/, '')}`)) continue;
    // "Let me just say …" opens speech; it names no one
    if (/^let\b/i.test(tail)) continue;
    // "the Mexican president, who said that …": the relative pronoun stands for the name before its comma
    if (/^who$/i.test(tail)) {
      const phraseStart = (m.index ?? 0) + m[0].indexOf(phrase);
      const head = /((?:the\s+)?(?:[\p{L}.'’-]+\s+){0,3}[\p{L}.'’-]+),\s*$/u.exec(sentence.slice(0, phraseStart));
      // "… from the Mexican president, who": the words after a preposition; "the Latino Partnership for
      // Conservative Principles, who": an organisation's name is cut, and "who" is a person: none
      const cut = /^(.*)\b(and|but|by|with|from|to|of|for|in|on|at|that)\s+/i.exec(head?.[1] ?? '');
      const name =
        cut && /^(?:of|for|and|in|on|at)$/i.test(cut[2] as string)
          ? undefined
          : head?.[1]?.slice(cut ? cut[0].length : 0);
      if (name && (/^(?:the\s+)?\p{Lu}/u.test(name) || /^the\s/i.test(name)) && phraseStart <= at)
        add(name, sentence.lastIndexOf(name, phraseStart), 'subject');
      continue;
    }
    // after the figure, "X said" claims it only as the sentence's closing attribution (", the
    // ministry said."), not as the start of a new clause ("… troops, and Truss said an invasion…")
    const verbEnd = (m.index ?? 0) + m[0].length;
    const phraseStart = (m.index ?? 0) + m[0].indexOf(phrase);
    // (", federal officials said, the first by …": an attribution between commas is parenthetical and
    // covers its sentence; "he told the court in his filing." closes it too)
    if (
      phraseStart > at &&
      !/^(?:\s+(?:reporters|journalists|the(?:\s+\p{L}+){1,2}|(?:the\s+)?\p{Lu}[\p{L}.'’]*(?:\s+\p{Lu}[\p{L}.'’]*){0,3}))?(?:\s+(?:on|in|at|last|this|late|early|earlier|during)\b[^,;.]{0,30})?\s*(?:[.;!?]|$|,\s*(?:adding|noting|citing|saying|stressing)\b)/u.test(
        sentence.slice(verbEnd),
      ) &&
      !(
        /,\s*$/.test(sentence.slice(0, m.index ?? 0) + m[0].slice(0, m[0].indexOf(phrase))) &&
        /^,\s/.test(sentence.slice(verbEnd))
      )
    )
      continue;
    // "Western intelligence estimated …; Ukraine's military totals 200,000": a semicolon ends its reach
    if (phraseStart < at && sentence.slice(verbEnd, at).includes(';')) continue;
    add(tail, phraseStart, 'subject');
  }
  // "It interviewed hundreds of victims for a report detailing more than 900 cases": the report's author,
  // resolved by the stage as "it" would be (the last source named before)
  for (const m of /\b(?:report|study|survey)\b/i.test(sentence) ? sentence.matchAll(REPORT_DETAILING) : []) {
    const index = m.index ?? 0;
    if (index + m[0].length <= at && !found.some((f) => f.start <= index && f.pattern !== 'pronoun'))
      found.push({ text: 'the report', start: index, end: index + m[0].length, pattern: 'report' });
  }
  // "…, UN figures show.", "Pentagon data suggest …": the data's named author
  // (each of the three patterns below is tried only when its cheap cue is present: a pronoun's window is long)
  const dataShow = /\b(?:show|showed|suggest|suggested|indicate|indicated)\b/.test(sentence);
  for (const m of dataShow ? sentence.matchAll(DATA_SHOW) : [])
    add(m[1] as string, (m.index ?? 0) + m[0].indexOf(m[1] as string), 'subject');
  for (const m of /[”"»][ \t]/.test(sentence) ? sentence.matchAll(QUOTED_NAME) : []) {
    const index = (m.index ?? 0) + 1;
    if (index < at) add(m[1] as string, index, 'subject');
  }
  const apposed = /,[ \t]+(?:an?|the|who|which|known|its|his|her|their)[ \t]/.test(sentence);
  for (const m of apposed ? sentence.matchAll(APPOSITIVE) : []) {
    const name = m[1] as string;
    const nameStart = (m.index ?? 0) + m[0].indexOf(name);
    const apposition = m[2] as string;
    const appStart = (m.index ?? 0) + m[0].indexOf(apposition, name.length);
    if (nameStart > at) continue;
    // the apposition is no claimant of its own ("a US think tank said")
    for (let i = found.length - 1; i >= 0; i--) {
      const f = found[i] as ClaimantPhrase;
      if (f.start >= appStart && f.start < appStart + apposition.length) found.splice(i, 1);
    }
    if (!found.some((f) => f.start === nameStart)) add(name, nameStart, 'subject');
  }
  // "One pastor in Kharkiv, Ivan Petrenko of the regional council, said …": the name between commas
  // before the verb (a role or description before it), not a place in a list ("in Izium, Kharkiv Oblast, said")
  for (const m of /,[ \t]+\p{Lu}[\p{L}.'’-]+[ \t]+\p{Lu}/u.test(sentence) ? sentence.matchAll(NAMED_APPOSITION) : []) {
    const name = m[1] as string;
    const nameStart = (m.index ?? 0) + m[0].indexOf(name);
    if (nameStart > at || found.some((f) => f.start <= nameStart && nameStart < f.end)) continue;
    if (/\b(?:Oblast|Region|Province|District|County|Republic|Krai)$/.test(name)) continue;
    if (/\b(?:in|near|of|from|at|outside)[ \t]+\p{Lu}[\p{L}.'’-]*\s*$/u.test(sentence.slice(0, m.index ?? 0))) continue;
    add(name, nameStart, 'subject');
  }
  // a reporting verb coordinated with the subject's first verb shares its subject (figures after it)
  if (found.length === 0) {
    const c = COORDINATED.exec(sentence.slice(partStart));
    if (c && partStart + c[0].length <= at) add(c[1] as string, partStart, 'subject');
  }
  // ", said the war would go on": a clause after the verb, not an inverted subject
  for (const m of sentence.matchAll(INVERTED))
    if (
      !/\b(?:would|will|was|were|is|are|had|has|have|could|can|should|must|did|does|may|might)\b/i.test(m[1] as string)
    )
      add(m[1] as string, m.index ?? 0, 'inverted');
  for (const m of sentence.matchAll(BY)) add(m[1] as string, m.index ?? 0, 'by');
  for (const m of sentence.matchAll(ANNOUNCEMENT_BY)) add(m[1] as string, m.index ?? 0, 'by');
  // "X, the head of Y, has launched a coup, saying he has 25,000 fighters": the opening subject
  // claims what follows the participle, when nothing else in the sentence does
  const participle = found.length === 0 ? PARTICIPLE.exec(sentence.slice(partStart)) : null;
  if (participle && partStart + participle[0].length <= at) add(participle[1] as string, partStart, 'participle');
  // a headline-style line (no full stop at its end) with its source before a colon or after a closing dash
  const line = whole.trimEnd();
  if (found.length === 0 && !/[.!?]["”’)]?$/.test(line) && !line.includes('\n')) {
    const open = HEADLINE_OPEN.exec(whole);
    const close = open ? null : HEADLINE_CLOSE.exec(whole);
    const source = open?.[1] ?? close?.[1];
    const index = open ? (open.index ?? 0) : (close?.index ?? 0);
    if (source && !LABEL.test(source.trim()) && (!close || index > at)) add(source, index, 'headline');
  }
  const distance = (p: ClaimantPhrase) => (p.end <= at ? at - p.end : p.start >= at ? p.start - at : 0);
  const rank = {
    'according-to': 0,
    'quoted-as': 0,
    by: 0,
    subject: 1,
    report: 1,
    headline: 1,
    inverted: 1,
    participle: 1,
    pronoun: 2,
  } as const;
  found.sort((a, b) => rank[a.pattern] - rank[b.pattern] || distance(a) - distance(b));
  if (found.length === 0 && leading) found.push(leading);
  return found;
}

/**
 * The attribution of a run-on sentence (parts glued without a space after the full stop) for a
 * figure whose own part names none: a closing "- said X." of the last part (a dash quote), else the
 * nearest earlier part's claimant ("The Ukrainian staff published information on losses on
 * Tuesday.The data shows … 15 tanks"); the guidelines let such an attribution cover the rest.
 * Null when the sentence is not run-on or no part names a claimant. Offsets are relative to the sentence.
 */
export function runOnClaimant(whole: string, at: number): ClaimantPhrase | null {
  const cuts = [...whole.matchAll(/(?<=\p{Ll}{2}|\d|["”’)])[.!?](?=\p{Lu}\p{Ll}|["“])/gu)].map(
    (m) => (m.index ?? 0) + 1,
  );
  if (cuts.length === 0) return null;
  // "- … 150,000.Russian soldiers around their borders … - explained Biden.": a closing
  // attribution names the speaker of the whole dash quote
  // (the first part after the figure's that ends so)
  const bounds = [...cuts, whole.length];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const last = bounds[i] as number;
    if (last <= at) continue;
    const tail = whole.slice(last, bounds[i + 1]);
    const end = tail.replace(/(?:\s+(?:during|in|on|at|after)\b[^.;]{0,40})?[\s.!?"”]*$/, '').length;
    const closing = claimantPhrases(tail, tail.length).find(
      (p) =>
        (p.pattern === 'inverted' || p.pattern === 'subject' || p.pattern === 'pronoun') &&
        p.end >= end - 6 &&
        /[-–—,]\s*(?:\S+\s+){0,1}\S*$/.test(tail.slice(0, p.start)),
    );
    if (closing) return { ...closing, start: closing.start + last, end: closing.end + last };
  }
  // else the nearest part before the figure's that names a claimant (the opening one included)
  const starts = [0, ...cuts].filter((c) => c <= at);
  for (let i = starts.length - 2; i >= 0; i--) {
    const from = starts[i] as number;
    const part = whole.slice(from, starts[i + 1]);
    const phrase = claimantPhrases(part, part.length).filter((p) => p.pattern !== 'pronoun')[0];
    if (phrase) return { ...phrase, start: phrase.start + from, end: phrase.end + from };
  }
  return null;
}

/** "Meanwhile, according to X, …" opening a run-on sentence: it covers the parts after it. */
function leadingAccordingTo(text: string): ClaimantPhrase | null {
  const m = /^\s*(?:(?:meanwhile|moreover|however|also),?\s+)?according to\s+/i.exec(text);
  if (!m) return null;
  const phrases = claimantPhrases(text, 0).filter((p) => p.pattern === 'according-to');
  return phrases[0] ?? null;
}
