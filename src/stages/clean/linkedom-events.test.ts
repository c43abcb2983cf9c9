// scripts/patch-linkedom.mjs (run by `npm install`) makes linkedom's per-node listener map on
// first use: the patch is in place, and events on parsed nodes behave as before.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { Event, parseHTML } from 'linkedom';

test('npm install patched linkedom: no listener map per node', () => {
  const root = dirname(createRequire(import.meta.url).resolve('linkedom/package.json'));
  for (const flavour of ['esm', 'cjs']) {
    const source = readFileSync(join(root, flavour, 'interface', 'event-target.js'), 'utf8');
    assert.ok(source.includes('sitrep: listener map made on first use'), `${flavour}: run npm install`);
    assert.equal(source.includes('wm.set(this, new Map);'), false, flavour);
  }
});

test('events on parsed nodes: listeners, bubbling, once, removal, stopPropagation, preventDefault', () => {
  const { document } = parseHTML('<html><body><div id="outer"><p id="inner">x</p></div></body></html>');
  const outer = document.getElementById('outer') as unknown as EventTarget;
  const inner = document.getElementById('inner') as unknown as EventTarget;
  const seen: string[] = [];
  const once = () => seen.push('once');
  inner.addEventListener('ping', (e) => seen.push(`inner:${(e.currentTarget as Element).id}`));
  inner.addEventListener('ping', once, { once: true });
  outer.addEventListener('ping', (e) => seen.push(`outer:${(e.target as Element).id}`));
  inner.dispatchEvent(new Event('ping', { bubbles: true }) as unknown as globalThis.Event);
  inner.dispatchEvent(new Event('ping') as unknown as globalThis.Event);
  assert.deepEqual(seen, ['inner:inner', 'once', 'outer:inner', 'inner:inner']);

  // removeEventListener, and stopPropagation keeps the event from the parent
  const stop = (e: globalThis.Event) => e.stopPropagation();
  inner.removeEventListener('ping', once);
  inner.addEventListener('pong', stop);
  outer.addEventListener('pong', () => seen.push('outer saw pong'));
  assert.equal(inner.dispatchEvent(new Event('pong', { bubbles: true }) as unknown as globalThis.Event), true);
  assert.equal(seen.includes('outer saw pong'), false);
  inner.removeEventListener('pong', stop);
  inner.dispatchEvent(new Event('pong', { bubbles: true }) as unknown as globalThis.Event);
  assert.equal(seen.at(-1), 'outer saw pong');

  // a listener that cancels: dispatchEvent returns false
  outer.addEventListener('cancel', (e) => e.preventDefault());
  assert.equal(outer.dispatchEvent(new Event('cancel', { cancelable: true }) as unknown as globalThis.Event), false);
});
