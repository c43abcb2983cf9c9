// Boilerplate inside the page body that no article contains: share bars, related-story lists,
// comment threads, cookie banners, newsletter and subscription boxes, ads, breadcrumbs, tag
// lists. They are recognised by the names sites give them (class, id, role) and by their own
// short stock phrases, never by site: the same words mark them on every CMS.

/**
 * A class or id token naming boilerplate. Matched per token at word boundaries (`-`, `_`, case
 * changes are not split) so `article-share` matches but `shareholders` does not.
 */
export const BOILERPLATE_NAME =
  /(?:^|[-_])(?:share|shares|sharing|sharebar|social|socials|social-media|sociallinks|related|relatedposts|related-posts|recommended|recommendations|more-stories|most-read|mostread|most-popular|popular-posts|trending|comment|comments|commentlist|comment-list|disqus|respond|reply|cookie|cookies|cookiebanner|consent|gdpr|newsletter|subscribe|subscription|signup|sign-up|paywall|promo|promotion|advert|advertisement|adslot|ad-slot|ads|ad|banner|sponsor|sponsored|outbrain|taboola|breadcrumb|breadcrumbs|tags|tag-list|taglist|tagcloud|post-tags|categories|author-bio|authorbox|author-box|about-author|sidebar|pagination|pager|toolbar|skip-link|skiplink|jump-link|modal|popup|overlay|login|navbar|menu|nav|navigation|footer|masthead|topbar|top-bar|site-header|visually-hidden|sr-only|screen-reader-text|caption-credit|credits|photo-credit|byline-share|rating|votes)(?:$|[-_])/i;

/** Names that mark the article itself: an element named both ways is kept. */
export const CONTENT_NAME =
  /(?:^|[-_])(?:article-?body|articlebody|article-?content|article-?text|entry-?content|post-?content|post-?body|post-?text|story-?body|story-?content|main-?content|body-?text|content-?body|text-?body|artikel|news-?text)(?:$|[-_])/i;

/**
 * A token regex applied to a whole class/id value: a token also starts after white space and ends
 * before it, so one test of the value answers for every token (no token list per element).
 */
function inValue(token: RegExp): RegExp {
  const source = token.source;
  const [start, end] = ['(?:^|[-_])', '(?:$|[-_])'];
  if (!source.startsWith(start) || !source.endsWith(end)) throw new Error(`not a token regex: ${source}`);
  return new RegExp(`(?:^|[\\s_-])${source.slice(start.length, -end.length)}(?=$|[\\s_-])`, token.flags);
}
const BOILERPLATE_IN_VALUE = inValue(BOILERPLATE_NAME);
const CONTENT_IN_VALUE = inValue(CONTENT_NAME);

const BOILERPLATE_ROLES = new Set([
  'navigation',
  'banner',
  'contentinfo',
  'complementary',
  'search',
  'dialog',
  'alert',
  'alertdialog',
  'menu',
  'menubar',
]);

/** Never removed by name: they hold the page or the article. */
const PROTECTED_TAGS = new Set(['html', 'body', 'main', 'article']);

/** Whether the element's class, id or role names boilerplate (and nothing names it content). */
export function hasBoilerplateName(element: Element): boolean {
  const tag = element.localName.toLowerCase();
  if (PROTECTED_TAGS.has(tag)) return false;
  const role = element.getAttribute('role')?.toLowerCase();
  if (role && BOILERPLATE_ROLES.has(role)) return true;
  const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
  if (names.length < 2) return false;
  // a token naming the article keeps the element whatever the other tokens say
  return !CONTENT_IN_VALUE.test(names) && BOILERPLATE_IN_VALUE.test(names);
}

/**
 * Removes boilerplate-named elements and page chrome (nav, aside, footer, form controls) under `root`, except one that holds the article (an
 * <article>, <main>, `itemprop=articleBody`, or at least `keepShare` of all paragraph text):
 * a wrapper named "page-with-sidebar" or "has-comments" must not take the story with it.
 * Returns the number of elements removed.
 */
export function pruneBoilerplate(root: Element, keepShare: number): number {
  const shares = articleShares(root);
  const doomed: Element[] = [];
  const stack: Element[] = [root];
  while (stack.length > 0) {
    const element = stack.pop() as Element;
    if (
      element !== root &&
      (CHROME_TAGS.has(element.localName.toLowerCase()) || hasBoilerplateName(element)) &&
      !holdsArticle(element, shares, keepShare)
    ) {
      doomed.push(element);
      continue;
    }
    for (let child = element.lastElementChild; child; child = child.previousElementSibling) stack.push(child);
  }
  // Captions and photo credits describe a picture, not the story.
  for (const caption of Array.from(root.querySelectorAll('figcaption'))) doomed.push(caption);
  for (const element of doomed) element.remove();
  return doomed.length;
}

