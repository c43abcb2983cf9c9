// The desk's shell: header with search, the view for the current URL, credits.

import type { ComponentChild } from 'preact';
import { useEffect } from 'preact/hooks';
import { interceptLinks, navigate, useLocation } from './router';
import { ArticlesView } from './views/articles';
import { EntitiesView, EntityView } from './views/entities';
import { LedgerView } from './views/ledger';
import { MapView } from './views/map';
import { ReaderView } from './views/reader';
import { StoriesView, StoryView } from './views/stories';

export function App() {
  const location = useLocation();
  useEffect(() => {
    document.addEventListener('click', interceptLinks);
    return () => document.removeEventListener('click', interceptLinks);
  }, []);

  const articleMatch = /^\/articles\/(.+)$/.exec(location.path);
  const storyMatch = /^\/stories\/(.+)$/.exec(location.path);
  const entityMatch = /^\/entities\/(.+)$/.exec(location.path);
  let view: ComponentChild;
  if (articleMatch?.[1])
    view = <ReaderView id={decodeURIComponent(articleMatch[1])} fact={location.params.get('fact')} />;
  else if (storyMatch?.[1]) view = <StoryView id={decodeURIComponent(storyMatch[1])} />;
  else if (location.path === '/stories') view = <StoriesView params={location.params} />;
  else if (entityMatch?.[1]) view = <EntityView id={decodeURIComponent(entityMatch[1])} />;
  else if (location.path === '/entities') view = <EntitiesView params={location.params} />;
  else if (location.path === '/map') view = <MapView params={location.params} />;
  else if (location.path === '/ledger') view = <LedgerView params={location.params} />;
  else if (location.path === '/' || location.path === '/articles') view = <ArticlesView params={location.params} />;
  else
    view = (
      <p role="alert">
        No view at {location.path}. <a href="/articles">Back to the articles</a>.
      </p>
    );

  const onSearch = (event: Event) => {
    event.preventDefault();
    const q = new FormData(event.target as HTMLFormElement).get('q')?.toString().trim() ?? '';
    const params = new URLSearchParams(
      location.path === '/articles' || location.path === '/' ? location.params : undefined,
    );
    if (q) params.set('q', q);
    else params.delete('q');
    params.delete('offset');
    navigate(`/articles?${params}`);
  };

  return (
    <>
      <header class="top">
        <a class="brand" href="/articles">
          sitrep
        </a>
        <nav aria-label="views">
          <a
            href="/articles"
            aria-current={location.path.startsWith('/articles') || location.path === '/' ? 'page' : undefined}
          >
            Articles
          </a>
          <a href="/stories" aria-current={location.path.startsWith('/stories') ? 'page' : undefined}>
            Stories
          </a>
          <a href="/entities" aria-current={location.path.startsWith('/entities') ? 'page' : undefined}>
            Entities
          </a>
          <a href="/map" aria-current={location.path === '/map' ? 'page' : undefined}>
            Map
          </a>
          <a href="/ledger" aria-current={location.path === '/ledger' ? 'page' : undefined}>
            Ledger
          </a>
        </nav>
        {/* biome-ignore lint/a11y/useSemanticElements: <search> is not yet in Preact's JSX types */}
        <form role="search" onSubmit={onSearch} class="search">
          <label for="q" class="visually-hidden">
            Search articles
          </label>
          <input
            id="q"
            name="q"
            type="search"
            placeholder='Search: Kharkiv, "humanitarian corridor", Zelensk*'
            value={location.params.get('q') ?? ''}
            key={location.params.get('q') ?? ''}
          />
          <button type="submit">Search</button>
        </form>
      </header>
      <main id="main">{view}</main>
      <footer class="credits">
        Every fact links to the article and span it came from. API: <a href="/openapi.json">/openapi.json</a>. Demo
        corpus: Office of the President of Ukraine (president.gov.ua, CC BY 4.0), President of Russia (en.kremlin.ru, CC
        BY 4.0), The White House (public domain). Places: GeoNames, CC BY 4.0. Borders: Natural Earth, public domain.
      </footer>
    </>
  );
}
