// The map: places mentioned in the articles (and merged events, once the server has them) over
// offline country borders, filtered by the same period brush as the article list. The side panel
// lists the places (the keyboard alternative to the markers) and, for the selected place, every
// mention with its article and character span. Period, query, story, precision and the selected
// place are in the URL.

import { useEffect, useState } from 'preact/hooks';
import { api, type GeoFeature, type PlaceSummary, type TimelineBucket } from '../api';
import { type Boundaries, eventKey, PlaceMap, placeKey } from '../components/map';
import { Timeline } from '../components/timeline';
import { Pending, useLoad } from '../load';
import { navigate } from '../router';

/** How many places the side list shows (the map shows all that were loaded). */
const LISTED = 60;
const PRECISION = ['', 'town', 'region', 'country'];

const count = (n: number, one: string) => `${n.toLocaleString('en')} ${one}${n === 1 ? '' : 's'}`;

const period = (first: string | null, last: string | null) =>
  first
    ? `${first.slice(0, 10)}${last && last.slice(0, 10) !== first.slice(0, 10) ? ` – ${last.slice(0, 10)}` : ''}`
    : 'undated';

export function MapView({ params }: { params: URLSearchParams }) {
  const from = params.get('from') || undefined;
  const to = params.get('to') || undefined;
  const q = params.get('q') || undefined;
  const story = params.get('story') || undefined;
  const precision = params.get('precision') === '3' ? 3 : 2;
  const selectedKey = params.get('place');
  const [event, setEvent] = useState<GeoFeature | null>(null);
  const [buckets, setBuckets] = useState<TimelineBucket[] | null>(null);

  const boundaries = useLoad<Boundaries>(
    () =>
      api.boundaries().then((b) => {
        if (!b) throw new Error('this build has no boundaries.geojson (run npm run build)');
        return b;
      }),
    [],
  );
  const places = useLoad(() => api.places({ from, to, q, story, precision }), [from, to, q, story, precision]);
  // The events layer is optional: a server without events (404) or with an error shows none.
  const events = useLoad(() => api.events({ from, to }).catch(() => null), [from, to]);
  useEffect(() => {
    api.timeline({ q }).then(
      (t) => setBuckets(t.buckets),
      () => setBuckets([]),
    );
  }, [q]);

  const update = (changes: Record<string, string | undefined>, replace = false) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    navigate(`/map?${next}`, { replace });
  };
  const select = (place: PlaceSummary) => {
    setEvent(null);
    update({ place: placeKey(place) }, true);
  };
  const selected = places.data?.items.find((p) => placeKey(p) === selectedKey) ?? null;

  return (
    <div class="map-view">
      <h1 class="visually-hidden">Map</h1>
      {buckets && (
        <Timeline buckets={buckets} from={from} to={to} onSelect={(r) => update({ from: r?.from, to: r?.to })} />
      )}
      <div class="map-layout">
        <div>
          <button
            type="button"
            class="skip"
            onClick={() => document.querySelector<HTMLElement>('.place-list button')?.focus()}
          >
            Skip the map's markers: go to the list of places
          </button>
          <PlaceMap
            boundaries={boundaries.data}
            places={places.data?.items ?? []}
            events={events.data}
            selected={event ? eventKey(event) : selectedKey}
            onSelectPlace={select}
            onSelectEvent={(e) => {
              setEvent(e);
              update({ place: undefined }, true);
            }}
          />
          <p class="muted small" data-testid="map-legend">
            Circles: places mentioned, area by number of articles
            {events.data ? `; dashed orange: ${count(events.data.features.length, 'merged event')}` : ''}.{' '}
            {boundaries.error
              ? `Borders unavailable: ${boundaries.error}.`
              : boundaries.data
                ? 'Internationally recognised borders (Crimea in Ukraine), Natural Earth.'
                : 'Loading borders…'}
          </p>
        </div>
        <aside class="map-side" aria-label="places">
          {event ? (
            <EventDetail event={event} onClose={() => setEvent(null)} />
          ) : selected ? (
            <PlaceDetail place={selected} from={from} to={to} onClose={() => update({ place: undefined }, true)} />
          ) : null}
          <PlaceList
            data={places.data}
            error={places.error}
            selectedKey={selectedKey}
            precision={precision}
            onPrecision={(p) => update({ precision: p === 3 ? '3' : undefined, place: undefined })}
            onSelect={select}
          />
        </aside>
      </div>
    </div>
  );
}