/** Page chrome and form controls by tag: no extractor reads text from them. */
const CHROME_TAGS = new Set(['nav', 'aside', 'footer', 'button', 'input', 'textarea']);

interface ArticleShares {
  /** Characters of <p> text under each element that has any (a cheap measure of where the prose is). */
  paragraphChars: Map<Element, number>;
  total: number;
  /** The <article>/<main>/articleBody elements and their ancestors. */
  holders: Set<Element>;
}

/** One pass over the paragraphs and article markers instead of a subtree query per candidate. */
function articleShares(root: Element): ArticleShares {
  const paragraphChars = new Map<Element, number>();
  let total = 0;
  for (const p of Array.from(root.querySelectorAll('p'))) {
    const n = (p.textContent ?? '').length;
    if (n === 0) continue;
    total += n;
    for (let e: Element | null = p; e; e = e.parentElement) {
      paragraphChars.set(e, (paragraphChars.get(e) ?? 0) + n);
      if (e === root) break;
    }
  }
  const holders = new Set<Element>();
  for (const marker of Array.from(
    root.querySelectorAll('article, main, [itemprop="articleBody"], [itemprop="articlebody"]'),
  )) {
    for (let e: Element | null = marker.parentElement; e && !holders.has(e); e = e.parentElement) {
      holders.add(e);
      if (e === root) break;
    }
  }
  return { paragraphChars, total, holders };
}

/** The element holds the article: a marker inside it, or at least `keepShare` of the paragraph text. */
function holdsArticle(element: Element, shares: ArticleShares, keepShare: number): boolean {
  if (shares.holders.has(element)) return true;
  return shares.total > 0 && (shares.paragraphChars.get(element) ?? 0) >= keepShare * shares.total;
}

/**
 * A short block that is only a stock phrase of page furniture ("Share this article", "Read
 * more", "Advertisement", "Follow us on Twitter"): removed from the text whatever element held it.
 */
const BOILERPLATE_TEXT = new RegExp(
  [
    String.raw`^(?:share|teilen|partager|compartir|condividi|udostępnij)(?:\s+(?:this|on|via|the|article|story|post|artikel|page|it))*\s*[:!]?$`,
    String.raw`^(?:share|tweet|email|print|pin|whatsapp|facebook|twitter|linkedin|reddit|telegram|copy link|save)(?:\s*[|·•,/]?\s*(?:share|tweet|email|print|pin|whatsapp|facebook|twitter|linkedin|reddit|telegram|copy link|save))+$`,
    String.raw`^(?:follow us|folgen sie uns|suivez-nous|síguenos)\b.{0,60}$`,
    `^(?:advertisement|anzeige|werbung|publicité|publicidad|pubblicità|reklama|sponsored(?: content)?)$`,
    String.raw`^(?:read more|weiterlesen|mehr lesen|lire la suite|leer más|continue reading|read the full (?:story|article))\b.{0,80}$`,
    String.raw`^(?:related(?: articles| stories| posts| content| coverage)?|more on this story|you may also like|recommended(?: for you)?|most read|also read|see also|lesen sie auch|mehr zum thema|à lire aussi|lire aussi|te puede interesar)\s*[:|]?.{0,100}$`,
    String.raw`^(?:sign up|subscribe)(?: (?:for|to) (?:our|the) newsletter)?\b.{0,80}$`,
    `^(?:back to top|nach oben|zurück nach oben|haut de page|volver arriba)$`,
    String.raw`^(?:we use cookies|this (?:web)?site uses cookies|diese (?:web)?seite verwendet cookies|wir verwenden cookies)\b.{0,300}$`,
    String.raw`^(?:über (?:den|die) autor(?:in)?|about the author|mehr (?:themen|zum thema|artikel)|inhaltsverzeichnis|table of contents|vea también|lea también|lee también|leia também|leggi anche|lesen sie (?:hier|auch|mehr)|das könnte sie (?:auch )?interessieren|valora esta noticia|quellen (?:ausblenden|anzeigen))\s*[:|]?.{0,100}$`,
    String.raw`^(?:zurück|weiter|previous|next)\s*[:»«›‹>]?$`,
    String.raw`^(?:comments?|kommentare?|commentaires?|comentarios?|leave a (?:comment|reply)|\d+ comments?|kommentar schreiben)\s*:?$`,
  ].join('|'),
  'i',
);

/** Longest block that `isBoilerplateText` will consider (stock phrases are short). */
const MAX_STOCK_PHRASE = 400;

export function isBoilerplateText(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && t.length <= MAX_STOCK_PHRASE && BOILERPLATE_TEXT.test(t);
}
