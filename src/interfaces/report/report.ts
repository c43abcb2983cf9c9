// The situation report for a period: the largest stories, the most mentioned places, people and
// organisations, and the coverage per day, each line with its citations (article ids, outlets,
// dates, links), then events by region, the claims first made in the period, conflicting claims
// and notable quotes. Built from the store only; Markdown or a self-contained HTML page.

import { figureOf } from '../../corpus/claims/figure.js';
import type { ClaimConflict, ClaimGroup } from '../../corpus/claims/ledger.js';
import { CORPUS_KINDS } from '../../corpus/derive.js';
import type { MergedEvent } from '../../corpus/events/merge.js';
import { countryName, regionName } from '../../resources/entities-kb.js';
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

  const factSections = [
    await eventSection(store, options, top),
    ...(await claimSections(store, options, top)),
    await quoteSection(store, options, top),
  ];

  const busiest = [...days].sort((a, b) => b.articles - a.articles).slice(0, 5);
  return {
    title: `Situation report, ${options.from} to ${options.to}`,
    summary: `${articles.total} articles published in the period, on ${days.length} days${
      busiest.length ? `; busiest: ${busiest.map((d) => `${d.date} (${d.articles})`).join(', ')}` : ''
    }. Every line cites the articles it rests on (article ids; open them with \`sitrep show <id>\` or /articles/<id> in the desk).`,
    sections: [
      { title: 'Top stories', lines: storyLines, empty: 'No stories in this period.' },
      ...factSections,
      ...entitySections,
    ],
  };
}

const articleCitation = (s: { article: string; outlet?: string | null; published?: string | null }): Citation => ({
  id: s.article,
  label: [s.outlet, s.published?.slice(0, 10)].filter(Boolean).join(', ') || s.article,
  url: null,
});

/** Merged events of the period by region (admin-1, else country), most events first. */
async function eventSection(store: Store, options: ReportOptions, top: number): Promise<Section> {
  const page = await store.corpusRecords(CORPUS_KINDS.event, { from: options.from, to: options.to, limit: 500 });
  const byRegion = new Map<string, MergedEvent[]>();
  for (const record of page.items) {
    const e = record.data as unknown as MergedEvent;
    const country = countryName(e.country) ?? e.country;
    const region = regionName(e.country, e.admin1) ?? country ?? 'place unknown';
    byRegion.set(region, [...(byRegion.get(region) ?? []), e]);
  }
  const lines = [...byRegion]
    .sort((a, b) => b[1].length - a[1].length)
    .slice(0, top)
    .map(([region, events]) => {
      const types = new Map<string, number>();
      for (const e of events) types.set(e.subtype || e.type, (types.get(e.subtype || e.type) ?? 0) + 1);
      const deaths = events.reduce((n, e) => n + (e.fatalities ?? 0), 0);
      const places = [...new Set(events.map((e) => e.location).filter(Boolean))].slice(0, 4);
      return {
        text:
          `${region}: ${events.length} ${events.length === 1 ? 'event' : 'events'} (${[...types]
            .sort((a, b) => b[1] - a[1])
            .map(([t, n]) => `${n} ${t}`)
            .join(', ')})` +
          (places.length ? ` at ${places.join(', ')}` : '') +
          (deaths ? `; ${deaths} fatalities reported (most conservative figure per event)` : ''),
        citations: events
          .sort((a, b) => b.sourceCount - a.sourceCount)
          .slice(0, 3)
          .flatMap((e) => (e.sources[0] ? [articleCitation(e.sources[0])] : [])),
      };
    });
  return {
    title: `Events by region${page.total > page.items.length ? ` (the ${page.items.length} best-sourced of ${page.total})` : ''}`,
    lines,
    empty: 'No events extracted in this period.',
  };
}

/** The claims first made in the period (most repeated first), and the conflicts among claimants. */
async function claimSections(store: Store, options: ReportOptions, top: number): Promise<Section[]> {
  const period = { from: options.from, to: options.to };
  const groups = await store.corpusRecords(CORPUS_KINDS.claim, { ...period, limit: top });
  const claimLine = (g: ClaimGroup): Line => ({
    text: `${g.metric} · ${g.side}: ${figureOf(g)} ${g.what}${g.region ? ` in ${g.region}` : ''}, ${
      g.claimant ? `says ${g.claimant}` : 'unattributed'
    }${g.date ? `, as of ${g.date}` : ''}${g.sightings.length > 1 ? ` (in ${g.sightings.length} articles)` : ''}`,
    citations: g.sightings.slice(0, 3).map(articleCitation),
  });
  const conflicts = await store.corpusRecords(CORPUS_KINDS.conflict, { ...period, limit: top });
  const conflictLines: Line[] = [];
  for (const record of conflicts.items) {
    const c = record.data as unknown as ClaimConflict;
    const members: ClaimGroup[] = [];
    for (const id of c.claims) {
      const g = await store.corpusRecord(CORPUS_KINDS.claim, id);
      if (g) members.push(g.data as unknown as ClaimGroup);
    }
    conflictLines.push({
      text: `${c.note}: ${members.map((g) => `${g.claimant ?? 'unattributed'} ${figureOf(g)}${g.date ? ` (${g.date})` : ''}`).join(' vs ')}`,
      citations: members.flatMap((g) => (g.sightings[0] ? [articleCitation(g.sightings[0])] : [])),
    });
  }
  return [
    {
      title: 'Claims first made in the period',
      lines: groups.items.map((r) => claimLine(r.data as unknown as ClaimGroup)),
      empty: 'No quantitative claims dated in this period.',
    },
    { title: 'Conflicting claims', lines: conflictLines, empty: 'No conflicting claims in this period.' },
  ];
}

/** The most quoted identified speakers of the period, each with one direct quote of a readable length. */
async function quoteSection(store: Store, options: ReportOptions, top: number): Promise<Section> {
  const page = await store.listFacts('quote', {
    from: options.from,
    to: options.to,
    where: { type: 'direct' },
    present: ['speakerEntity'],
    limit: 500,
  });
  const bySpeaker = new Map<string, typeof page.items>();
  for (const item of page.items) {
    const speaker = String(item.fact.data.speaker ?? item.fact.data.speakerEntity);
    bySpeaker.set(speaker, [...(bySpeaker.get(speaker) ?? []), item]);
  }
  const lines = [...bySpeaker]
    .sort((a, b) => b[1].length - a[1].length)
    .slice(0, top)
    .map(([speaker, items]) => {
      const best = [...items].sort(
        (a, b) =>
          Math.abs((a.fact.evidence?.quote.length ?? 0) - 160) - Math.abs((b.fact.evidence?.quote.length ?? 0) - 160),
      )[0]!;
      const quote = best.fact.evidence?.quote ?? '';
      return {
        text: `${speaker}: “${quote.length > 300 ? `${quote.slice(0, 297)}…` : quote}”${
          items.length > 1 ? ` (${items.length} quotes in the period)` : ''
        }`,
        citations: [articleCitation({ article: best.article.id, ...best.article })],
      };
    });
  return { title: 'Notable quotes', lines, empty: 'No attributed direct quotes in this period.' };
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
