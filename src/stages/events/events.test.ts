// The events stage on hand-built documents: entity mentions, timexes, quotes and claims are
// written here as facts, so each test controls exactly what the stage sees.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Article, Fact } from '../../core/document.js';
import { factId, newArticle } from '../../core/document.js';
import { createPipeline } from '../../core/pipeline.js';
import { evidenceOf } from '../../core/spans.js';
import { type EventData, eventsStage, findEvents } from './index.js';

interface Place {
  lat: number;
  lon: number;
  country: string;
  precision: 1 | 2 | 3;
  canonical?: string;
}

const PLACES: Record<string, Place> = {
  Kharkiv: { lat: 49.98, lon: 36.25, country: 'UA', precision: 1 },
  Kherson: { lat: 46.64, lon: 32.61, country: 'UA', precision: 1 },
  Mariupol: { lat: 47.1, lon: 37.55, country: 'UA', precision: 1 },
  Odesa: { lat: 46.48, lon: 30.72, country: 'UA', precision: 1 },
  Izium: { lat: 49.21, lon: 37.26, country: 'UA', precision: 1 },
  Kyiv: { lat: 50.45, lon: 30.52, country: 'UA', precision: 1 },
  Bucha: { lat: 50.54, lon: 30.21, country: 'UA', precision: 1 },
  Moscow: { lat: 55.75, lon: 37.62, country: 'RU', precision: 1 },
  Istanbul: { lat: 41.01, lon: 28.98, country: 'TR', precision: 1 },
  'St Petersburg': { lat: 59.94, lon: 30.31, country: 'RU', precision: 1, canonical: 'Saint Petersburg' },
  'Donetsk region': { lat: 48.0, lon: 37.8, country: 'UA', precision: 2, canonical: 'Donetsk Oblast' },
  Ukraine: { lat: 49, lon: 31.4, country: 'UA', precision: 3 },
  Russia: { lat: 61.5, lon: 105.3, country: 'RU', precision: 3 },
};

const PEOPLE: Record<string, { entity: string; country: string; type: 'person' | 'organization' }> = {
  Zelensky: { entity: 'actor:volodymyr-zelensky', country: 'UA', type: 'person' },
  Blinken: { entity: 'actor:antony-blinken', country: 'US', type: 'person' },
  Lavrov: { entity: 'actor:sergei-lavrov', country: 'RU', type: 'person' },
  'European Union': { entity: 'actor:eu', country: 'BE', type: 'organization' },
  Ukrinform: { entity: 'actor:ukrinform', country: 'UA', type: 'organization' },
  BBC: { entity: 'actor:bbc', country: 'GB', type: 'organization' },
  NATO: { entity: 'actor:nato', country: 'BE', type: 'organization' },
};

/** Every known place and person in `text` becomes an entity-mention fact. */
function doc(text: string, extra: { published?: string; dateline?: string; facts?: Fact[] } = {}): Article {
  const base = newArticle({ key: 'id:t', source: 't', position: 0, format: 'text', raw: text, fields: { id: 't' } });
  const facts: Fact[] = [];
  const mention = (start: number, end: number, data: Record<string, unknown>) =>
    facts.push({
      kind: 'entity-mention',
      id: factId('entity-mention', 't', start, end),
      stage: 'entities',
      evidence: evidenceOf('t', text, start, end),
      data,
    });
  for (const [name, p] of Object.entries(PLACES)) {
    for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
      if (/\w/.test(text[i + name.length] ?? '') || /\w/.test(text[i - 1] ?? '')) continue;
      mention(i, i + name.length, {
        type: 'place',
        name,
        label: 'LOC',
        entity: `place:${name}`,
        canonical: p.canonical ?? name,
        lat: p.lat,
        lon: p.lon,
        country: p.country,
        admin1: null,
        geoPrecision: p.precision,
      });
    }
  }
  for (const [name, p] of Object.entries(PEOPLE)) {
    for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
      mention(i, i + name.length, {
        type: p.type,
        name,
        label: p.type === 'person' ? 'PER' : 'ORG',
        entity: p.entity,
        canonical: name,
        lat: null,
        lon: null,
        country: p.country,
        admin1: null,
        geoPrecision: null,
      });
    }
  }
  return {
    ...base,
    text,
    published: extra.published ?? '2022-03-02',
    dateline: extra.dateline ?? null,
    facts: [...facts, ...(extra.facts ?? [])],
  };
}

const events = (d: Article, keepUnasserted = false): EventData[] =>
  findEvents(d, { keepUnasserted, datelineFallback: true }).map((f) => f.data);

