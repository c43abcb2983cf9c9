// Text with some spans marked; the text is rendered as text, never as HTML.

export function Highlighted({ text, spans }: { text: string; spans: Array<{ start: number; end: number }> }) {
  const parts = [];
  let at = 0;
  for (const [i, s] of spans.entries()) {
    parts.push(text.slice(at, s.start), <mark key={i}>{text.slice(s.start, s.end)}</mark>);
    at = s.end;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}
