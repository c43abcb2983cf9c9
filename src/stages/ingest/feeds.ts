// RSS (2.0, 0.9x and RDF/RSS 1.0) and Atom reader.
//
// Security: a feed comes from the internet. A DOCTYPE that declares entities is refused outright
// (billion laughs, external entities), and the parser gets an entity decoder that knows only the
// five XML entities and numeric character references, so nothing a document declares is expanded
// even if it slipped past the check.

import { type X2jOptions, XMLParser, XMLValidator } from 'fast-xml-parser';
import type { InputFormat, RecordFields } from '../../core/document.js';
import { asText } from './fields.js';
import { isFeedRoot } from './formats.js';
import { draft, problem, type ReadItem } from './types.js';

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes `&amp;`-style XML entities and `&#…;` references; leaves everything else as written. */
export function decodeXmlEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (whole, name: string) => {
    if (!name.startsWith('#')) return XML_ENTITIES[name] ?? whole;
    const code =
      name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
    const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
    return valid ? String.fromCodePoint(code) : whole;
  });
}

const entityDecoder: NonNullable<X2jOptions['entityDecoder']> = {
  setExternalEntities: () => {},
  addInputEntities: () => {}, // DTD entities: never expanded
  reset: () => {},
  setXmlVersion: () => {},
  decode: decodeXmlEntities,
};

const ARRAY_TAGS = new Set(['item', 'entry', 'link', 'channel']);

function newParser(): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false, // keep ids like "007" as strings
    parseAttributeValue: false,
    processEntities: true,
    entityDecoder,
    captureMetaData: true, // start and end index of each item, for raw and line
    // Keep XHTML content as its markup instead of a tree of parsed elements.
    stopNodes: ['..content[type=xhtml]', '..summary[type=xhtml]'],
    isArray: (name) => ARRAY_TAGS.has(localName(name)),
  });
}

/** True when a DOCTYPE in the document declares entities (anywhere: the parser reads DOCTYPEs anywhere). */
export function declaresEntities(text: string): boolean {
  const doctype = /<!DOCTYPE/gi;
  for (let match = doctype.exec(text); match !== null; match = doctype.exec(text)) {
    const open = text.indexOf('[', match.index);
    const close = text.indexOf('>', match.index);
    if (open < 0 || (close >= 0 && close < open)) continue; // no internal subset
    const end = text.indexOf(']', open);
    if (text.slice(open, end < 0 ? text.length : end).includes('<!ENTITY')) return true;
  }
  return false;
}

type XmlNode = Record<string, unknown>;

export function* readFeed(text: string): Generator<ReadItem> {
  if (declaresEntities(text)) {
    yield problem({
      rule: 'xml-entity-declaration',
      reason: 'the XML declares entities in its DOCTYPE; refused (entity expansion can exhaust memory)',
      inputFailed: true,
    });
    return;
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    yield problem({
      rule: 'xml-malformed',
      reason: `malformed XML: ${msg} (line ${line}, column ${col})`,
      line,
      inputFailed: true,
    });
    return;
  }
  let document: XmlNode;
  try {
    document = newParser().parse(text) as XmlNode;
  } catch (error) {
    yield problem({ rule: 'xml-malformed', reason: `malformed XML: ${(error as Error).message}`, inputFailed: true });
    return;
  }

  const rootName = Object.keys(document).find((k) => !k.startsWith('?') && !k.startsWith('#'));
  if (rootName === undefined || !isFeedRoot(rootName)) {
    yield problem({
      rule: 'feed-unknown',
      reason: `the root element is ${rootName ? `<${rootName}>` : 'missing'}, neither <rss> (RSS) nor <feed> (Atom)`,
      inputFailed: true,
    });
    return;
  }
  const root = asNode(document[rootName]);
  const prefix = rootName.includes(':') ? rootName.slice(0, rootName.indexOf(':') + 1) : '';
  const lines = new LineCounter(text);

  if (localName(rootName).toLowerCase() === 'feed') {
    const outlet = textOf(root[`${prefix}title`]);
    const language = asText(root['@_xml:lang']);
    for (const [index, entry] of list(root[`${prefix}entry`]).entries()) {
      const fields = { ...feedLevel(outlet, language), ...atomFields(asNode(entry), prefix) };
      yield itemDraft('atom', entry, index, fields, text, lines);
    }
    return;
  }

  // RSS 2.0 nests items in <channel>; RDF (RSS 1.0) puts them beside it.
  const channel = asNode(first(root.channel));
  const outlet = textOf(channel.title);
  const language = textOf(channel.language) ?? textOf(channel['dc:language']);
  const items = [...list(channel.item), ...list(root.item)];
  for (const [index, item] of items.entries()) {
    const fields = { ...feedLevel(outlet, language), ...rssFields(asNode(item)) };
    yield itemDraft('rss', item, index, fields, text, lines);
  }
}

