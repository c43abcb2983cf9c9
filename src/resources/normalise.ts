// Name keys shared by the gazetteer build step and the resolver, so both sides agree.
// normaliseName: lower case, Cyrillic transliterated to Latin, diacritics and apostrophes dropped,
// punctuation to spaces ("Mariupol'" → "mariupol", "Київ" → "kyiv", "Sant Julià" → "sant julia").
// skeleton: a looser key that merges transliteration variants ("Zelenskyy", "Zelenskiy" and
// "Zelensky" → "zelenski"; "Zaporizhzhia", "Zaporizhia" and "Zaporizja" → "zaporizia").

// Ukrainian and Russian share most letters; г, и, е differ, so the table is chosen per word by the
// letters only Ukrainian has (і ї є ґ).
const COMMON: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  д: 'd',
  ж: 'zh',
  з: 'z',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ь: '',
  ъ: '',
  ю: 'yu',
  я: 'ya',
  і: 'i',
  ї: 'i',
  є: 'ye',
  ґ: 'g',
  ё: 'yo',
  ы: 'y',
  э: 'e',
  ў: 'u',
};
const UKRAINIAN: Record<string, string> = { ...COMMON, г: 'h', и: 'y', е: 'e' };
const RUSSIAN: Record<string, string> = { ...COMMON, г: 'g', и: 'i', е: 'e' };
const UKRAINIAN_ONLY = /[іїєґ]/;
const CYRILLIC = /[\u0400-\u04ff]/;

/** Latin letters that NFD does not decompose. */
const LATIN_EXTRA: Record<string, string> = {
  ł: 'l',
  ß: 'ss',
  đ: 'd',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
  þ: 'th',
  ð: 'd',
  ħ: 'h',
};

/** Cyrillic → Latin, word by word (Ukrainian table when the word has і ї є ґ, else Russian). */
export function transliterate(text: string): string {
  if (!CYRILLIC.test(text)) return text;
  return text.toLowerCase().replace(/[\u0400-\u04ff]+/g, (word) => {
    const table = UKRAINIAN_ONLY.test(word) ? UKRAINIAN : RUSSIAN;
    let out = '';
    for (const ch of word) out += table[ch] ?? ch;
    return out;
  });
}

/** The exact key of a name. */
export function normaliseName(text: string): string {
  let s = transliterate(text.toLowerCase());
  s = s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  s = s.replace(/[łßđøæœıþðħ]/g, (c) => LATIN_EXTRA[c] ?? c);
  s = s.replace(/['’ʼ`´ʹ‘"“”«»]/g, '').replace(/\./g, '');
  s = s.replace(/[^a-z0-9\u0400-\u04ff]+/g, ' ');
  return s.trim();
}

/** The loose key: transliteration-insensitive, built from a normalised name. */
export function skeleton(norm: string): string {
  return norm
    .replace(/shch|sch/g, 's')
    .replace(/kh/g, 'h')
    .replace(/zh/g, 'z')
    .replace(/ch|ts|tz|cz/g, 'c')
    .replace(/sh|sz/g, 's')
    .replace(/ck/g, 'k')
    .replace(/ph/g, 'f')
    .replace(/x/g, 'ks')
    .replace(/w/g, 'v')
    .replace(/[jy]/g, 'i')
    .replace(/([a-z])\1+/g, '$1');
}

/** Both keys at once. */
export function nameKeys(text: string): { norm: string; skel: string } {
  const norm = normaliseName(text);
  return { norm, skel: skeleton(norm) };
}

const ALPHABET = 'abcdefghiklmnopqrstuvz ';

/**
 * Every string at Damerau–Levenshtein distance 1 from `s` (deletions, transpositions,
 * substitutions, insertions) over the skeleton alphabet.
 */
export function editVariants(s: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < s.length; i++) {
    out.add(s.slice(0, i) + s.slice(i + 1));
    if (i + 1 < s.length) out.add(s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2));
    for (const c of ALPHABET) out.add(s.slice(0, i) + c + s.slice(i + 1));
  }
  for (let i = 0; i <= s.length; i++) for (const c of ALPHABET) out.add(s.slice(0, i) + c + s.slice(i));
  out.delete(s);
  return out;
}

/**
 * Whether `k` is in editVariants(`s`), without making them: one deletion, one transposition of
 * neighbours, one substitution or one insertion of an ALPHABET character, and not `s` itself.
 */
export function isEditVariant(s: string, k: string): boolean {
  const n = s.length;
  if (k.length === n) {
    let first = -1;
    let second = -1;
    for (let i = 0; i < n; i++)
      if (s.charCodeAt(i) !== k.charCodeAt(i)) {
        if (first < 0) first = i;
        else if (second < 0) second = i;
        else return false;
      }
    if (first < 0) return false;
    if (second < 0) return ALPHABET.includes(k[first]!);
    return second === first + 1 && k[first] === s[second] && k[second] === s[first];
  }
  if (k.length === n - 1 || k.length === n + 1) {
    const [long, short] = k.length > n ? [k, s] : [s, k];
    let j = 0;
    while (j < short.length && long.charCodeAt(j) === short.charCodeAt(j)) j++;
    for (let i = j; i < short.length; i++) if (long.charCodeAt(i + 1) !== short.charCodeAt(i)) return false;
    // an insertion must insert an ALPHABET character; a deletion may drop any
    return k.length < n || ALPHABET.includes(k[j]!);
  }
  return false;
}
