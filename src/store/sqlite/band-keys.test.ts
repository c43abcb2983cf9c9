import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { bandKeys, signature } from '../../corpus/duplicates/minhash.js';
import { bandKeyNumber } from './band-keys.js';

test('a canonical band key is band × 2^32 + its base-36 hash', () => {
  assert.equal(bandKeyNumber('0:0'), 0);
  assert.equal(bandKeyNumber('0:z'), 35);
  assert.equal(bandKeyNumber('3:1z141z3'), 3 * 2 ** 32 + 0xffffffff);
  assert.equal(bandKeyNumber('31:a'), 31 * 2 ** 32 + 10);
});

test('the keys the linker makes are all canonical, and distinct keys stay distinct', () => {
  const keys = bandKeys(signature('Russian forces shelled the city of Kharkiv overnight, officials said on Monday.'));
  assert.equal(keys.length, 32);
  const numbers = keys.map(bandKeyNumber);
  for (const n of numbers) assert.ok(Number.isSafeInteger(n) && n < 2 ** 52, String(n));
  assert.equal(new Set(numbers).size, new Set(keys).size);
  fc.assert(
    fc.property(
      fc.nat(1023),
      fc.nat(1023),
      fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      (b1, b2, h1, h2) => {
        const k1 = `${b1}:${h1.toString(36)}`;
        const k2 = `${b2}:${h2.toString(36)}`;
        return (bandKeyNumber(k1) === bandKeyNumber(k2)) === (k1 === k2);
      },
    ),
  );
});

test('any other text maps to a number no canonical key can take, the same each time', () => {
  for (const odd of ['', '0:00', '0:A', '1:-5', 'x', '5:1z141z4', '99999999:1', '0:a:b', '1:🙂']) {
    const n = bandKeyNumber(odd);
    assert.ok(Number.isSafeInteger(n) && n >= 2 ** 52, `${odd} → ${n}`);
    assert.equal(bandKeyNumber(odd), n);
  }
  assert.notEqual(bandKeyNumber('0:A'), bandKeyNumber('0:B'));
});
