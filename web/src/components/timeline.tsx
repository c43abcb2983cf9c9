// Articles per day as bars; drag across the bars (or use the date fields) to filter every view
// by that period. The brush writes `from` and `to` into the URL.

import { useRef, useState } from 'preact/hooks';
import type { TimelineBucket } from '../api';

export interface TimelineProps {
  buckets: TimelineBucket[];
  from?: string;
  to?: string;
  onSelect: (range: { from: string; to: string } | null) => void;
}

const HEIGHT = 90;

export function Timeline({ buckets, from, to, onSelect }: TimelineProps) {
  const svg = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<{ start: number; end: number } | null>(null);
  if (buckets.length === 0) return <p class="muted">No dated articles.</p>;
  const max = Math.max(...buckets.map((b) => b.articles));
  const width = Math.max(buckets.length * 6, 300);
  const barWidth = width / buckets.length;
  const indexAt = (clientX: number) => {
    const box = svg.current!.getBoundingClientRect();
    const x = ((clientX - box.left) / box.width) * width;
    return Math.min(buckets.length - 1, Math.max(0, Math.floor(x / barWidth)));
  };
  const finish = () => {
    if (!drag) return;
    const [a, b] = [Math.min(drag.start, drag.end), Math.max(drag.start, drag.end)];
    setDrag(null);
    onSelect({ from: buckets[a]!.date, to: buckets[b]!.date });
  };
  const selected = (date: string) =>
    drag
      ? (() => {
          const i = buckets.findIndex((b) => b.date === date);
          return i >= Math.min(drag.start, drag.end) && i <= Math.max(drag.start, drag.end);
        })()
      : (!from || date >= from) && (!to || date <= to);
  return (
    <figure class="timeline">
      <svg
        ref={svg}
        viewBox={`0 0 ${width} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`Articles per day, ${buckets[0]!.date} to ${buckets.at(-1)!.date}; drag to filter by period`}
        onPointerDown={(e) => {
          (e.currentTarget as Element).setPointerCapture(e.pointerId);
          const i = indexAt(e.clientX);
          setDrag({ start: i, end: i });
        }}
        onPointerMove={(e) => drag && setDrag({ ...drag, end: indexAt(e.clientX) })}
        onPointerUp={finish}
      >
        {buckets.map((b, i) => {
          const h = Math.max((b.articles / max) * (HEIGHT - 4), 1);
          return (
            <rect
              key={b.date}
              x={i * barWidth}
              y={HEIGHT - h}
              width={Math.max(barWidth - 1, 1)}
              height={h}
              class={selected(b.date) ? 'bar on' : 'bar'}
            >
              <title>{`${b.date}: ${b.articles} articles`}</title>
            </rect>
          );
        })}
      </svg>
      <figcaption>
        {buckets[0]!.date} – {buckets.at(-1)!.date}
        {(from || to) && (
          <>
            {' '}
            · showing {from ?? '…'} to {to ?? '…'}{' '}
            <button type="button" class="link" onClick={() => onSelect(null)}>
              clear period
            </button>
          </>
        )}
      </figcaption>
    </figure>
  );
}
