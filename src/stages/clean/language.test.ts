import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newArticle } from '../../core/document.js';
import { cleanStage } from './index.js';
import { detectLanguage } from './language.js';

const SAMPLES: Record<string, string> = {
  en: 'The minister said that the city was shelled overnight and that more than twenty people had been hurt in the attack.',
  de: 'Der Minister sagte, dass die Stadt in der Nacht beschossen wurde und dass mehr als zwanzig Menschen bei dem Angriff verletzt worden sind.',
  fr: 'Le ministre a déclaré que la ville a été bombardée pendant la nuit et que plus de vingt personnes ont été blessées dans cette attaque.',
  es: 'El ministro dijo que la ciudad fue bombardeada durante la noche y que más de veinte personas resultaron heridas en el ataque.',
  it: 'Il ministro ha detto che la città è stata bombardata durante la notte e che più di venti persone sono state ferite nella attacco.',
  pl: 'Minister powiedział, że miasto było ostrzeliwane w nocy i że w ataku zostało rannych ponad dwadzieścia osób, co jest już potwierdzone.',
  pt: 'O ministro disse que a cidade foi bombardeada durante a noite e que mais de vinte pessoas ficaram feridas no ataque.',
  nl: 'De minister zei dat de stad in de nacht werd beschoten en dat meer dan twintig mensen bij de aanval gewond zijn geraakt.',
  ru: 'Министр сказал, что город был обстрелян ночью и что более двадцати человек были ранены при этом нападении, он это подтвердил.',
  uk: 'Міністр сказав, що місто було обстріляне вночі і що понад двадцять людей були поранені під час цього нападу, він це підтвердив.',
};

test('detectLanguage tells apart en, de, fr, es, it, pl, pt, nl, ru and uk', () => {
  for (const [lang, text] of Object.entries(SAMPLES)) assert.equal(detectLanguage(text)?.language, lang, text);
});

test('detectLanguage gives null for too little text or no words', () => {
  assert.equal(detectLanguage('Kyiv'), null);
  assert.equal(detectLanguage('12:30 — 2022-02-24'), null);
  assert.equal(detectLanguage(''), null);
});

test('the clean stage detects the language of plain text when none was given', () => {
  const doc = cleanStage().run(
    newArticle({ key: 'k', source: 's', position: 0, format: 'text', raw: SAMPLES.de as string, fields: {} }),
  );
  assert.equal(doc.language, 'de');
  assert.equal(doc.provenance.languageSource, 'detected');
});
