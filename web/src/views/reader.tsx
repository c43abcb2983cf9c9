// The article reader: the clean text in its blocks with every fact that has evidence marked in
// place; choosing a mark shows the fact and exactly where it came from.

import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, type Fact } from '../api';
import { Pending, useLoad } from '../load';

interface Segment {
  start: number;
  end: number;
  facts: Fact[];
}

/**
 * Where a fact is marked in the text: its evidence, except claims (evidence: the sentence) at their
 * number and events (evidence: the clause) at their trigger word, so a sentence's facts stay apart.
 */
export function markSpan(f: Fact): { start: number; end: number } | null {
  const d = f.data;
  if (f.kind === 'claim' && typeof d.numberStart === 'number' && typeof d.numberEnd === 'number')
    return { start: d.numberStart, end: d.numberEnd };
  if (f.kind === 'event' && typeof d.triggerStart === 'number' && typeof d.triggerEnd === 'number')
    return { start: d.triggerStart, end: d.triggerEnd };
  return f.evidence ? { start: f.evidence.start, end: f.evidence.end } : null;
}

/** Splits [start, end) at every fact boundary inside it; each piece lists the facts covering it. */
export function segments(start: number, end: number, facts: Fact[]): Segment[] {
  const inside: Array<{ fact: Fact; start: number; end: number }> = [];
  for (const fact of facts) {
    const span = markSpan(fact);
    if (span && span.end > start && span.start < end) inside.push({ fact, ...span });
  }
  const cuts = new Set([start, end]);
  for (const f of inside) {
    cuts.add(Math.max(start, f.start));
    cuts.add(Math.min(end, f.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const result: Segment[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const [s, e] = [points[i]!, points[i + 1]!];
    const covering = inside
      .filter((f) => f.start <= s && f.end >= e)
      .sort((a, b) => a.end - a.start - (b.end - b.start))
      .map((f) => f.fact);
    result.push({ start: s, end: e, facts: covering });
  }
  return result;
}

function describe(fact: Fact): string {
  const d = fact.data;
  switch (fact.kind) {
    case 'timex':
      return `date ${String(d.value)}${d.precision ? ` (${String(d.precision)})` : ''}`;
    case 'claim':
      return `${String(d.metric ?? 'claim')}: ${String(d.value ?? '?')}${d.claimant ? `, says ${String(d.claimant)}` : ''}`;
    case 'quote':
      return `${d.type === 'indirect' ? 'reported speech' : 'quote'}${d.speaker ? ` by ${String(d.speaker)}` : ''}`;
    case 'event':
      return `event: ${String(d.subtype ?? d.type ?? '')}${d.location ? ` in ${String(d.location)}` : ''}${d.date ? `, ${String(d.date)}` : ''}`;
    case 'entity-mention':
      return `${String(d.type ?? 'entity')}: ${String(d.canonical ?? d.name ?? '')}`;
    default:
      return fact.kind;
  }
}

export function ReaderView({ id, fact: focus = null }: { id: string; fact?: string | null }) {
  const { data: article, error } = useLoad(() => api.article(id), [id]);
  const [selected, setSelected] = useState<Fact | null>(null);
  // A link may name one fact (`?fact=<id>`, from the ledger or the map): select it and show it.
  useEffect(() => {
    const target = focus ? (article?.facts.find((f) => f.id === focus) ?? null) : null;
    setSelected(target);
    if (target)
      requestAnimationFrame(() => document.querySelector('.fact.selected')?.scrollIntoView({ block: 'center' }));
  }, [id, focus, article]);
  const kinds = useMemo(() => {
    const counts = new Map<string, number>();
    for (const f of article?.facts ?? []) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
    return [...counts];
  }, [article]);

  if (!article) return <Pending error={error} />;
  const blocks = article.blocks.length ? article.blocks : [{ kind: 'paragraph', start: 0, end: article.text.length }];
  return (
    <div class="reader">
      <article aria-labelledby="article-title">
        <h1 id="article-title">{article.title ?? '(untitled)'}</h1>
        <p class="muted">
          {[
            article.outlet,
            article.published,
            article.byline && `by ${article.byline}`,
            article.dateline && `dateline ${article.dateline}`,
            article.language,
          ]
            .filter(Boolean)
            .join(' · ')}
        </p>
        {(article.story || article.duplicateOf) && (
          <p class="muted" data-testid="article-links">
            {article.story && (
              <>
                Story: <a href={`/stories/${encodeURIComponent(article.story)}`}>all articles on this story</a>
              </>
            )}
            {article.duplicateOf && (
              <>
                {article.story && ' · '}
                <span class="badge">duplicate</span> of{' '}
                <a href={`/articles/${encodeURIComponent(article.duplicateOf)}`}>{article.duplicateOf}</a>
              </>
            )}
          </p>
        )}
        <p class="muted small">
          id {article.id} · source {article.source}
          {article.url && (
            <>
              {' · '}
              <a href={safeUrl(article.url)} rel="noreferrer noopener" target="_blank">
                original
              </a>
            </>
          )}{' '}
          ·{' '}
          <a href={`/api/articles/${encodeURIComponent(article.id)}?raw=1`} target="_blank" rel="noreferrer">
            raw input
          </a>
        </p>
        {article.messages.length > 0 && (
          <details class="messages">
            <summary>{article.messages.length} processing messages</summary>
            <ul>
              {article.messages.map((m, i) => (
                <li key={i}>
                  <code>{m.severity}</code> {m.reason} <code>[{m.rule}]</code>
                </li>
              ))}
            </ul>
          </details>
        )}
        <div class="body" data-testid="article-body">
          {blocks.map((b) => {
            const Tag = b.kind === 'heading' ? 'h2' : b.kind === 'quote' ? 'blockquote' : 'p';
            return (
              <Tag key={b.start}>
                {segments(b.start, b.end, article.facts).map((s) => {
                  const piece = article.text.slice(s.start, s.end);
                  const fact = s.facts[0];
                  if (!fact) return piece;
                  return (
                    <button
                      type="button"
                      key={s.start}
                      class={`fact fact-${fact.kind}${selected?.id === fact.id ? ' selected' : ''}`}
                      title={describe(fact)}
                      aria-pressed={selected?.id === fact.id}
                      onClick={() => setSelected(fact)}
                    >
                      {piece}
                    </button>
                  );
                })}
              </Tag>
            );
          })}
        </div>
        {article.teasers.length > 0 && (
          <aside class="teasers" aria-label="related teasers">
            <h2>Related teasers under this article</h2>
            <ul>
              {article.teasers.map((t) => (
                <li key={t}>
                  <a href={`/articles/${encodeURIComponent(t)}`}>{t}</a>
                </li>
              ))}
            </ul>
          </aside>
        )}
      </article>
      <aside class="facts" aria-label="facts">
        <h2>Facts</h2>
        {kinds.length === 0 ? (
          <p class="muted">No facts extracted from this article yet.</p>
        ) : (
          <p class="muted">{kinds.map(([k, n]) => `${n} ${k}`).join(', ')}</p>
        )}
        {selected && (
          <div class="fact-detail" data-testid="fact-detail" aria-live="polite">
            <h3>{describe(selected)}</h3>
            <dl>
              <dt>kind</dt>
              <dd>{selected.kind}</dd>
              <dt>found by</dt>
              <dd>{selected.stage}</dd>
              {selected.evidence && (
                <>
                  <dt>source</dt>
                  <dd>
                    article {selected.evidence.article}, characters {selected.evidence.start}–{selected.evidence.end}
                  </dd>
                  <dt>quoted</dt>
                  <dd>
                    <q>{selected.evidence.quote}</q>
                  </dd>
                  <dt>sentence</dt>
                  <dd data-testid="fact-sentence">
                    {sentenceAround(article.text, selected.evidence.start, selected.evidence.end)}
                  </dd>
                </>
              )}
              {selected.kind === 'entity-mention' && typeof selected.data.entity === 'string' && (
                <>
                  <dt>entity</dt>
                  <dd>
                    <a href={`/entities/${encodeURIComponent(selected.data.entity)}`} data-testid="entity-link">
                      every mention of {String(selected.data.canonical ?? selected.data.name)}
                    </a>
                  </dd>
                </>
              )}
              {Object.entries(selected.data).map(([k, v]) => (
                <>
                  <dt>{k}</dt>
                  <dd>{typeof v === 'string' ? v : JSON.stringify(v)}</dd>
                </>
              ))}
            </dl>
          </div>
        )}
      </aside>
    </div>
  );
}

/** The sentence (roughly: between sentence ends or line breaks) around a span. */
export function sentenceAround(text: string, start: number, end: number): string {
  let s = start;
  while (s > 0 && !/[.!?\n]/.test(text[s - 1]!)) s--;
  let e = end;
  while (e < text.length && !/[.!?\n]/.test(text[e]!)) e++;
  if (e < text.length && text[e] !== '\n') e++;
  return text.slice(s, e).trim();
}

/** Only http(s) links are followed; anything else (javascript:, data:) is not a link. */
function safeUrl(url: string): string | undefined {
  return /^https?:\/\//i.test(url) ? url : undefined;
}
