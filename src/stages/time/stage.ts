// The time stage: every temporal expression in the clean text becomes a `timex` fact with its
// span, TIMEX3 value and the anchor (the publication date) it was resolved against.

import type { Article, Fact } from '../../core/document.js';
import { factId } from '../../core/document.js';
import { type Message, message } from '../../core/messages.js';
import type { Stage } from '../../core/pipeline.js';
import { evidenceOf } from '../../core/spans.js';
import { parseIsoDay } from './calendar.js';
import { extractTimexes, type Precision, type Timex, type TimexType } from './extract.js';
import { resolveTimeOptions, type TimeOptions } from './options.js';

const STAGE = 'time';

/** What a `timex` fact carries (the export's timexes section shows value and precision). */
// A type alias, not an interface: facts' data must be assignable to Record<string, unknown>.
export type TimexData = {
  value: string;
  precision: Precision;
  type: TimexType;
  anchor: string | null;
  rule: string;
  mod?: string;
  readings?: string[];
  zone?: string;
};

export function timeStage(options: Partial<TimeOptions> = {}): Stage {
  const resolved = resolveTimeOptions(options);
  return {
    name: STAGE,
    requires: ['text', 'published'],
    assigns: ['facts:timex'],
    run: (doc) => timeArticle(doc, resolved),
  };
}

/** The outlet's country: the knowledge base's entry for its host or name, else the URL's country domain. */
export function outletCountry(doc: Pick<Article, 'url' | 'outlet'>, options: TimeOptions): string | null {
  let host: string | null = null;
  try {
    host = doc.url ? new URL(doc.url).hostname.replace(/^www\./, '').toLowerCase() : null;
  } catch {
    host = null;
  }
  for (const key of [host, doc.outlet?.toLowerCase().replace(/^www\./, '') ?? null]) {
    if (!key) continue;
    const known = options.outletCountries.get(key);
    if (known) return known;
  }
  const tld = host ? /\.([a-z]{2})$/.exec(host)?.[1] : undefined;
  if (!tld) return null;
  return tld === 'uk' ? 'gb' : tld;
}

/** The timexes of a text resolved against a publication date (ISO, or null when unknown). */
export function findTimexes(
  text: string,
  published: string | null,
  options: Partial<TimeOptions> = {},
  country: string | null = null,
): ReturnType<typeof extractTimexes> {
  return extractTimexes(text, { anchor: parseIsoDay(published), country, options: resolveTimeOptions(options) });
}

function timeArticle(doc: Article, options: TimeOptions): Article {
  const anchor = parseIsoDay(doc.published);
  const { timexes, notes } = extractTimexes(doc.text, { anchor, country: outletCountry(doc, options), options });
  const messages: Message[] = notes.map((n) =>
    message(STAGE, n.rule, n.reason, { source: doc.source, span: { start: n.start, end: n.end } }),
  );
  if (!anchor && timexes.some((t) => /X/.test(t.value) && t.type !== 'DURATION' && t.type !== 'SET')) {
    messages.push(
      message(
        STAGE,
        'time-no-anchor',
        'the article has no publication date, so relative dates ("on Monday", "last week") were left unresolved; absolute dates were kept',
        { source: doc.source },
      ),
    );
  }
  // A rerun replaces this stage's facts rather than adding to them.
  const kept = doc.facts.filter((f) => !(f.kind === 'timex' && f.stage === STAGE));
  return {
    ...doc,
    facts: [...kept, ...timexes.map((t) => timexFact(doc, t))],
    messages: [...doc.messages, ...messages],
  };
}

function timexFact(doc: Article, t: Timex): Fact<TimexData> {
  const data: TimexData = { value: t.value, precision: t.precision, type: t.type, anchor: t.anchor, rule: t.rule };
  if (t.mod) data.mod = t.mod;
  if (t.readings) data.readings = t.readings;
  if (t.zone) data.zone = t.zone;
  return {
    kind: 'timex',
    id: factId('timex', doc.id, t.start, t.end),
    stage: STAGE,
    evidence: evidenceOf(doc.id, doc.text, t.start, t.end),
    data,
  };
}