const one = (text: string, extra: Parameters<typeof doc>[1] = {}): EventData => {
  const found = events(doc(text, extra));
  assert.equal(found.length, 1, `${text}: ${JSON.stringify(found.map((e) => [e.type, e.trigger]))}`);
  return found[0]!;
};

test('each event type and sub-type has its trigger', () => {
  const cases: Array<[string, string, string]> = [
    ['Russian forces shelled Kharkiv overnight.', 'Explosions/Remote violence', 'Shelling/artillery/missile attack'],
    ['A Russian drone strike hit Odesa.', 'Explosions/Remote violence', 'Air/drone strike'],
    ['Two explosions rocked a depot in Kherson.', 'Explosions/Remote violence', 'Remote explosive/landmine/IED'],
    ['Heavy fighting raged around Izium as Ukrainian troops held the line.', 'Battles', 'Armed clash'],
    ['Ukrainian troops liberated Izium.', 'Battles', 'Government regains territory'],
    ['Russian troops captured Kherson.', 'Battles', 'Non-state actor overtakes territory'],
    ['Russian soldiers executed civilians in Bucha.', 'Violence against civilians', 'Attack'],
    ['Russian forces abducted the mayor of Kherson.', 'Violence against civilians', 'Abduction/forced disappearance'],
    ['Investigators documented cases of sexual violence in Bucha.', 'Violence against civilians', 'Sexual violence'],
    ['Thousands of protesters marched in Kherson against the occupation.', 'Protests', 'Peaceful protest'],
    ['Police detained 300 anti-war protesters in St Petersburg.', 'Protests', 'Protest with intervention'],
    ['Rioters clashed with police in Moscow.', 'Riots', 'Violent demonstration'],
    ['The FSB arrested a journalist in Moscow.', 'Strategic developments', 'Arrests'],
    ['Russia and Ukraine signed a grain deal in Istanbul.', 'Strategic developments', 'Agreement'],
    ['Air defences shot down 20 drones over Kyiv.', 'Strategic developments', 'Disrupted weapons use'],
    ['Russian soldiers looted homes in Bucha.', 'Strategic developments', 'Looting/property destruction'],
    ['The European Union imposed new sanctions on Russian banks.', 'Diplomacy', 'Sanctions'],
    ['Blinken held talks with Lavrov in Istanbul.', 'Diplomacy', 'Talks/meeting'],
    ['The UN General Assembly adopted a resolution condemning the invasion.', 'Diplomacy', 'Vote/resolution'],
    ['Hundreds of civilians were evacuated from Mariupol.', 'Humanitarian', 'Evacuation'],
    ['A humanitarian corridor opened from Mariupol.', 'Humanitarian', 'Humanitarian corridor'],
    ['Prosecutors opened an investigation into the killings in Bucha.', 'Legal', 'Investigation'],
  ];
  for (const [text, type, subtype] of cases) {
    const e = one(text);
    assert.equal(e.type, type, text);
    assert.equal(e.subtype, subtype, text);
  }
});

test('actors, place, plover and fields of a shelling', () => {
  const e = one('Russian forces shelled Kharkiv, killing five civilians.');
  assert.equal(e.actor1, 'Military Forces of Russia (2000-)');
  assert.equal(e.actor2, 'Civilians (Ukraine)');
  assert.equal(e.location, 'Kharkiv');
  assert.equal(e.locationSource, 'clause');
  assert.equal(e.geoPrecision, 1);
  assert.equal(e.plover, 'FIGHT');
  assert.equal(e.trigger, 'shelled');
  assert.equal(e.claimant, null);
  assert.equal(e.verified, true);
  assert.equal(e.date, '2022-03-02');
});

test('the most specific place of the clause wins; a country that acts is not the place', () => {
  const e = one('Russia launched missile strikes on Kharkiv in Ukraine.');
  assert.equal(e.location, 'Kharkiv');
  assert.equal(e.actor1, 'Military Forces of Russia (2000-)');
});

test('"the Kharkiv region" is the oblast, not the city the entity stage linked', () => {
  const e = one('Russian forces shelled villages in the Kharkiv region overnight.');
  assert.equal(e.location, 'Kharkiv Oblast');
  assert.equal(e.geoPrecision, 2);
  assert.equal(one('Russian forces shelled Kharkiv overnight.').location, 'Kharkiv');
});

test('a place after "in" is where it happened; a country after "of" names a party', () => {
  const e = one('She did not mention the war crimes of Russia, and above all attacks on civilians in Ukraine.');
  assert.equal(e.location, 'Ukraine');
});

