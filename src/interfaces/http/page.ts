// A small, dependency-free search page served at `/` until the web desk lands: search and
// filter articles, read one with its messages and provenance. Everything from the store is put
// in the page with textContent, never as HTML.

export function homePage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>sitrep</title>
<style>
  :root { color-scheme: light dark; --fg: #111; --muted: #555; --bg: #fff; --line: #ddd; --mark: #ffe58a; }
  @media (prefers-color-scheme: dark) { :root { --fg: #eee; --muted: #aaa; --bg: #161616; --line: #333; --mark: #6b5a00; } }
  body { font: 16px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); margin: 0; }
  header { padding: 1rem 1.5rem; border-bottom: 1px solid var(--line); display: flex; gap: 1rem; align-items: baseline; flex-wrap: wrap; }
  h1 { font-size: 1.25rem; margin: 0; }
  form { display: flex; gap: .5rem; flex-wrap: wrap; }
  input, select, button { font: inherit; padding: .3rem .5rem; }
  main { display: grid; grid-template-columns: minmax(18rem, 1fr) 2fr; gap: 1.5rem; padding: 1rem 1.5rem; }
  ol { list-style: none; padding: 0; margin: 0; }
  li { padding: .5rem 0; border-bottom: 1px solid var(--line); }
  li a { font-weight: 600; color: inherit; }
  .meta, #stats { color: var(--muted); font-size: .875rem; }
  mark { background: var(--mark); color: inherit; }
  article p { white-space: pre-wrap; }
  .msg { font-family: monospace; font-size: .8rem; color: var(--muted); }
  footer { padding: 1rem 1.5rem; color: var(--muted); font-size: .8rem; }
</style>
</head>
<body>
<header>
  <h1>sitrep</h1>
  <form id="search" role="search">
    <label for="q" class="meta">Search</label>
    <input id="q" name="q" type="search" placeholder="Kharkiv, &quot;humanitarian corridor&quot;, Zelensk*">
    <input id="from" name="from" type="date" aria-label="from date">
    <input id="to" name="to" type="date" aria-label="to date">
    <button>Search</button>
  </form>
  <span id="stats" aria-live="polite"></span>
</header>
<main>
  <section aria-label="results"><p id="summary" class="meta"></p><ol id="results"></ol></section>
  <article id="reader" aria-live="polite"></article>
</main>
<footer>API: <a href="/openapi.json">/openapi.json</a>. Demo corpus: Office of the President of Ukraine (president.gov.ua, CC BY 4.0), President of Russia (en.kremlin.ru, CC BY 4.0), The White House (public domain).</footer>
<script type="module">
const $ = (id) => document.getElementById(id);
const el = (tag, text, cls) => { const e = document.createElement(tag); if (text != null) e.textContent = text; if (cls) e.className = cls; return e; };

async function api(path) {
  const res = await fetch(path);
  const body = await res.json();
  if (!res.ok) throw new Error(body.error ? body.error.message : res.statusText);
  return body;
}

function marked(text, spans) {
  const frag = document.createDocumentFragment();
  let at = 0;
  for (const s of spans || []) { frag.append(text.slice(at, s.start), el('mark', text.slice(s.start, s.end))); at = s.end; }
  frag.append(text.slice(at));
  return frag;
}

async function search() {
  const params = new URLSearchParams();
  for (const name of ['q', 'from', 'to']) if ($(name).value) params.set(name, $(name).value);
  params.set('limit', '50');
  history.replaceState(null, '', '?' + params);
  $('results').replaceChildren();
  try {
    const page = await api('/api/articles?' + params);
    $('summary').textContent = page.total + ' articles';
    for (const hit of page.items) {
      const a = hit.article, li = el('li'), link = el('a', a.title || a.id);
      link.href = '#' + encodeURIComponent(a.id);
      li.append(link, el('div', [a.outlet, a.published].filter(Boolean).join(' · '), 'meta'));
      if (hit.snippet) { const p = el('div'); p.append(marked(hit.snippet, hit.highlights)); li.append(p); }
      $('results').append(li);
    }
  } catch (e) { $('summary').textContent = e.message; }
}

async function read() {
  const id = decodeURIComponent(location.hash.slice(1));
  if (!id) return;
  const a = await api('/api/articles/' + encodeURIComponent(id));
  const reader = $('reader');
  reader.replaceChildren(el('h2', a.title || a.id), el('p', [a.outlet, a.published, a.language].filter(Boolean).join(' · '), 'meta'));
  if (a.url) { const link = el('a', a.url); link.href = a.url; link.rel = 'noreferrer'; reader.append(link); }
  reader.append(el('p', 'source: ' + a.source, 'meta'));
  for (const m of a.messages) reader.append(el('div', m.severity + ' [' + m.rule + '] ' + m.reason, 'msg'));
  for (const b of a.blocks.length ? a.blocks : [{ start: 0, end: a.text.length }]) reader.append(el('p', a.text.slice(b.start, b.end)));
}

$('search').addEventListener('submit', (e) => { e.preventDefault(); search(); });
addEventListener('hashchange', read);
const initial = new URLSearchParams(location.search);
for (const name of ['q', 'from', 'to']) $(name).value = initial.get(name) || '';
api('/api/stats').then((s) => { $('stats').textContent = s.articles + ' articles from ' + s.outlets.length + ' outlets' + (s.earliest ? ', ' + s.earliest.slice(0, 10) + ' to ' + s.latest.slice(0, 10) : ''); });
search();
read();
</script>
</body>
</html>
`;
}
