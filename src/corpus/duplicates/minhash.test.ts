import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { TRICKY_FRAGMENTS } from '../tricky-text.js';
import { bandKeys, decodeSignature, encodeSignature, resemblance, shingles, signature } from './minhash.js';

const ARTICLE =
  'Russian forces shelled the city of Kharkiv overnight, killing at least four civilians and wounding a dozen more, ' +
  'the regional governor Oleh Synehubov said on Telegram on Tuesday morning. Residential buildings in the Saltivka ' +
  'district were hit and several fires broke out, emergency services reported. The strikes came hours after ' +
  'Ukrainian officials said the situation on the northeastern front had stabilised following weeks of heavy fighting. ' +
  'Rescue workers were still searching the rubble of a five-storey building for survivors by midday, and the city ' +
  'administration opened shelters for families whose homes were destroyed in the attack.';
const OTHER =
  'Delegations from Ukraine and Russia met in Istanbul for a new round of talks on Tuesday, the first face-to-face ' +
  'meeting in weeks. Turkish President Recep Tayyip Erdogan opened the session and urged both sides to agree a ' +
  'ceasefire. Ukrainian negotiators said they proposed a neutral status in exchange for security guarantees from a ' +
  'group of countries, while Moscow promised to scale down military activity around Kyiv and Chernihiv.';

test('a syndicated copy with new boilerplate, a truncated copy and a lightly edited copy are duplicates', () => {
  const original = signature(ARTICLE);
  const syndicated = signature(`Share this article\nFollow us on Telegram\n\n${ARTICLE}\n\nAll rights reserved.`);
  const truncated = signature(ARTICLE.slice(0, Math.floor(ARTICLE.length * 0.6)));
  const edited = signature(ARTICLE.replace('at least four', 'at least five').replace('a dozen', 'twelve'));
  for (const [name, copy] of [
    ['syndicated', syndicated],
    ['truncated', truncated],
    ['edited', edited],
  ] as const) {
    const r = resemblance(original, copy);
    assert.ok(r.duplicate, `${name}: jaccard ${r.jaccard.toFixed(2)}, containment ${r.containment.toFixed(2)}`);
    assert.ok(
      bandKeys(original).some((key) => bandKeys(copy).includes(key)),
      `${name} shares no LSH band`,
    );
  }
  assert.ok(resemblance(original, truncated).containment > 0.9);
});

test('a different article on the same war is not a duplicate', () => {
  const r = resemblance(signature(ARTICLE), signature(OTHER));
  assert.equal(r.duplicate, false);
  assert.ok(r.jaccard < 0.1, `jaccard ${r.jaccard}`);
});

test('signatures are deterministic and survive encoding', () => {
  const a = signature(ARTICLE);
  assert.deepEqual(signature(ARTICLE), a);
  const back = decodeSignature(encodeSignature(a));
  assert.equal(back.size, a.size);
  assert.deepEqual([...back.mins], [...a.mins]);
  assert.deepEqual(bandKeys(signature('')), []);
});

test('signatures keep their values (stored signatures must stay comparable): the reference computation', () => {
  // The plain definition: fnv1a of each 3-word shingle joined by spaces, then per permutation the minimum.
  const fnv = (s: string) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    return h >>> 0;
  };
  const tokens = ARTICLE.toLowerCase().match(/[\p{L}\p{N}]+/gu)!;
  const set = new Set<number>();
  for (let i = 0; i + 3 <= tokens.length; i++) set.add(fnv(tokens.slice(i, i + 3).join(' ')));
  const sig = signature(ARTICLE);
  assert.equal(sig.size, set.size);
  const again = decodeSignature(encodeSignature(sig));
  assert.deepEqual([...again.mins], [...sig.mins]);
  // a few permutations recomputed the slow way
  let state = 0x9e3779b9;
  const next = () => {
    state = Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) >>> 0;
    state = Math.imul(state ^ (state >>> 12), 0x297a2d39) >>> 0;
    state = (state ^ (state >>> 15)) >>> 0;
    return state;
  };
  for (let i = 0; i < 4; i++) {
    const multiplier = next() | 1;
    const offset = next();
    let min = 0xffffffff;
    for (const x of set) {
      let h = (Math.imul(x, multiplier) + offset) | 0;
      h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
      h = (h ^ (h >>> 16)) >>> 0;
      if (h < min) min = h;
    }
    assert.equal(sig.mins[i], min, `permutation ${i}`);
  }
});

/** The shingle set by its definition: the regular expression's tokens of the lower-cased text, joined by spaces. */
function referenceShingles(text: string): Set<number> {
  const fnv = (s: string) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    return h >>> 0;
  };
  const tokens = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const set = new Set<number>();
  if (tokens.length > 0 && tokens.length < 3) set.add(fnv(tokens.join(' ')));
  for (let i = 0; i + 3 <= tokens.length; i++) set.add(fnv(tokens.slice(i, i + 3).join(' ')));
  return set;
}

test('the character-code tokenizer finds the shingles the regular expression finds, on any text', () => {
  const piece = fc.constantFrom(...TRICKY_FRAGMENTS);
  fc.assert(
    fc.property(fc.array(fc.oneof(piece, fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 40 }), (parts) => {
      const text = parts.join('');
      const expected = referenceShingles(text);
      assert.deepEqual([...shingles(text)].sort(), [...expected].sort());
      assert.equal(signature(text).size, expected.size);
    }),
    { numRuns: 3000 },
  );
  assert.equal(shingles('Київ під обстрілом знову').size, 2);
});
