// Vietnamese text is data: stored in NFC, searched with diacritics folded, sorted in
// Vietnamese alphabetical order (a ă â b c d đ e ê … o ô ơ … u ư …, tones after letters).
//
// The database cannot sort that way (PGlite has no ICU), so every sortable row stores a key
// whose byte order (COLLATE "C") is the order of Intl.Collator('vi'); test/text proves it.

export const vietnameseCollator = new Intl.Collator('vi');

/** NFC, trimmed, inner runs of white space made one space. */
export function normalizeText(value: string): string {
  return value.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** Lower case without diacritics, đ → d: "Hòa An" and "hoa an" fold alike. */
export function foldForSearch(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/gu, '')
    .replace(/đ/gu, 'd')
    .replace(/Đ/gu, 'D')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim();
}

// Letters with their vowel marks, in the Vietnamese alphabet's order (f, j, w, z where the
// Latin alphabet has them). Tones are not letters: they weigh only at the second level.
const alphabet = 'a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z'.split(' ');
const letterRank = new Map(alphabet.map((letter, index) => [letter, index]));

// Tone marks in the order ICU's Vietnamese collation weighs them: none, huyền, hỏi, ngã, sắc, nặng.
const toneRank = new Map([
  ['\u0300', 1],
  ['\u0309', 2],
  ['\u0303', 3],
  ['\u0301', 4],
  ['\u0323', 5],
]);
const letterMarks = /[\u0306\u0302\u031b]/u; // breve, circumflex, horn: part of the letter

const LEVEL_SEPARATOR = '\u0001';
const PUNCTUATION = '\u0021'; // after space, before digits, as ICU orders them
const FIRST_LETTER = 0x100;

/**
 * A key whose code-point order is Vietnamese collation order: letters first (primary), then
 * tones (secondary), then case (tertiary). Only the first two levels of ICU's rules matter
 * for names; the third breaks ties the way ICU does (lower case first).
 */
export function vietnameseSortKey(value: string): string {
  let primary = '';
  let secondary = '';
  let tertiary = '';
  // Split into base characters each followed by its combining marks.
  for (const cluster of value.normalize('NFD').match(/\P{M}\p{M}*/gu) ?? []) {
    const base = cluster[0] ?? '';
    const marks = cluster.slice(1);
    const lower = base.toLowerCase();
    const letter = (lower === 'đ' ? 'đ' : lower) + [...marks].filter((m) => letterMarks.test(m)).join('');
    const rank = letterRank.get(letter.normalize('NFC'));
    if (rank !== undefined) {
      primary += String.fromCharCode(FIRST_LETTER + rank);
      const tone = [...marks].map((m) => toneRank.get(m) ?? 0).find((t) => t > 0) ?? 0;
      secondary += String.fromCharCode(0x30 + tone);
      tertiary += base === lower ? '0' : '1';
    } else if (/\s/u.test(base)) {
      primary += ' ';
    } else if (/\p{Nd}/u.test(base)) {
      primary += base;
    } else if (/\p{L}/u.test(base)) {
      // A letter outside the alphabet: after every Vietnamese letter, by code point.
      primary += String.fromCodePoint(FIRST_LETTER + alphabet.length + (lower.codePointAt(0) ?? 0));
    } else {
      primary += PUNCTUATION;
    }
  }
  return primary + LEVEL_SEPARATOR + secondary + LEVEL_SEPARATOR + tertiary;
}

/** Vietnamese lists of people go by given name (the last word), then the whole name. */
export function personSortKey(fullName: string): string {
  const words = normalizeText(fullName).split(' ');
  const givenName = words[words.length - 1] ?? '';
  return vietnameseSortKey(givenName) + LEVEL_SEPARATOR + LEVEL_SEPARATOR + vietnameseSortKey(fullName);
}

/** The stored name columns of a person: the name, its search form and its sort key. */
export function personNameColumns(fullName: string) {
  return { fullName, searchName: foldForSearch(fullName), sortKey: personSortKey(fullName) };
}
