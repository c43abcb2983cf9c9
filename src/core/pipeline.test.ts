import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Article, newArticle } from './document.js';
import { createPipeline, PipelineError, type Stage } from './pipeline.js';

const doc = (id: string): Article =>
  newArticle({ key: `id:${id}`, source: 'x.jsonl', position: 0, format: 'jsonl', raw: '{}', fields: { id, text: id } });

const stage = (
  name: string,
  requires: string[],
  assigns: string[],
  run: (d: Article) => Article = (d) => d,
): Stage => ({
  name,
  requires,
  assigns,
  run,
});

test('a pipeline whose requirements are not met is refused before anything runs', () => {
  let ran = false;
  const needsTimex = stage('claims', ['text', 'facts:timex'], ['facts:claim'], (d) => {
    ran = true;
    return d;
  });
  assert.throws(
    () => createPipeline([stage('clean', ['raw'], ['text']), needsTimex]),
    (e: unknown) => e instanceof PipelineError && /claims.*"facts:timex"/.test(e.message),
  );
  assert.equal(ran, false);
  // Order matters: the provider must come first.
  assert.throws(() => createPipeline([stage('b', ['x'], []), stage('a', [], ['x'])]), PipelineError);
  assert.doesNotThrow(() => createPipeline([stage('a', [], ['x']), stage('b', ['x'], [])]));
  assert.throws(() => createPipeline([stage('a', [], []), stage('a', [], [])]), /twice/);
});

test('a stage that throws marks that article with a fatal message, skips its later stages, and the batch goes on', () => {
  const seen: string[] = [];
  const pipeline = createPipeline([
    stage('upper', ['raw'], ['text'], (d) => {
      if (d.id === 'bad') throw new Error('cannot handle this one');
      return { ...d, text: d.text.toUpperCase() || d.id.toUpperCase() };
    }),
    stage('record', ['text'], [], (d) => {
      seen.push(d.id);
      return d;
    }),
  ]);
  const results = ['a', 'bad', 'c'].map((id) => pipeline.run(doc(id)));
  assert.deepEqual(seen, ['a', 'c']);
  assert.equal(results[0]?.text, 'A');
  const failed = results[1]!;
  assert.equal(failed.messages.length, 1);
  assert.equal(failed.messages[0]?.severity, 'fatal');
  assert.equal(failed.messages[0]?.stage, 'upper');
  assert.equal(failed.messages[0]?.rule, 'stage-failed');
  assert.match(failed.messages[0]?.reason ?? '', /cannot handle this one/);
  assert.equal(failed.raw, '{}', 'the raw input survives a failed stage');
  assert.equal(results[2]?.messages.length, 0);
});

test('stages return new documents; the input document is not changed', () => {
  const original = doc('a');
  const pipeline = createPipeline([stage('set', ['raw'], ['text'], (d) => ({ ...d, text: 'changed' }))]);
  const result = pipeline.run(original);
  assert.equal(result.text, 'changed');
  assert.equal(original.text, '');
});
