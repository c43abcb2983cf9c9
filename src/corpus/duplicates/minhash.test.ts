import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bandKeys, decodeSignature, encodeSignature, resemblance, signature } from './minhash.js';

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
