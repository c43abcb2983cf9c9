// The nesting limit: elements deeper than the limit lose their tags and keep their text; raw text,
// comments, void and self-closed tags do not nest; names match whatever their case.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { limitNesting } from './html-nesting.js';

test('tags below the limit go, their text stays, and the depth is reported', () => {
  const html = '<div><section><DIV class="x"><b>deep</b></Div> text</section></div><p>after';
  const out = limitNesting(html, 2);
  assert.equal(out.html, '<div><section>deep text</section></div><p>after');
  assert.equal(out.removed, 4);
  assert.equal(out.depth, 2);
  assert.deepEqual(limitNesting(html, 10), { html, removed: 0, depth: 4 });
});

test('raw text, comments, void, self-closed and implicitly closed tags do not nest', () => {
  const html =
    '<div><script>if (a<b) { "<div><div><div>" }</script><!-- <div><div><div> --><br><img src=x/><span/><p>one<p>two<div>x</div></div>';
  const out = limitNesting(html, 2);
  assert.equal(out.removed, 0, out.html);
  assert.equal(out.depth, 2);
  // a '<' that opens no tag, and a tag broken by a '<' before its '>', are text to the scan
  assert.equal(limitNesting('<div>1 < 2 <b <i>x</i></div>', 1).html, '<div>1 < 2 <b x</div>');
});

test('generated trees keep their text and nest no deeper than the limit', () => {
  const tree: fc.Memo<string> = fc.memo((n) =>
    n <= 1
      ? fc.constantFrom('a', 'b c', '')
      : fc
          .tuple(fc.constantFrom('div', 'SPAN', 'section', 'em'), fc.array(tree(n - 1), { maxLength: 3 }))
          .map(([tag, children]) => `<${tag} class="k">${children.join('')}</${tag}>`),
  );
  const tags = /<\/?[a-zA-Z][^<>]*>/g;
  const depthOf = (html: string) => {
    let depth = 0;
    let max = 0;
    for (const m of html.matchAll(tags)) {
      depth += m[0][1] === '/' ? -1 : 1;
      max = Math.max(max, depth);
    }
    return max;
  };
  fc.assert(
    fc.property(tree(7), fc.integer({ min: 1, max: 8 }), (html, limit) => {
      const out = limitNesting(html, limit);
      assert.equal(out.html.replace(tags, ''), html.replace(tags, ''));
      assert.equal(depthOf(out.html), Math.min(depthOf(html), limit));
      assert.equal(out.html.length < html.length, out.removed > 0);
    }),
    { numRuns: 500 },
  );
});
