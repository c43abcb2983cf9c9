// Run by `npm install` (the `prepare` script): a one-line performance patch to linkedom 0.18.14.
//
// linkedom's EventTarget constructor registers every node it builds in a module-level WeakMap
// (`wm.set(this, new Map)`) so that a listener can be added to any node later. Parsing a news page
// makes thousands of nodes and sitrep never adds a listener to them, yet those WeakMap entries
// (ephemerons, which the garbage collector traces specially) cost a fifth of the HTML
// extraction's time on one core (docs/evaluation/extraction.md). The patch makes the map on the
// first addEventListener instead; dispatch already treats a node without a map as one without
// listeners. Events behave as before (src/stages/clean/linkedom-events.test.ts).
//
// A runtime alternative (swapping the parent class of linkedom's Node) was tried and made every
// node construction slower than the WeakMap itself. The patch checks the version and each edit; a
// file already patched is left alone, and anything unexpected only prints a warning: sitrep works
// unpatched, only slower.

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const MARK = '/* sitrep: listener map made on first use */';
const EDITS = [
  ['  constructor() {\n    wm.set(this, new Map);\n  }', `  constructor() {\n    ${MARK}\n  }`],
  [
    '  addEventListener(type, listener, options) {\n    const map = wm.get(this);\n',
    '  addEventListener(type, listener, options) {\n    let map = wm.get(this);\n    if (!map) wm.set(this, (map = new Map));\n',
  ],
  [
    '  removeEventListener(type, listener) {\n    const map = wm.get(this);\n    if (map.has(type)) {',
    '  removeEventListener(type, listener) {\n    const map = wm.get(this);\n    if (map && map.has(type)) {',
  ],
];

function warn(message) {
  process.stderr.write(`sitrep: linkedom not patched (${message}); HTML extraction will be slower\n`);
}

let root;
try {
  root = dirname(createRequire(import.meta.url).resolve('linkedom/package.json'));
} catch {
  warn('linkedom is not installed');
  process.exit(0);
}
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
if (version !== '0.18.14') {
  warn(`version ${version}, the patch is for 0.18.14`);
  process.exit(0);
}
for (const flavour of ['esm', 'cjs']) {
  const file = join(root, flavour, 'interface', 'event-target.js');
  const source = readFileSync(file, 'utf8');
  if (source.includes(MARK)) continue;
  let patched = source;
  for (const [from, to] of EDITS) {
    if (!patched.includes(from)) {
      warn(`${file} does not read as expected`);
      process.exit(0);
    }
    patched = patched.replace(from, to);
  }
  writeFileSync(file, patched);
}
