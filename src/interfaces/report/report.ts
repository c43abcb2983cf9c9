// The situation report for a period: the largest stories, the most mentioned places, people and
// organisations, and the coverage per day, each line with its citations (article ids, outlets,
// dates, links). Built from the store only; Markdown or a self-contained HTML page. Events,
// claims and quotes join it as their stages land.

import type { Store } from '../../store/store.js';

export interface ReportOptions {
  from: string;
  to: string;
  /** Stories and entities per section. */
  top?: number;
}

interface Citation {
  id: string;
  label: string;
  url: string | null;
}

interface Line {
  text: string;
  citations: Citation[];
}

interface Section {
  title: string;
  lines: Line[];
  empty: string;
}

export interface Report {
  title: string;
  summary: string;
  sections: Section[];
}

export async function buildReport(store: Store, options: ReportOptions): Promise<Report> {
  const top = options.top ?? 10;
  const period = { from: options.from, to: options.to };
  const articles = await store.listArticles({ ...period, limit: 1 });
  const days = await store.timeline(period);

  const storyLines: Array<Line & { size: number }> = [];
  const stories = await store.listStories({ ...period, limit: top * 3 });
  for (const story of stories.items) {
    const members = (await store.storyArticles(story.id)).filter(
      (a) => a.published !== null && a.published.slice(0, 10) >= options.from && a.published.slice(0, 10) <= options.to,
    );
    if (members.length === 0) continue;
    const originals = members.filter((a) => !a.duplicateOf);
    const outlets = new Set(members.map((a) => a.outlet ?? 'unknown outlet'));
    storyLines.push({
      size: members.length,
      text: `${story.title ?? '(untitled)'}: ${members.length} articles (${originals.length} original) from ${outlets.size} ${outlets.size === 1 ? 'outlet' : 'outlets'}`,
      citations: originals.slice(0, 3).map((a) => ({
        id: a.id,
        label: [a.outlet, a.published?.slice(0, 10)].filter(Boolean).join(', ') || a.id,
        url: a.url,
      })),
    });
  }
  // Largest in the period first.
  storyLines.sort((a, b) => b.size - a.size).splice(top);

  const entitySections: Section[] = [];
  for (const [type, title] of [
    ['place', 'Most mentioned places'],
    ['person', 'Most mentioned people'],
    ['organization', 'Most mentioned organisations'],
  ] as const) {
    const page = await store.listEntities({ ...period, type, limit: top });
    const lines: Line[] = [];
    for (const entity of page.items) {
      const inPeriod = (await store.entity(entity.id, 50, period))?.mentions ?? [];
      const seen = new Set<string>();
      const citations: Citation[] = [];
      for (const m of inPeriod) {
        if (seen.has(m.article) || citations.length >= 2) continue;
        seen.add(m.article);
        citations.push({ id: m.article, label: `${m.title ?? m.article}, chars ${m.start}–${m.end}`, url: null });
      }
      lines.push({
        text: `${entity.name}${entity.country ? ` (${entity.country})` : ''}: ${entity.mentions} mentions in ${entity.articles} articles`,
        citations,
      });
    }
    entitySections.push({ title, lines, empty: 'No linked mentions in this period.' });
  }

  const busiest = [...days].sort((a, b) => b.articles - a.articles).slice(0, 5);
  return {
    title: `Situation report, ${options.from} to ${options.to}`,
    summary: `${articles.total} articles published in the period, on ${days.length} days${
      busiest.length ? `; busiest: ${busiest.map((d) => `${d.date} (${d.articles})`).join(', ')}` : ''
    }. Every line cites the articles it rests on (article ids; open them with \`sitrep show <id>\` or /articles/<id> in the desk).`,
    sections: [{ title: 'Top stories', lines: storyLines, empty: 'No stories in this period.' }, ...entitySections],
  };
}

export function reportMarkdown(report: Report): string {
  const out = [`# ${report.title}`, '', report.summary, ''];
  for (const section of report.sections) {
    out.push(`## ${section.title}`, '');
    if (section.lines.length === 0) out.push(section.empty, '');
    for (const line of section.lines) {
      const cites = line.citations.map((c) =>
        c.url ? `[${c.label}](${c.url}) \`${c.id}\`` : `${c.label} \`${c.id}\``,
      );
      out.push(`- ${line.text}${cites.length ? `. Sources: ${cites.join('; ')}` : ''}`);
    }
    out.push('');
  }
  return out.join('\n');
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function reportHtml(report: Report): string {
  const sections = report.sections
    .map((section) => {
      const items = section.lines
        .map((line) => {
          const cites = line.citations
            .map((c) => {
              const label = escapeHtml(c.label);
              const link =
                c.url && /^https?:\/\//i.test(c.url)
                  ? `<a href="${escapeHtml(c.url)}" rel="noreferrer">${label}</a>`
                  : label;
              return `${link} <code>${escapeHtml(c.id)}</code>`;
            })
            .join('; ');
          return `<li>${escapeHtml(line.text)}${cites ? `. Sources: ${cites}` : ''}</li>`;
        })
        .join('\n');
      return `<h2>${escapeHtml(section.title)}</h2>\n${items ? `<ul>\n${items}\n</ul>` : `<p>${escapeHtml(section.empty)}</p>`}`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(report.title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}code{color:#555}</style>
</head><body>
<h1>${escapeHtml(report.title)}</h1>
<p>${escapeHtml(report.summary)}</p>
${sections}
</body></html>
`;
}
