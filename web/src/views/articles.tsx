// The article list: search, filters and the timeline, all in the URL.

import { useEffect, useState } from 'preact/hooks';
import { api, type Filter, type Page, type Stats, type TimelineBucket } from '../api';
import { Highlighted } from '../components/highlighted';
import { Timeline } from '../components/timeline';
import { navigate } from '../router';

const PAGE = 25;

export function ArticlesView({ params }: { params: URLSearchParams }) {
  const filter: Filter = {
    q: params.get('q') ?? undefined,
    outlet: params.get('outlet') ?? undefined,
    language: params.get('language') ?? undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    offset: Number(params.get('offset') ?? 0) || 0,
  };
  const key = params.toString();
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [stats, setStats] = useState<Stats | null>(null);
  const [buckets, setBuckets] = useState<TimelineBucket[] | null>(null);

  useEffect(() => {
    api.stats().then(setStats, () => {});
  }, []);
  useEffect(() => {
    setError(null);
    api.articles(filter, PAGE).then(setPage, (e: Error) => {
      setPage(null);
      setError(e.message);
    });
    api.timeline(filter).then(
      (t) => setBuckets(t.buckets),
      () => setBuckets([]),
    );
  }, [key]);

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('offset' in changes)) next.delete('offset');
    navigate(`/articles?${next}`);
  };

  return (
    <div class="articles">
      <section aria-label="filters" class="filters">
        <label>
          Outlet
          <select
            value={filter.outlet ?? ''}
            onChange={(e) => update({ outlet: (e.target as HTMLSelectElement).value })}
          >
            <option value="">all outlets</option>
            {stats?.outlets
              .filter((o) => o.outlet)
              .map((o) => (
                <option key={o.outlet} value={o.outlet!}>
                  {o.outlet} ({o.articles})
                </option>
              ))}
          </select>
        </label>
        <label>
          From
          <input
            type="date"
            value={filter.from ?? ''}
            onChange={(e) => update({ from: (e.target as HTMLInputElement).value })}
          />
        </label>
        <label>
          To
          <input
            type="date"
            value={filter.to ?? ''}
            onChange={(e) => update({ to: (e.target as HTMLInputElement).value })}
          />
        </label>
        {stats && (
          <p class="muted" data-testid="store-summary">
            {stats.articles.toLocaleString('en')} articles in the store
            {stats.earliest && `, ${stats.earliest.slice(0, 10)} to ${stats.latest?.slice(0, 10)}`}
          </p>
        )}
      </section>
      {filter.from && filter.to && (
        <p class="muted">
          <a
            href={`/api/report?from=${filter.from}&to=${filter.to}&format=html`}
            target="_blank"
            rel="noreferrer"
            data-testid="report-link"
          >
            Situation report for {filter.from} to {filter.to}
          </a>
        </p>
      )}
      {buckets && (
        <Timeline
          buckets={buckets}
          from={filter.from}
          to={filter.to}
          onSelect={(r) => update({ from: r?.from, to: r?.to })}
        />
      )}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {page && (
        <section aria-label="results">
          <p class="muted" aria-live="polite" data-testid="result-count">
            {page.total.toLocaleString('en')} {filter.q ? 'matching articles' : 'articles'}
            {page.total > page.items.length && `, ${page.offset + 1}–${page.offset + page.items.length} shown`}
          </p>
          <ol class="hits">
            {page.items.map((hit) => (
              <li key={hit.article.id}>
                <a href={`/articles/${encodeURIComponent(hit.article.id)}`} class="hit-title">
                  {hit.article.title ?? '(untitled)'}
                </a>
                <div class="muted">
                  {[hit.article.outlet, hit.article.published?.slice(0, 10), hit.article.language]
                    .filter(Boolean)
                    .join(' · ')}
                </div>
                {hit.snippet && (
                  <p class="snippet">
                    <Highlighted text={hit.snippet} spans={hit.highlights ?? []} />
                  </p>
                )}
              </li>
            ))}
          </ol>
          <nav class="pager" aria-label="pages">
            {page.offset > 0 && (
              <button type="button" onClick={() => update({ offset: String(Math.max(0, page.offset - PAGE)) })}>
                ← Newer
              </button>
            )}
            {page.offset + page.items.length < page.total && (
              <button type="button" onClick={() => update({ offset: String(page.offset + PAGE) })}>
                More →
              </button>
            )}
          </nav>
        </section>
      )}
    </div>
  );
}
