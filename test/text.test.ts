import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  foldForSearch,
  normalizeText,
  personSortKey,
  vietnameseCollator,
  vietnameseSortKey,
} from '../src/text/vietnamese.js';

// Vietnamese-looking words: onsets, vowels with every mark and tone, codas, some capitals.
const onsets = ['', 'b', 'c', 'ch', 'd', 'đ', 'g', 'gh', 'gi', 'h', 'k', 'kh', 'l', 'm', 'n', 'ng', 'nh', 'ph', 'qu', 'r', 's', 't', 'th', 'tr', 'v', 'x', 'Đ', 'Nh', 'Tr'];
const vowels = [...'aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵ'];
const codas = ['', 'c', 'ch', 'm', 'n', 'ng', 'nh', 'p', 't', 'i', 'o', 'u'];
const word = fc
  .tuple(fc.constantFrom(...onsets), fc.constantFrom(...vowels), fc.constantFrom(...codas))
  .map(([onset, vowel, coda]) => onset + vowel + coda);
const name = fc
  .tuple(fc.array(word, { minLength: 1, maxLength: 4 }), fc.constantFrom(' ', ' ', ' ', '-', ' 1', ' 12'))
  .map(([words, joiner]) => words.join(joiner));
const sign = (n: number) => Math.sign(n);
const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('Vietnamese text', () => {
  it('orders sort keys byte-wise exactly as Intl.Collator("vi") orders the names (oracle)', () => {
    fc.assert(
      fc.property(name, name, (a, b) => {
        expect(byteOrder(vietnameseSortKey(a), vietnameseSortKey(b))).toBe(sign(vietnameseCollator.compare(a, b)));
      }),
      { numRuns: 20_000 },
    );
  });

  it('gives the same key to NFC and NFD spellings of a name', () => {
    fc.assert(
      fc.property(name, (a) => {
        expect(vietnameseSortKey(a.normalize('NFD'))).toBe(vietnameseSortKey(a.normalize('NFC')));
      }),
    );
  });

  it('sorts people by given name first, then by the whole name (oracle: the collator on both)', () => {
    const givenName = (full: string) => full.split(' ').at(-1) ?? '';
    const oracle = (a: string, b: string) =>
      vietnameseCollator.compare(givenName(a), givenName(b)) || vietnameseCollator.compare(a, b);
    const person = fc.array(word, { minLength: 2, maxLength: 4 }).map((words) => words.join(' '));
    fc.assert(
      fc.property(person, person, (a, b) => {
        expect(byteOrder(personSortKey(a), personSortKey(b))).toBe(sign(oracle(a, b)));
      }),
      { numRuns: 10_000 },
    );
    const people = ['Trần Văn An', 'Nguyễn Thị Bình', 'Lê An', 'Phạm Minh Ân', 'Võ Thị Ánh'];
    const sorted = [...people].sort((a, b) => byteOrder(personSortKey(a), personSortKey(b)));
    // a < ă < â: "Ánh" (a-n-h) comes before "Ân" (â-n).
    expect(sorted).toEqual(['Lê An', 'Trần Văn An', 'Võ Thị Ánh', 'Phạm Minh Ân', 'Nguyễn Thị Bình']);
  });

  it('folds diacritics, đ and case for search', () => {
    expect(foldForSearch('Xã Hòa An')).toBe('xa hoa an');
    expect(foldForSearch('ĐẢNG BỘ PHƯỜNG Đông Hưng Thuận')).toBe('dang bo phuong dong hung thuan');
    expect(foldForSearch('Hoà  An')).toBe(foldForSearch('Hòa An'));
  });

  it('normalises typed text to NFC with single spaces', () => {
    expect(normalizeText('  Chi bộ   ấp 8 '.normalize('NFD'))).toBe('Chi bộ ấp 8');
    expect(normalizeText('Hòa'.normalize('NFD'))).toBe('Hòa'.normalize('NFC'));
  });
});
