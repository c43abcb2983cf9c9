// Markup that never yields article text is cut from the HTML string before it is parsed: scripts
// (JSON-LD kept, metadata reads it), styles, comments, inline SVG, <noscript>, <template>,
// <iframe> fallbacks, <select> option lists. On news pages these are often half the bytes and
// most of the nodes, and the parser, the metadata queries and Readability all cost in proportion.
// The same scan drops <link> tags (style sheets, preloads, icons, feeds: a dozen or more per
// page) except the canonical URL, the only one the metadata reads.
// One linear scan with sticky/global regexes; an element left unclosed is cut to the end.

// The elements whose whole content goes, comments, and <link>. `(?=[\s/>])` so `<svg-icon>` is not `<svg>`.
const START = /<(?:!--|(script|style|svg|noscript|template|iframe|select|math|link)(?=[\s/>]))/gi;
const LINK_TAG = /<link[^<>]*>/iy;
const CANONICAL_REL = /\brel\s*=\s*["']?[^"'>]*\bcanonical\b/i;
const ATTRIBUTES_END = />/g;
const LD_JSON = /\btype\s*=\s*["']?application\/ld\+json/i;

export interface StrippedHtml {
  html: string;
  /** Characters removed. */
  removed: number;
}

export function stripInertMarkup(html: string): StrippedHtml {
  const kept: string[] = [];
  let copied = 0;
  START.lastIndex = 0;
  for (let m = START.exec(html); m; m = START.exec(html)) {
    const at = m.index;
    const name = m[1]?.toLowerCase();
    let end: number;
    if (!name) {
      const close = html.indexOf('-->', at + 4);
      end = close < 0 ? html.length : close + 3;
    } else if (name === 'link') {
      LINK_TAG.lastIndex = at;
      const tag = LINK_TAG.exec(html);
      // a tag that does not close before the next '<', or the canonical URL, stays
      if (!tag || CANONICAL_REL.test(tag[0])) continue;
      end = at + tag[0].length;
    } else {
      ATTRIBUTES_END.lastIndex = at;
      const open = ATTRIBUTES_END.exec(html);
      if (!open) break;
      const tagEnd = open.index + 1;
      if (name === 'script' && LD_JSON.test(html.slice(at, tagEnd))) {
        // Skip over the JSON-LD body so a '<' inside it is not taken for a tag.
        const close = indexOfCloseTag(html, 'script', tagEnd);
        START.lastIndex = close < 0 ? html.length : close;
        continue;
      }
      if (html[tagEnd - 2] === '/' && name !== 'script' && name !== 'style') {
        end = tagEnd; // <svg … /> (self-closing in foreign content)
      } else {
        const close = indexOfCloseTag(html, name, tagEnd);
        end = close < 0 ? html.length : html.indexOf('>', close) + 1 || html.length;
      }
    }
    kept.push(html.slice(copied, at));
    copied = end;
    START.lastIndex = end;
  }
  if (copied === 0) return { html, removed: 0 };
  kept.push(html.slice(copied));
  const out = kept.join('');
  return { html: out, removed: html.length - out.length };
}

const CLOSE_CACHE = new Map<string, RegExp>();

/** Index of the next `</name` (case-insensitive) at or after `from`, or -1. */
function indexOfCloseTag(html: string, name: string, from: number): number {
  let re = CLOSE_CACHE.get(name);
  if (!re) {
    re = new RegExp(`</${name}(?=[\\s/>])`, 'gi');
    CLOSE_CACHE.set(name, re);
  }
  re.lastIndex = from;
  const m = re.exec(html);
  return m ? m.index : -1;
}

/**
 * The attributes anything downstream reads (the block walk, metadata, boilerplate names,
 * Readability's scoring and visibility checks). linkedom makes every attribute a node, so
 * `srcset`, `data-*`, event handlers and tracking attributes cost parse time for nothing.
 */
const KEPT_ATTRIBUTES = new Set([
  'class',
  'id',
  'role',
  'style',
  'hidden',
  'aria-hidden',
  'aria-modal',
  'href',
  'rel',
  'itemprop',
  'itemtype',
  'content',
  'datetime',
  'pubdate',
  'title',
  'name',
  'property',
  'type',
  'lang',
  'xml:lang',
  'dir',
  'colspan',
  'rowspan',
  'summary',
  'datatable',
  'charset',
  'http-equiv',
]);

// A start tag with attributes; [^<>] keeps each attempt local (a '>' inside a quoted value makes
// the match fail to tokenise below, and that tag is then left as it is).
const START_TAG = /<([a-zA-Z][a-zA-Z0-9:-]*)(\s[^<>]*)>/g;
const ATTRIBUTE = /\s*([^\s"'>/=]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?|\s*\/?\s*$/y;

// A link's target matters only when it points into the page ("#note-1": Readability counts such
// links at 0.3 of their text in link density); any other <a href> is a node for nothing.
const IN_PAGE_HREF = /=\s*["']?#/;

/**
 * The HTML with every attribute not in KEPT_ATTRIBUTES removed from start tags, and the `href`
 * of an <a> unless it points into the page.
 */
export function pruneAttributes(html: string): string {
  const kept: string[] = [];
  let copied = 0;
  START_TAG.lastIndex = 0;
  for (let m = START_TAG.exec(html); m; m = START_TAG.exec(html)) {
    const attributes = m[2] ?? '';
    const isAnchor = m[1] === 'a' || m[1] === 'A';
    let out = '';
    let dropped = false;
    let ok = true;
    ATTRIBUTE.lastIndex = 0;
    while (ATTRIBUTE.lastIndex < attributes.length) {
      const start = ATTRIBUTE.lastIndex;
      const a = ATTRIBUTE.exec(attributes);
      if (!a || ATTRIBUTE.lastIndex === start) {
        ok = false;
        break;
      }
      const name = a[1];
      if (name === undefined) {
        out += a[0];
        continue;
      }
      const lower = name.toLowerCase();
      if (KEPT_ATTRIBUTES.has(lower) && !(lower === 'href' && isAnchor && !IN_PAGE_HREF.test(a[0])))
        out += a[0].startsWith(' ') ? a[0] : ` ${a[0].trimStart()}`;
      else dropped = true;
    }
    if (!ok || !dropped) continue;
    kept.push(html.slice(copied, m.index), `<${m[1]}${out}>`);
    copied = m.index + m[0].length;
  }
  if (copied === 0) return html;
  kept.push(html.slice(copied));
  return kept.join('');
}

// Block-level tags: white space next to them is layout, never text between words.
const LAYOUT_TAGS =
  'div|p|ul|ol|li|table|tbody|thead|tfoot|tr|td|th|section|article|header|footer|nav|aside|main|h[1-6]|head|meta|link|body|html|form|figure|figcaption|dl|dt|dd|blockquote|hr|br|option|center|address|fieldset|legend|details|summary|menu';
const LAYOUT_WHITESPACE = new RegExp(
  `(<\\/?(?:${LAYOUT_TAGS})(?=[\\s/>])[^<>]*>)[ \\t\\r\\n\\f]+(?=<)|(>)[ \\t\\r\\n\\f]+(?=<\\/?(?:${LAYOUT_TAGS})[\\s/>])`,
  'gi',
);

/**
 * The HTML without the white space that only lays out its source between block-level tags
 * (indentation and newlines around <div>, <li>, <td>…). linkedom makes each run a text node,
 * often a third of all nodes, and every later pass walks them. Text inside <pre> keeps its
 * layout; white space between inline elements ("<a>x</a> <a>y</a>") is left alone.
 */
export function dropLayoutWhitespace(html: string): string {
  if (/<pre[\s>]/i.test(html)) return html;
  return html.replace(LAYOUT_WHITESPACE, '$1$2');
}
