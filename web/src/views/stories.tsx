// Stories: articles grouped by the real-world story they report, largest first; one story's
// articles in order, with their duplicates marked.

import { api } from '../api';
import { Pending, useLoad } from '../load';
import { navigate } from '../router';

const PAGE = 50;

const period = (first: string | null, last: string | null) =>
  first
    ? `${first.slice(0, 10)}${last && last.slice(0, 10) !== first.slice(0, 10) ? ` – ${last.slice(0, 10)}` : ''}`
    : 'undated';

export function StoriesView({ params }: { params: URLSearchParams }) {
  const offset = Number(params.get('offset') ?? 0) || 0;
  const { data: page, error } = useLoad(() => api.stories({ offset }, PAGE), [offset]);
  if (!page) return <Pending error={error} />;
  return (
    <section aria-labelledby="stories-title">
      <h1 id="stories-title">Stories</h1>
      <p class="muted" data-testid="story-count">
        {page.total.toLocaleString('en')} stories, largest first
      </p>
      <ol class="hits">
        {page.items.map((story) => (
          <li key={story.id}>
            <a class="hit-title" href={`/stories/${encodeURIComponent(story.id)}`}>
              {story.title ?? '(untitled)'}
            </a>
            <div class="muted">
              {story.articles} {story.articles === 1 ? 'article' : 'articles'} ·{' '}
              {period(story.firstPublished, story.lastPublished)}
            </div>
          </li>
        ))}
      </ol>
      <nav class="pager" aria-label="pages">
        {offset > 0 && (
          <button type="button" onClick={() => navigate(`/stories?offset=${Math.max(0, offset - PAGE)}`)}>
            ← Larger
          </button>
        )}
        {offset + page.items.length < page.total && (
          <button type="button" onClick={() => navigate(`/stories?offset=${offset + PAGE}`)}>
            More →
          </button>
        )}
      </nav>
    </section>
  );
}

export function StoryView({ id }: { id: string }) {
  const { data, error } = useLoad(() => api.story(id), [id]);
  if (!data) return <Pending error={error} />;
  const articles = data.articles;
  const originals = articles.filter((a) => !a.duplicateOf);
  const title = originals.find((a) => a.title)?.title ?? articles.find((a) => a.title)?.title ?? '(untitled story)';
  return (
    <section aria-labelledby="story-title">
      <p class="muted">
        <a href="/stories">Stories</a> ›
      </p>
      <h1 id="story-title">{title}</h1>
      <p class="muted" data-testid="story-summary">
        {articles.length} articles, {originals.length} original, {articles.length - originals.length} duplicate
        {articles.length - originals.length === 1 ? '' : 's'}
      </p>
      <ol class="hits">
        {articles.map((a) => (
          <li key={a.id}>
            <a class="hit-title" href={`/articles/${encodeURIComponent(a.id)}`}>
              {a.title ?? '(untitled)'}
            </a>
            <div class="muted">
              {[a.outlet, a.published?.slice(0, 10)].filter(Boolean).join(' · ')}
              {a.duplicateOf && (
                <>
                  {' · '}
                  <span class="badge">duplicate</span> of{' '}
                  <a href={`/articles/${encodeURIComponent(a.duplicateOf)}`}>{a.duplicateOf}</a>
                </>
              )}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
