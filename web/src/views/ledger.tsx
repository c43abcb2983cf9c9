// The claims ledger: for one metric and side (killed · civilians, …), each claimant's figures over
// time as a chart and as a table, every claim once with all the articles that carry it, and the
// conflicts between claimants flagged. Every figure links to the sentence it was read from.

import { figureOf as figure } from '../../../src/corpus/claims/figure';
import { api, type ClaimGroup, type ClaimSeries } from '../api';
import { Pending, useLoad } from '../load';

/** Claimants drawn as their own series; the others share one colour. */
const MAX_SERIES = 7;
const COLOURS = ['#1f5fbf', '#c0392b', '#1e8449', '#8e44ad', '#b9770e', '#117a8b', '#6c3483', '#555'];

const pairKey = (metric: string, side: string) => `${metric} · ${side}`;

export function LedgerView({ params }: { params: URLSearchParams }) {
  const metric = params.get('metric') ?? '';
  const side = params.get('side') ?? '';
  const { data: overview, error } = useLoad(() => Promise.all([api.claimSeries({}, 500), api.conflicts({}, 500)]), []);
  if (!overview) return <Pending error={error} />;
  const [series, conflicts] = overview;
  // metric · side pairs, most claims first, with their conflict counts
  const pairs = new Map<string, { metric: string; side: string; claims: number; conflicts: number }>();
  for (const s of series.items) {
    const key = pairKey(s.metric, s.side);
    const pair = pairs.get(key) ?? { metric: s.metric, side: s.side, claims: 0, conflicts: 0 };
    pair.claims += s.points.length;
    pairs.set(key, pair);
  }
  for (const c of conflicts.items) {
    const pair = pairs.get(pairKey(c.metric, c.subject.side));
    if (pair) pair.conflicts++;
  }
  const list = [...pairs.values()].sort((a, b) => b.claims - a.claims);
  // without a choice in the URL: the metric with the most conflicts, else the most claims
  const chosen =
    list.find((p) => p.metric === metric && p.side === side) ?? [...list].sort((a, b) => b.conflicts - a.conflicts)[0];
  return (
    <section aria-labelledby="ledger-title" class="ledger">
      <h1 id="ledger-title">Claims ledger</h1>
      <p class="muted">
        Every figure once, with every article that repeats it; claimants side by side; incompatible figures flagged.
      </p>
      {list.length === 0 ? (
        <p class="muted" data-testid="ledger-empty">
          No quantitative claims in this store yet.
        </p>
      ) : (
        <div class="ledger-layout">
          <nav aria-label="metrics" class="ledger-metrics">
            <ul>
              {list.map((p) => (
                <li key={pairKey(p.metric, p.side)}>
                  <a
                    href={`/ledger?metric=${encodeURIComponent(p.metric)}&side=${encodeURIComponent(p.side)}`}
                    aria-current={chosen === p ? 'page' : undefined}
                  >
                    {p.metric} · {p.side}
                  </a>{' '}
                  <span class="muted">{p.claims}</span>
                  {p.conflicts > 0 && (
                    <span class="badge conflict" title={`${p.conflicts} conflicting claims`}>
                      ⚠ {p.conflicts}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </nav>
          {chosen && (
            <MetricLedger
              metric={chosen.metric}
              side={chosen.side}
              series={series.items.filter((s) => s.metric === chosen.metric && s.side === chosen.side)}
            />
          )}
        </div>
      )}
    </section>
  );
}

function MetricLedger({ metric, side, series }: { metric: string; side: string; series: ClaimSeries[] }) {
  const { data, error } = useLoad(
    () => Promise.all([api.claims({ metric, side, order: 'date' }, 500), api.conflicts({ metric, side }, 100)]),
    [metric, side],
  );
  if (!data) return <Pending error={error} />;
  const [claims, conflicts] = data;
  const byId = new Map(claims.items.map((g) => [g.id, g]));
  const inConflict = new Set(conflicts.items.flatMap((c) => c.claims));
  const claimantColour = new Map<string, string>();
  for (const s of series) {
    const name = s.claimant ?? 'unattributed';
    if (!claimantColour.has(name)) claimantColour.set(name, COLOURS[claimantColour.size % COLOURS.length]!);
  }
  return (
    <div class="ledger-metric">
      <h2>
        {metric} · {side}
      </h2>
      {conflicts.items.length > 0 && (
        <div class="conflicts" data-testid="conflicts">
          <h3>Conflicts</h3>
          <ul>
            {conflicts.items.map((c) => (
              <li key={c.id}>
                <span class="badge conflict">conflict</span> {c.note}
                <ul>
                  {c.claims.map((id) => {
                    const g = byId.get(id);
                    return g ? (
                      <li key={id}>
                        {g.claimant ?? 'unattributed'}: {figure(g)} {g.what} ({g.date ?? 'undated'}){' '}
                        <SourceLink group={g} />
                      </li>
                    ) : null;
                  })}
                </ul>
              </li>
            ))}
          </ul>
        </div>
      )}
      <SeriesChart series={series} colours={claimantColour} />
      <table class="claims-table" data-testid="claims-table">
        <caption class="visually-hidden">
          Claims for {metric} · {side}, latest first
        </caption>
        <thead>
          <tr>
            <th scope="col">as of</th>
            <th scope="col">claimant</th>
            <th scope="col">figure</th>
            <th scope="col">what</th>
            <th scope="col">where</th>
            <th scope="col">seen in</th>
          </tr>
        </thead>
        <tbody>
          {claims.items.map((g) => (
            <tr key={g.id} class={inConflict.has(g.id) ? 'in-conflict' : undefined}>
              <td>{g.date ?? '—'}</td>
              <td>
                <span
                  class="swatch"
                  style={{ background: claimantColour.get(g.claimant ?? 'unattributed') ?? '#555' }}
                />
                {g.claimant ?? <span class="muted">unattributed</span>}
              </td>
              <td class="num">
                {figure(g)}
                {inConflict.has(g.id) && (
                  <span class="badge conflict" title="contradicted by another claimant">
                    ⚠
                  </span>
                )}
              </td>
              <td>{g.what}</td>
              <td>{g.region ?? ''}</td>
              <td>
                <SourceLink group={g} />
                {g.sightings.length > 1 && (
                  <details class="sightings">
                    <summary>every sighting</summary>
                    <ul>
                      {g.sightings.map((s) => (
                        <li key={s.claim}>
                          <a href={`/articles/${encodeURIComponent(s.article)}?fact=${encodeURIComponent(s.claim)}`}>
                            {s.article}
                          </a>
                          {s.published && <span class="muted"> {s.published.slice(0, 10)}</span>}
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SourceLink({ group }: { group: ClaimGroup }) {
  const first = group.sightings[0];
  if (!first) return null;
  return (
    <a href={`/articles/${encodeURIComponent(first.article)}?fact=${encodeURIComponent(first.claim)}`}>
      {group.sightings.length === 1 ? '1 article' : `${group.sightings.length} articles`}
    </a>
  );
}

/** Each claimant's figures over time: one line per claimant, a point per claim (log scale when wide). */
function SeriesChart({ series, colours }: { series: ClaimSeries[]; colours: Map<string, string> }) {
  const points = series.flatMap((s) =>
    s.points
      .filter((p) => p.date)
      .map((p) => ({ ...p, t: Date.parse(p.date as string), claimant: s.claimant ?? 'unattributed' })),
  );
  if (points.length < 2) return null;
  const W = 640;
  const H = 220;
  const pad = { left: 96, right: 12, top: 12, bottom: 28 };
  const t0 = Math.min(...points.map((p) => p.t));
  const t1 = Math.max(...points.map((p) => p.t), t0 + 86_400_000);
  const vMax = Math.max(...points.map((p) => p.value), 1);
  const vMin = Math.max(Math.min(...points.map((p) => p.value)), 1);
  const log = vMax / vMin > 100;
  const x = (t: number) => pad.left + ((t - t0) / (t1 - t0)) * (W - pad.left - pad.right);
  const y = (v: number) =>
    H - pad.bottom - (log ? Math.log10(Math.max(v, 1)) / Math.log10(vMax) : v / vMax) * (H - pad.top - pad.bottom);
  // the claimants with the most figures by name, the rest drawn as points under "others"
  const counts = new Map<string, number>();
  for (const p of points) counts.set(p.claimant, (counts.get(p.claimant) ?? 0) + 1);
  const named = new Set(
    [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, MAX_SERIES)
      .map(([c]) => c),
  );
  const byClaimant = new Map<string, typeof points>();
  for (const p of points) {
    const key = named.has(p.claimant) ? p.claimant : 'others';
    byClaimant.set(key, [...(byClaimant.get(key) ?? []), p]);
  }
  return (
    <figure class="series">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label="figures by claimant over time (the table below lists them)">
        <line x1={pad.left} y1={H - pad.bottom} x2={W - pad.right} y2={H - pad.bottom} class="axis" />
        <line x1={pad.left} y1={pad.top} x2={pad.left} y2={H - pad.bottom} class="axis" />
        <text x={pad.left - 6} y={pad.top + 10} text-anchor="end" class="tick">
          {vMax.toLocaleString('en')}
        </text>
        <text x={pad.left} y={H - 8} class="tick">
          {new Date(t0).toISOString().slice(0, 10)}
        </text>
        <text x={W - pad.right} y={H - 8} text-anchor="end" class="tick">
          {new Date(t1).toISOString().slice(0, 10)}
        </text>
        {[...byClaimant].map(([claimant, list]) => {
          const sorted = [...list].sort((a, b) => a.t - b.t);
          const colour = colours.get(claimant) ?? '#555';
          return (
            <g key={claimant}>
              {sorted.length > 1 && claimant !== 'others' && (
                <polyline
                  fill="none"
                  stroke={colour}
                  stroke-width="2"
                  points={sorted.map((p) => `${x(p.t)},${y(p.value)}`).join(' ')}
                />
              )}
              {sorted.map((p) => (
                <circle key={p.group} cx={x(p.t)} cy={y(p.value)} r="4" fill={colour}>
                  <title>
                    {claimant}: {p.value.toLocaleString('en')} ({p.date})
                  </title>
                </circle>
              ))}
            </g>
          );
        })}
      </svg>
      <figcaption>
        {[...byClaimant.keys()].map((c) => (
          <span key={c} class="legend">
            <span class="swatch" style={{ background: colours.get(c) ?? '#555' }} /> {c}
          </span>
        ))}
        {log && <span class="muted"> · logarithmic scale</span>}
      </figcaption>
    </figure>
  );
}