function PlaceList({
  data,
  error,
  selectedKey,
  precision,
  onPrecision,
  onSelect,
}: {
  data: { total: number; items: PlaceSummary[] } | null;
  error: string | null;
  selectedKey: string | null;
  precision: number;
  onPrecision: (precision: number) => void;
  onSelect: (place: PlaceSummary) => void;
}) {
  return (
    <section aria-labelledby="places-title">
      <h2 id="places-title">Places</h2>
      <label class="small">
        <input
          type="checkbox"
          checked={precision === 3}
          onChange={(e) => onPrecision((e.target as HTMLInputElement).checked ? 3 : 2)}
        />{' '}
        include whole countries
      </label>
      {!data ? (
        <Pending error={error} />
      ) : (
        <>
          <p class="muted small" data-testid="place-count" aria-live="polite">
            {count(data.total, 'place')}
            {data.items.length < data.total && `, the ${data.items.length} most mentioned on the map`}
            {data.items.length > LISTED && `, ${LISTED} listed`}
          </p>
          <ol class="place-list">
            {data.items.slice(0, LISTED).map((p) => (
              <li key={placeKey(p)}>
                <button
                  type="button"
                  class="link"
                  aria-pressed={placeKey(p) === selectedKey}
                  onClick={() => onSelect(p)}
                >
                  {p.name}
                </button>{' '}
                <span class="muted small">{count(p.articles, 'article')}</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function PlaceDetail({
  place,
  from,
  to,
  onClose,
}: {
  place: PlaceSummary;
  from?: string;
  to?: string;
  onClose: () => void;
}) {
  const { data, error } = useLoad(
    () => (place.entity ? api.placeMentions(place.entity, { from, to }) : Promise.resolve(null)),
    [place.entity, from, to],
  );
  return (
    <section class="place-detail" aria-labelledby="place-title" data-testid="place-detail">
      <h2 id="place-title">{place.name}</h2>
      <p class="muted small">
        {place.geoPrecision ? `${PRECISION[place.geoPrecision]} · ` : ''}
        {place.lat.toFixed(3)}, {place.lon.toFixed(3)} · {count(place.mentions, 'mention')} in{' '}
        {count(place.articles, 'article')} · {period(place.first, place.last)}
        {place.entity && (
          <>
            {' · '}
            <a href={`/entities/${encodeURIComponent(place.entity)}`}>entity page</a>
          </>
        )}
      </p>
      {!place.entity ? (
        <p class="muted small">Not linked to the knowledge base: its mentions are listed only on the article pages.</p>
      ) : !data ? (
        <Pending error={error} />
      ) : (
        <ol class="hits mentions" data-testid="place-mentions">
          {data.mentions.map((m) => (
            <li key={`${m.article}:${m.start}`}>
              <a href={`/articles/${encodeURIComponent(m.article)}`}>{m.title ?? m.article}</a>
              <div class="muted small">
                {m.published?.slice(0, 10) ?? 'undated'} · “{m.text}” at characters {m.start}–{m.end} of article{' '}
                {m.article}
              </div>
            </li>
          ))}
        </ol>
      )}
      <button type="button" class="link small" onClick={onClose}>
        close
      </button>
    </section>
  );
}

/** An event's sources, when the record lists them as objects with an article id. */
function sources(event: GeoFeature): Array<{ article: string; title?: string; quote?: string }> {
  const list = event.properties.sources;
  return Array.isArray(list)
    ? list.filter((s): s is { article: string } => typeof s === 'object' && s !== null && 'article' in s)
    : [];
}

function EventDetail({ event, onClose }: { event: GeoFeature; onClose: () => void }) {
  const p = event.properties;
  const id = eventKey(event);
  return (
    <section class="place-detail" aria-labelledby="event-title" data-testid="event-detail">
      <h2 id="event-title">
        {String(p.type ?? 'Event')}
        {p.subtype ? `: ${String(p.subtype)}` : ''}
      </h2>
      <p class="muted small">
        {[
          p.date && String(p.date).slice(0, 10),
          p.location && String(p.location),
          p.fatalities != null && `${String(p.fatalities)} killed`,
          p.sourceCount != null && `${String(p.sourceCount)} sources`,
        ]
          .filter(Boolean)
          .join(' · ')}
        {id && (
          <>
            {' · '}
            <a href={`/api/events/${encodeURIComponent(id)}`}>record</a>
          </>
        )}
      </p>
      <ol class="hits mentions">
        {sources(event).map((s, i) => (
          <li key={`${s.article}:${i}`}>
            <a href={`/articles/${encodeURIComponent(s.article)}`}>{s.title ?? s.article}</a>
            {s.quote && <div class="muted small">“{s.quote}”</div>}
          </li>
        ))}
      </ol>
      <button type="button" class="link small" onClick={onClose}>
        close
      </button>
    </section>
  );
}
