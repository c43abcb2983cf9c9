// Every tunable of the entities stage, with its default, in one place.

// The knowledge base's types (src/resources/entities-kb.ts), under the names this stage uses.
import type { EntityType, ResolvedEntity as Resolved } from '../../resources/entities-kb.js';
import { loadModel, type NerModel } from './model.js';

export type { EntityType, Resolved };

export type Resolver = (
  mention: { text: string; type: EntityType },
  context: { date: string | null; countries: string[]; text: string; sentence?: string },
) => Resolved | null;

export interface EntitiesOptions {
  /** The tagger (the shipped model by default). */
  model: NerModel;
  /** Links a mention to the knowledge base; the KB's resolveMention when that module exists, else none. */
  resolve: Resolver | null;
  /** Words stripped from the start of a person (or any) mention: titles, honorifics, ranks, roles. */
  titles: ReadonlySet<string>;
}

export const TITLES: ReadonlySet<string> = new Set(
  (
    'mr mr. mrs mrs. ms ms. dr dr. sir dame lord lady president vice prime minister premier chancellor ' +
    'king queen prince princess pope sheikh emir sultan gen gen. general lt lt. lieutenant col col. colonel maj maj. major ' +
    'capt capt. captain sgt sgt. sergeant adm adm. admiral marshal commander commander-in-chief cmdr sen sen. senator rep rep. ' +
    'representative gov gov. governor mayor secretary secretary-general spokesman spokeswoman spokesperson ambassador ' +
    'envoy deputy foreign defence defense interior finance justice health economy economic first lady chief ' +
    'judge justice prosecutor chairman chairwoman chair ceo director head leader mp mep saint st st. fr fr. father rev rev. ' +
    'professor prof prof. ukrainian russian belarusian american british french german polish former acting opposition'
  ).split(/\s+/),
);

let kbResolver: Resolver | null | undefined;

/** The knowledge base's resolveMention, if src/resources/entities-kb.ts has been built (loaded once). */
export async function loadKbResolver(): Promise<Resolver | null> {
  if (kbResolver !== undefined) return kbResolver;
  // A computed specifier: the module is optional and built by another part of the project.
  const specifier = new URL('../../resources/entities-kb.js', import.meta.url).href;
  try {
    const mod = (await import(specifier)) as { resolveMention?: Resolver };
    kbResolver = typeof mod.resolveMention === 'function' ? mod.resolveMention : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    kbResolver = null;
  }
  return kbResolver;
}

const resolverAtStart = await loadKbResolver();

export function defaultEntitiesOptions(): EntitiesOptions {
  return { model: loadModel(), resolve: resolverAtStart, titles: TITLES };
}

/** The defaults overlaid with the given options (undefined values keep the default). */
export function resolveEntitiesOptions(options: Partial<EntitiesOptions> = {}): EntitiesOptions {
  const resolved: EntitiesOptions = { ...defaultEntitiesOptions() };
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined) (resolved as unknown as Record<string, unknown>)[key] = value;
  }
  return resolved;
}
