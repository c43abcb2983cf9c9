// The quotes stage: every direct quote (inside quote marks) and every piece of indirect speech
// ("X said that …", "according to X, …") becomes a `quote` fact whose evidence is the content,
// with its cue, its speaker (linked to the knowledge base when the name, role noun or pronoun's
// antecedent resolves) and the date its sentence governs.

import type { Article, Fact } from '../../core/document.js';
import { factId } from '../../core/document.js';
import type { Stage } from '../../core/pipeline.js';
import { evidenceOf } from '../../core/spans.js';
import { resolveMention } from '../../resources/entities-kb.js';
import { dateForSpan, periodStart } from '../time/fact-date.js';
import { findQuotes, type Quote, type QuoteOptions, type SpeakerMention } from './find.js';

const STAGE = 'quotes';

// A type alias, not an interface: facts' data must be assignable to Record<string, unknown>.
export type QuoteData = {
  type: 'direct' | 'indirect';
  /** The knowledge base's canonical name when linked, else the name as the text gives it. */
  speaker: string | null;
  speakerEntity: string | null;
  /** The span naming the speaker: the cue's subject, or for a pronoun its antecedent mention. */
  speakerStart: number | null;
  speakerEnd: number | null;
  speakerVia: 'name' | 'pronoun' | 'role' | 'previous' | null;
  cue: string | null;
  cueStart: number | null;
  cueEnd: number | null;
  date: string | null;
  datePrecision: 1 | 2 | 3;
};

export interface QuotesOptions {
  /** Find indirect speech as well as direct quotes (default true). */
  indirect: boolean;
  /** Link speaker phrases to the knowledge base (default true). */
  link: boolean;
}

export function quotesStage(options: Partial<QuotesOptions> = {}): Stage {
  const resolved: QuotesOptions = { indirect: options.indirect ?? true, link: options.link ?? true };
  return {
    name: STAGE,
    requires: ['text', 'facts:entity-mention', 'facts:timex'],
    assigns: ['facts:quote'],
    run: (doc) => quotesArticle(doc, resolved),
  };
}

/** The entity-mention facts of a document as speaker candidates. */
export function mentionsOf(doc: Pick<Article, 'facts'>): SpeakerMention[] {
  const out: SpeakerMention[] = [];
  for (const f of doc.facts) {
    if (f.kind !== 'entity-mention' || !f.evidence) continue;
    const d = f.data as {
      type?: SpeakerMention['type'];
      name?: string;
      entity?: string | null;
      canonical?: string | null;
    };
    if (!d.type || !d.name) continue;
    out.push({
      start: f.evidence.start,
      end: f.evidence.end,
      type: d.type,
      name: d.name,
      entity: d.entity ?? null,
      canonical: d.canonical ?? null,
    });
  }
  return out;
}

/** A knowledge-base linker for speaker phrases on the article's date (people and organisations only). */
export function kbSpeakerResolver(date: string | null, text: string): NonNullable<QuoteOptions['resolve']> {
  const seen = new Map<string, { id: string; name: string } | null>();
  return (phrase, type) => {
    const key = `${type}\u0000${phrase}`;
    if (!seen.has(key)) {
      const r = resolveMention({ text: phrase, type }, { date, countries: [], text });
      seen.set(key, r && (r.type === 'person' || r.type === 'organization') ? { id: r.id, name: r.name } : null);
    }
    return seen.get(key) ?? null;
  };
}

function quotesArticle(doc: Article, options: QuotesOptions): Article {
  const date = doc.published ? doc.published.slice(0, 10) : null;
  const quotes = findQuotes(doc.text, mentionsOf(doc), {
    indirect: options.indirect,
    resolve: options.link ? kbSpeakerResolver(date, doc.text) : null,
  });
  // a rerun replaces this stage's facts rather than adding to them
  const kept = doc.facts.filter((f) => !(f.kind === 'quote' && f.stage === STAGE));
  // dateForSpan reads only the timexes that can date a fact (it skips every other fact), so it is
  // given those alone: the same dates without a pass over every entity mention for each quote
  const dating = { text: doc.text, published: doc.published, facts: doc.facts.filter(datingTimex) };
  return { ...doc, facts: [...kept, ...quotes.map((q) => quoteFact(doc, dating, q))] };
}

/** A timex dateForSpan would consider: a DATE or TIME with evidence whose value names a period. */
function datingTimex(f: Fact): boolean {
  if (f.kind !== 'timex' || !f.evidence) return false;
  const d = f.data as { type?: string; value: string };
  return (d.type === 'DATE' || d.type === 'TIME') && periodStart(d.value) !== null;
}

function quoteFact(doc: Article, dating: Pick<Article, 'text' | 'published' | 'facts'>, q: Quote): Fact<QuoteData> {
  const at = q.cueStart !== null && q.cueEnd !== null ? { start: q.cueStart, end: q.cueEnd } : q;
  const when = dateForSpan(dating, { start: at.start, end: at.end });
  return {
    kind: 'quote',
    id: factId('quote', doc.id, q.start, q.end),
    stage: STAGE,
    evidence: evidenceOf(doc.id, doc.text, q.start, q.end),
    data: {
      type: q.type,
      speaker: q.speaker,
      speakerEntity: q.speakerEntity,
      speakerStart: q.speakerStart,
      speakerEnd: q.speakerEnd,
      speakerVia: q.speakerVia,
      cue: q.cue,
      cueStart: q.cueStart,
      cueEnd: q.cueEnd,
      date: when.date,
      datePrecision: when.precision,
    },
  };
}