test("the war's setting is not where a meeting or an arrest happened; an attack in it may be there", () => {
  const talks = one('Blinken said he discussed Russian aggression in Ukraine during five hours of talks with Lavrov.');
  assert.equal(talks.type, 'Diplomacy');
  assert.equal(talks.location, null);
  // Nor is it a party to the talks.
  assert.equal(talks.actor2, 'Government of Russia (2000-)');
  const arrest = one('Police in Moscow arrested a man for criticising the war in Ukraine.');
  assert.equal(arrest.subtype, 'Arrests');
  assert.equal(arrest.location, 'Moscow');
  assert.equal(one('Police arrested a man for criticising the war in Ukraine.').location, null);
  assert.equal(one('Zelensky met Blinken in Kyiv to discuss the war in Ukraine.').location, 'Kyiv');
  // Kinetic events keep the country of the war when it is all the sentence gives.
  assert.equal(one('Russian forces shelled cities during the war in Ukraine.').location, 'Ukraine');
});

test('a country naming an office or people is not the place: "the defence minister of Russia"', () => {
  const e = one('Units commanded by the deputy defence minister of Russia shelled Ukrainian cities overnight.');
  assert.equal(e.location, null);
  assert.equal(one('Russian forces shelled cities in Ukraine overnight.').location, 'Ukraine');
});

test('a capital standing for its government is not the place: "Moscow annexed Kherson"', () => {
  assert.equal(one('Moscow annexed Kherson after the vote.').location, 'Kherson');
  // An attack on the capital is still there.
  assert.equal(one('Russian missiles struck Kyiv overnight.').location, 'Kyiv');
  assert.equal(
    one('Missiles struck targets across Ukraine, with the capital Kyiv enduring the heaviest barrage.').location,
    'Kyiv',
  );
});

test('the object of a verb is the target, not the agent: "Russia hit Kyiv with cruise missile strikes"', () => {
  const e = one('Russia hit Kyiv with cruise missile strikes overnight.');
  assert.equal(e.actor1, 'Military Forces of Russia (2000-)');
  assert.equal(e.location, 'Kyiv');
});

test('a facility named after its town gives the town when the sentence names no place', () => {
  const found = events(doc('Kherson was quiet. Russian forces blew up the kakhovka dam overnight.'));
  const dam = found.find((e) => /blew up/.test(e.trigger));
  assert.equal(dam?.location, 'Kakhovka');
  assert.equal(dam?.geoPrecision, 1);
  // Not a town of the article's countries: no place rather than a guess.
  const other = events(doc('Kherson was quiet. Russian forces blew up the main bridge overnight.'));
  assert.equal(other.find((e) => /blew up/.test(e.trigger))?.location, null);
});

test('a news agency telling the news is not a party to it', () => {
  const e = one('NATO leaders held a summit in Kyiv, Ukrinform reports.');
  assert.notEqual(e.actor1, 'Ukrinform');
  assert.notEqual(e.actor2, 'Ukrinform');
});

test('the subject of a relative clause after the trigger is its agent', () => {
  const e = one('The artillery fire that the Russian armed forces have been raining down on Kharkiv went on.');
  assert.equal(e.actor1, 'Military Forces of Russia (2000-)');
});

test('same-sentence rule: an actor or a place in another sentence is never joined to the action', () => {
  const d = doc('Russian troops are massed in Kharkiv. Shelling continued through the night.');
  const found = events(d);
  assert.equal(found.length, 1);
  assert.equal(found[0]!.actor1, null, 'the actor of the previous sentence is not taken');
  assert.equal(found[0]!.location, null, 'the place of the previous sentence is not taken');
});

test('with no place in the sentence the dateline stands in, marked and at a coarser precision', () => {
  const d = doc('Kyiv is quiet. Shelling continued through the night.', { dateline: 'Kyiv' });
  const e = events(d)[0]!;
  assert.equal(e.location, 'Kyiv');
  assert.equal(e.locationSource, 'dateline');
  assert.equal(e.geoPrecision, 2);
});

test('reported speech keeps its claimant: "Moscow claimed to have seized Kherson"', () => {
  const e = one('Moscow claimed to have seized Kherson.');
  assert.equal(e.type, 'Battles');
  assert.equal(e.subtype, 'Non-state actor overtakes territory');
  assert.equal(e.claimant, 'Russia');
  assert.equal(e.verified, false);
  assert.equal(e.actor1, 'Military Forces of Russia (2000-)');
  assert.equal(e.location, 'Kherson');
});

