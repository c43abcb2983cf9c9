// The Leaflet map: offline country borders from the bundled boundaries file (no tile server),
// places as circle markers sized by how many articles mention them, and merged events as a
// second layer when the server has them. Markers are focusable buttons (Enter or Space selects);
// labels are built as text nodes, never as HTML, so names from articles cannot inject markup.

import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'preact/hooks';
import type { GeoCollection, GeoFeature, PlaceSummary } from '../api';

export type Boundaries = GeoCollection<{ id: string; name: string; note?: string }>;

export interface PlaceMapProps {
  boundaries: Boundaries | null;
  places: PlaceSummary[];
  events: GeoCollection | null;
  /** The key (placeKey) of the selected place, or the id of the selected event. */
  selected: string | null;
  onSelectPlace: (place: PlaceSummary) => void;
  onSelectEvent: (event: GeoFeature) => void;
}

/** One key per place: its knowledge-base id, or its position when it has none. */
export const placeKey = (p: PlaceSummary): string => p.entity ?? `at:${p.lat},${p.lon}`;

/** The event's id as the events route gives it (the feature id, else properties.id). */
export const eventKey = (e: GeoFeature): string => String(e.id ?? e.properties.id ?? '');

/** Marker radius in pixels: area grows with the article count, relative to the busiest place. */
export function radius(articles: number, max: number): number {
  return 4 + 18 * Math.sqrt(articles / Math.max(max, 1));
}

function color(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

function label(text: string): HTMLElement {
  const span = document.createElement('span');
  span.textContent = text;
  return span;
}

/** Makes a vector marker a keyboard-operable button with an accessible name. */
function focusable(layer: L.Path, name: string, select: () => void): void {
  const element = layer.getElement() as SVGElement | undefined;
  if (!element) return;
  element.setAttribute('tabindex', '0');
  element.setAttribute('role', 'button');
  element.setAttribute('aria-label', name);
  element.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      select();
    }
  });
  element.addEventListener('focus', () => layer.openTooltip());
  element.addEventListener('blur', () => layer.closeTooltip());
}

const eventLabel = (e: GeoFeature): string => {
  const p = e.properties;
  return [
    p.type ?? 'event',
    p.subtype && `(${p.subtype})`,
    p.date && `on ${String(p.date).slice(0, 10)}`,
    p.location && `in ${p.location}`,
    p.fatalities != null && `, ${p.fatalities} killed`,
    p.sourceCount != null && `, ${p.sourceCount} sources`,
  ]
    .filter(Boolean)
    .join(' ');
};

export function PlaceMap({ boundaries, places, events, selected, onSelectPlace, onSelectEvent }: PlaceMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layers = useRef<{ borders?: L.Layer; places?: L.LayerGroup; events?: L.LayerGroup }>({});
  const markers = useRef(new Map<string, L.CircleMarker>());
  // Handlers change with every render; the markers call the latest ones.
  const handlers = useRef({ onSelectPlace, onSelectEvent });
  handlers.current = { onSelectPlace, onSelectEvent };

  useEffect(() => {
    const m = L.map(container.current!, {
      center: [48.6, 33.5],
      zoom: 5,
      minZoom: 2,
      maxZoom: 12,
      zoomSnap: 0.5,
      attributionControl: false,
    });
    L.control
      .attribution({ prefix: false })
      .addAttribution('Borders: Natural Earth (public domain), internationally recognised; places: GeoNames')
      .addTo(m);
    // Events sit above the places (whose selected marker is brought to the front), so both stay clickable.
    m.createPane('events').style.zIndex = '450';
    map.current = m;
    const resize = new ResizeObserver(() => m.invalidateSize());
    resize.observe(container.current!);
    return () => {
      resize.disconnect();
      m.remove();
      map.current = null;
    };
  }, []);

  useEffect(() => {
    const m = map.current;
    if (!m || !boundaries) return;
    const land = color('--map-land', '#eef0ea');
    const border = color('--map-border', '#7d8793');
    const layer = L.geoJSON(boundaries as unknown as Parameters<typeof L.geoJSON>[0], {
      interactive: false,
      style: (f) => ({
        color: border,
        weight: f?.properties?.name === 'Ukraine' ? 1.6 : 0.8,
        fillColor: land,
        fillOpacity: 1,
        className: `map-country${f?.properties?.name === 'Ukraine' ? ' map-ukraine' : ''}`,
      }),
    }).addTo(m);
    layer.bringToBack();
    layers.current.borders = layer;
    return () => {
      layer.remove();
    };
  }, [boundaries]);

  useEffect(() => {
    const m = map.current;
    if (!m) return;
    const group = L.layerGroup().addTo(m);
    markers.current.clear();
    const max = Math.max(1, ...places.map((p) => p.articles));
    const fill = color('--accent', '#0b5cad');
    const stroke = color('--fg', '#14171a');
    // Largest first, so small places are drawn on top and stay clickable.
    for (const place of [...places].sort((a, b) => b.articles - a.articles)) {
      const key = placeKey(place);
      const name = `${place.name}: ${place.articles} article${place.articles === 1 ? '' : 's'}, ${place.mentions} mention${place.mentions === 1 ? '' : 's'}`;
      const marker = L.circleMarker([place.lat, place.lon], {
        radius: radius(place.articles, max),
        color: stroke,
        weight: 1,
        fillColor: fill,
        fillOpacity: 0.55,
        className: 'map-place',
      })
        .bindTooltip(label(name))
        .on('click', () => handlers.current.onSelectPlace(place))
        .addTo(group);
      focusable(marker, name, () => handlers.current.onSelectPlace(place));
      markers.current.set(key, marker);
    }
    layers.current.places = group;
    return () => {
      group.remove();
    };
  }, [places]);

  useEffect(() => {
    const m = map.current;
    if (!m || !events) return;
    const group = L.layerGroup().addTo(m);
    const fill = color('--event', '#c2410c');
    for (const feature of events.features) {
      const coordinates = feature.geometry.coordinates as [number, number];
      if (feature.geometry.type !== 'Point' || !Array.isArray(coordinates)) continue;
      const name = eventLabel(feature);
      const marker = L.circleMarker([coordinates[1], coordinates[0]], {
        radius: 5 + Math.min(6, Math.log2(Number(feature.properties.sourceCount ?? 1) || 1) * 2),
        color: '#000',
        weight: 1.5,
        dashArray: '3 2',
        fillColor: fill,
        fillOpacity: 0.85,
        className: 'map-event',
        pane: 'events',
      })
        .bindTooltip(label(name))
        .on('click', () => handlers.current.onSelectEvent(feature))
        .addTo(group);
      focusable(marker, name, () => handlers.current.onSelectEvent(feature));
    }
    layers.current.events = group;
    return () => {
      group.remove();
    };
  }, [events]);

  useEffect(() => {
    const m = map.current;
    for (const [key, marker] of markers.current) {
      const on = key === selected;
      marker.setStyle({ weight: on ? 3.5 : 1, fillOpacity: on ? 0.85 : 0.55 });
      if (on) {
        marker.bringToFront();
        if (m && !m.getBounds().contains(marker.getLatLng())) m.panTo(marker.getLatLng());
      }
    }
  }, [selected, places]);

  return (
    <div
      ref={container}
      class="map"
      data-testid="map"
      role="application"
      aria-label="Map of places mentioned in the articles; arrow keys pan, plus and minus zoom, Tab reaches the markers"
    />
  );
}