function rssFields(item: XmlNode): RecordFields {
  const fields: RecordFields = {};
  const link = textOf(item.link);
  const guid = first(item.guid);
  const guidText = textOf(guid);
  const permalink = asNode(guid)['@_isPermaLink'] !== 'false';
  // A guid is an id unless it is just the article's URL again (isPermaLink, the default).
  if (guidText && (!permalink || !/^https?:\/\//i.test(guidText))) fields.id = guidText;
  const url = link ?? (permalink && guidText && /^https?:\/\//i.test(guidText) ? guidText : undefined);
  assign(fields, 'url', url);
  assign(fields, 'title', textOf(item.title));
  assign(fields, 'published', textOf(item.pubDate) ?? textOf(item['dc:date']));
  // Feeds carry HTML in descriptions; content:encoded is the full body when present.
  assign(fields, 'html', textOf(item['content:encoded']) ?? textOf(item.description));
  assign(fields, 'language', textOf(item['dc:language']));
  return fields;
}

function atomFields(entry: XmlNode, prefix: string): RecordFields {
  const fields: RecordFields = {};
  const links = list(entry[`${prefix}link`]).map(asNode);
  const alternate = links.find((l) => (asText(l['@_rel']) ?? 'alternate') === 'alternate') ?? links[0];
  assign(fields, 'url', asText(alternate?.['@_href']));
  assign(fields, 'id', textOf(entry[`${prefix}id`]));
  assign(fields, 'title', textOf(entry[`${prefix}title`]));
  assign(fields, 'published', textOf(entry[`${prefix}published`]) ?? textOf(entry[`${prefix}updated`]));
  for (const name of ['content', 'summary']) {
    const body = first(entry[`${prefix}${name}`]);
    const value = textOf(body);
    if (value === undefined) continue;
    if (asText(asNode(body)['@_type']) === 'text') fields.text = value;
    else fields.html = value;
    break;
  }
  assign(fields, 'language', asText(entry['@_xml:lang']));
  return fields;
}

/** Channel/feed-level values; an item's own values override them. */
function feedLevel(outlet: string | undefined, language: string | undefined): RecordFields {
  const fields: RecordFields = {};
  assign(fields, 'outlet', outlet);
  assign(fields, 'language', language);
  return fields;
}

function itemDraft(
  format: InputFormat,
  item: unknown,
  index: number,
  fields: RecordFields,
  text: string,
  lines: LineCounter,
): ReadItem {
  const meta = metaOf(item);
  if (meta) {
    return draft({
      format,
      position: index,
      line: lines.lineAt(meta.start),
      raw: text.slice(meta.start, meta.end),
      fields,
      fraction: Math.min(1, meta.end / text.length),
    });
  }
  return draft({ format, position: index, raw: JSON.stringify(item), fields, fraction: 1 });
}

const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

function metaOf(node: unknown): { start: number; end: number } | null {
  if (typeof node !== 'object' || node === null) return null;
  const meta = (node as Record<symbol, { startIndex?: number; endIndex?: number } | undefined>)[META];
  return meta?.startIndex !== undefined && meta.endIndex !== undefined
    ? { start: meta.startIndex, end: meta.endIndex }
    : null;
}

/** Line numbers for increasing offsets, counting each newline once. */
class LineCounter {
  private offset = 0;
  private line = 1;
  constructor(private readonly text: string) {}
  lineAt(offset: number): number {
    if (offset < this.offset) {
      this.offset = 0;
      this.line = 1;
    }
    for (let at = this.text.indexOf('\n', this.offset); at >= 0 && at < offset; at = this.text.indexOf('\n', at + 1)) {
      this.line += 1;
    }
    this.offset = offset;
    return this.line;
  }
}

function assign(fields: RecordFields, key: keyof RecordFields, value: string | undefined): void {
  if (value !== undefined) fields[key] = value;
}

/** The text of an element: a string, or the #text of an element with attributes. */
function textOf(value: unknown): string | undefined {
  const node = first(value);
  if (typeof node === 'object' && node !== null) return asText((node as XmlNode)['#text']);
  return asText(node);
}

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

function list(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function asNode(value: unknown): XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as XmlNode) : {};
}

function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}
