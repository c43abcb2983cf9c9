// linkedom parses deeply nested markup in quadratic time (100,000 nested <div>s take seconds,
// a 5 MiB page of them minutes), so nesting beyond a limit is removed from the HTML string
// before parsing. One linear scan; the text between the removed tags stays.

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
/** Closed implicitly by the parser (the next <p> ends a <p>), so they do not nest in practice. */
const IMPLICITLY_CLOSED = new Set([
  'p',
  'li',
  'dt',
  'dd',
  'option',
  'optgroup',
  'tr',
  'td',
  'th',
  'thead',
  'tbody',
  'tfoot',
  'rt',
  'rp',
  'html',
  'head',
  'body',
]);
/** Their content is text up to the closing tag, whatever it looks like. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'plaintext']);

/** How far down the open-element stack a closing tag may match (stray closers are ignored). */
const CLOSE_SEARCH = 16;

const CLOSE_CACHE = new Map<string, RegExp>();

/** A regex for the closing tag of the raw-text element `name`. */
function closeTag(name: string): RegExp {
  let re = CLOSE_CACHE.get(name);
  if (!re) {
    re = new RegExp(`</${name}[\\s>/]`, 'ig');
    CLOSE_CACHE.set(name, re);
  }
  return re;
}

const isAsciiLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isNameCode = (c: number) => isAsciiLetter(c) || (c >= 48 && c <= 58) || c === 45; // letters, digits, ':', '-'

export interface LimitedNesting {
  html: string;
  /** Opening and closing tags removed. */
  removed: number;
  /** Deepest nesting seen (capped at the limit once tags are being removed). */
  depth: number;
}

/** The HTML with every element nested deeper than `maxDepth` unwrapped (its tags removed, its content kept). */
export function limitNesting(html: string, maxDepth: number): LimitedNesting {
  const open: string[] = [];
  const excess = new Map<string, number>();
  const kept: string[] = [];
  let removed = 0;
  let depth = 0;
  let copied = 0;
  let at = html.indexOf('<');
  while (at >= 0 && at < html.length) {
    if (html.startsWith('<!--', at)) {
      const end = html.indexOf('-->', at + 4);
      if (end < 0) break;
      at = html.indexOf('<', end + 3);
      continue;
    }
    // A tag is `<`, an optional `/`, a name (an ASCII letter, then letters, digits, ':' or '-'), and
    // anything but '<' up to '>'; at a '<' that starts no tag the scan moves on.
    let i = at + 1;
    const closing = html.charCodeAt(i) === 47;
    if (closing) i++;
    if (!isAsciiLetter(html.charCodeAt(i))) {
      at = html.indexOf('<', at + 1);
      continue;
    }
    let j = i + 1;
    let upper = false;
    for (let c = html.charCodeAt(j); isNameCode(c); c = html.charCodeAt(++j)) if (c >= 65 && c <= 90) upper = true;
    if (html.charCodeAt(i) <= 90) upper = true;
    const gt = html.indexOf('>', j);
    const lt = html.indexOf('<', j);
    if (gt < 0 || (lt >= 0 && lt < gt)) {
      at = lt;
      continue;
    }
    const name = upper ? html.slice(i, j).toLowerCase() : html.slice(i, j);
    const tagEnd = gt + 1;
    let drop = false;
    if (!closing && RAW_TEXT.has(name)) {
      const close = closeTag(name);
      close.lastIndex = tagEnd;
      const found = close.exec(html);
      at = found ? html.indexOf('<', found.index + 1) : -1;
      continue;
    }
    if (!closing && !VOID.has(name) && !IMPLICITLY_CLOSED.has(name) && html.charCodeAt(gt - 1) !== 47) {
      if (open.length >= maxDepth) {
        excess.set(name, (excess.get(name) ?? 0) + 1);
        drop = true;
      } else {
        open.push(name);
        depth = Math.max(depth, open.length);
      }
    } else if (closing) {
      const pending = excess.get(name) ?? 0;
      if (pending > 0) {
        excess.set(name, pending - 1);
        drop = true;
      } else {
        for (let i = open.length - 1; i >= Math.max(0, open.length - CLOSE_SEARCH); i--) {
          if (open[i] === name) {
            open.length = i;
            break;
          }
        }
      }
    }
    if (drop) {
      kept.push(html.slice(copied, at));
      copied = tagEnd;
      removed++;
    }
    at = lt;
  }
  if (removed === 0) return { html, removed, depth };
  kept.push(html.slice(copied));
  return { html: kept.join(''), removed, depth };
}
