// Entities: the people, places and organisations the articles mention, most mentioned first;
// one entity shows every way it was written and every mention, each linked to its article.

import { api } from '../api';
import { Pending, useLoad } from '../load';
import { navigate } from '../router';

const TYPES = ['', 'person', 'place', 'organization', 'other'];

export function EntitiesView({ params }: { params: URLSearchParams }) {
  const type = params.get('type') ?? '';
  const q = params.get('q') ?? '';
  const { data: page, error } = useLoad(() => api.entities({ type, q }, 100), [type, q]);
  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) v ? next.set(k, v) : next.delete(k);
    navigate(`/entities?${next}`);
  };
  return (
    <section aria-labelledby="entities-title">
      <h1 id="entities-title">Entities</h1>
      <div class="filters">
        <label>
          Type
          <select value={type} onChange={(e) => update({ type: (e.target as HTMLSelectElement).value })}>
            {TYPES.map((t) => (
              <option key={t} value={t}>
                {t || 'all types'}
              </option>
            ))}
          </select>
        </label>
        <label>
          Name starts with
          <input type="search" value={q} onChange={(e) => update({ q: (e.target as HTMLInputElement).value })} />
        </label>
      </div>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {page && (
        <>
          <p class="muted" data-testid="entity-count">
            {page.total.toLocaleString('en')} linked entities
          </p>
          <ol class="hits">
            {page.items.map((e) => (
              <li key={e.id}>
                <a class="hit-title" href={`/entities/${encodeURIComponent(e.id)}`}>
                  {e.name}
                </a>
                <div class="muted">
                  {e.type}
                  {e.country && ` · ${e.country}`} · {e.mentions} mentions in {e.articles} articles
                </div>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

export function EntityView({ id }: { id: string }) {
  const { data, error } = useLoad(() => api.entity(id), [id]);
  if (!data) return <Pending error={error} />;
  const { entity, aliases, mentions } = data;
  return (
    <section aria-labelledby="entity-title">
      <p class="muted">
        <a href="/entities">Entities</a> ›
      </p>
      <h1 id="entity-title">{entity.name}</h1>
      <p class="muted" data-testid="entity-summary">
        {entity.type}
        {entity.country && ` · ${entity.country}`}
        {entity.lat !== null && entity.lon !== null && ` · ${entity.lat.toFixed(3)}, ${entity.lon.toFixed(3)}`} ·{' '}
        {entity.mentions} mentions in {entity.articles} articles · id {entity.id}
      </p>
      <p data-testid="entity-aliases">Written as: {aliases.join(', ')}</p>
      <MentionsOverTime id={entity.id} />
      {data.quotes.length > 0 && (
        <>
          <h2>
            What {entity.name} said
            {data.quoteCount > data.quotes.length && `, the ${data.quotes.length} newest of ${data.quoteCount}`}
          </h2>
          <ol class="hits" data-testid="entity-quotes">
            {data.quotes.map((q) => (
              <li key={q.id}>
                <blockquote class={q.type === 'indirect' ? 'indirect' : undefined}>
                  {q.type === 'indirect' ? q.text : `“${q.text}”`}
                </blockquote>
                <div class="muted">
                  {q.type === 'indirect' ? 'reported' : 'quoted'} in{' '}
                  <a href={`/articles/${encodeURIComponent(q.article)}?fact=${encodeURIComponent(q.id)}`}>
                    {q.title ?? q.article}
                  </a>
                  {q.published && `, ${q.published.slice(0, 10)}`}
                </div>
              </li>
            ))}
          </ol>
        </>
      )}
      <h2>Mentions{mentions.length < entity.mentions && `, the ${mentions.length} newest`}</h2>
      <ol class="hits">
        {mentions.map((m) => (
          <li key={`${m.article}:${m.start}`}>
            <a href={`/articles/${encodeURIComponent(m.article)}`}>{m.title ?? m.article}</a>
            <div class="muted">
              {m.published?.slice(0, 10) ?? 'undated'} · “{m.text}” at characters {m.start}–{m.end}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Articles mentioning the entity per day, as bars (the table of days is the bars' titles). */
function MentionsOverTime({ id }: { id: string }) {
  const { data } = useLoad(() => api.entityTimeline(id), [id]);
  const buckets = data?.buckets ?? [];
  if (buckets.length < 2) return null;
  const max = Math.max(...buckets.map((b) => b.articles), 1);
  const W = 640;
  const H = 60;
  const w = W / buckets.length;
  return (
    <figure class="mentions-over-time">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`articles mentioning it per day, ${buckets[0]!.date} to ${buckets.at(-1)!.date}`}
      >
        {buckets.map((b, i) => (
          <rect
            key={b.date}
            x={i * w}
            y={H - (b.articles / max) * H}
            width={Math.max(w - 0.5, 0.5)}
            height={(b.articles / max) * H}
          >
            <title>
              {b.date}: {b.articles} articles
            </title>
          </rect>
        ))}
      </svg>
      <figcaption class="muted">
        Articles per day, {buckets[0]!.date} to {buckets.at(-1)!.date}
      </figcaption>
    </figure>
  );
}