test('an event inside a quote keeps the quote speaker as claimant', () => {
  const text = 'The mayor spoke. "Russian troops shelled Mariupol all night," he told reporters.';
  const start = text.indexOf('Russian');
  const end = text.indexOf(',"');
  const quote: Fact = {
    kind: 'quote',
    id: factId('quote', 't', start, end),
    stage: 'quotes',
    evidence: evidenceOf('t', text, start, end),
    data: { type: 'direct', speaker: 'Vadym Boichenko', speakerEntity: 'actor:vadym-boichenko' },
  };
  const e = one(text, { facts: [quote] });
  assert.equal(e.claimant, 'Vadym Boichenko');
  assert.equal(e.claimantEntity, 'actor:vadym-boichenko');
  assert.equal(e.verified, false);
});

test('negated, hypothetical, future and demanded events are left out, or kept and marked', () => {
  const cases: Array<[string, string]> = [
    ['Russia denied shelling Mariupol.', 'negated'],
    ['Russian forces could attack Odesa within days.', 'hypothetical'],
    ['Officials fear Russian forces will attack Kyiv.', 'hypothetical'],
    ['Blinken will hold talks with Lavrov in Istanbul.', 'future'],
    ['The West urged Russia to stop shelling Kharkiv.', 'demanded'],
  ];
  for (const [text, modality] of cases) {
    assert.deepEqual(events(doc(text)), [], text);
    const kept = events(doc(text), true);
    assert.equal(kept.length, 1, text);
    assert.equal(kept[0]!.modality, modality, text);
  }
});

test('the date comes from the sentence timex, with day precision', () => {
  const text = 'On Tuesday, Russian forces shelled Kharkiv.';
  const s = text.indexOf('Tuesday');
  const timex: Fact = {
    kind: 'timex',
    id: factId('timex', 't', s, s + 7),
    stage: 'time',
    evidence: evidenceOf('t', text, s, s + 7),
    data: { value: '2022-03-01', precision: 'day', type: 'DATE', anchor: '2022-03-02', rule: 'weekday' },
  };
  const e = one(text, { facts: [timex] });
  assert.equal(e.date, '2022-03-01');
  assert.equal(e.timePrecision, 1);
  assert.equal(e.timex, timex.id);
});

test('fatalities: the most conservative killed claim of the same sentence', () => {
  const text = 'Russian shelling killed at least 7 people in Kharkiv, and perhaps 10. Elsewhere 2 people were killed.';
  const claim = (start: number, end: number, data: Record<string, unknown>): Fact => ({
    kind: 'claim',
    id: factId('claim', 't', start, end, String(data.value)),
    stage: 'claims',
    evidence: evidenceOf('t', text, start, end),
    data,
  });
  const first = text.indexOf('Elsewhere');
  const c10 = claim(0, first - 1, { value: 10, low: null, high: null, metric: 'killed' });
  const c7 = claim(0, first - 1, { value: 7, low: 7, high: null, metric: 'killed' });
  const wounded = claim(0, first - 1, { value: 3, low: null, high: null, metric: 'wounded' });
  const other = claim(first, text.length, { value: 2, low: null, high: null, metric: 'killed' });
  const found = events(doc(text, { facts: [c10, c7, wounded, other] }));
  const shelling = found.find((e) => e.location === 'Kharkiv')!;
  assert.equal(shelling.fatalities, 7);
  assert.equal(shelling.fatalitiesClaim, c7.id);
});

test('events in other eras are left out', () => {
  assert.deepEqual(events(doc('In 1944 the Soviet Army liberated Kharkiv.')), []);
});

test('the stage: declared requirements, fact ids and exact evidence; a rerun replaces its facts', () => {
  const stage = eventsStage();
  assert.equal(stage.name, 'events');
  assert.deepEqual(stage.assigns, ['facts:event']);
  assert.ok(stage.requires.includes('facts:claim') && stage.requires.includes('facts:quote'));
  const d = doc('Russian forces shelled Kharkiv. Blinken met Lavrov in Istanbul.');
  const once = stage.run(d);
  const twice = stage.run(once);
  const facts = twice.facts.filter((f) => f.kind === 'event');
  assert.equal(facts.length, 2);
  for (const f of facts) {
    assert.equal(f.stage, 'events');
    assert.equal(f.id, factId('event', 't', f.evidence!.start, f.evidence!.end));
    assert.equal(twice.text.slice(f.evidence!.start, f.evidence!.end), f.evidence!.quote);
  }
  // A pipeline without quotes and claims is refused before anything runs.
  assert.throws(() => createPipeline([stage]), /requires/);
});

test('news media who are told the news are not participants of the event', () => {
  const told = one('Russian forces shelled Kharkiv overnight, the governor told the BBC.');
  assert.equal(told.participants.includes('BBC'), false, told.participants.join(', '));
  // an organisation that is a party stays one
  const party = one('NATO jets struck a depot near Kharkiv.');
  assert.ok(party.participants.includes('NATO'), party.participants.join(', '));
});
