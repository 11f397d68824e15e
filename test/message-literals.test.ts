// A guard against words written where a failure arises: every message a person reads comes
// from the catalogue (src/text/messages.ts). The typed errors take only catalogue messages (the
// compiler checks that); zod rules take a string, so this walks the source for the string a
// rule is given as its message and requires it to be a code of the catalogue.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue, message, render } from '../src/text/messages.js';

const root = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** The text from `open` (an opening parenthesis) to its closing one, skipping strings. */
function callArguments(source: string, open: number): string {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < source.length; i++) {
    const char = source[i]!;
    if (quote) {
      if (char === '\\') i++;
      else if (char === quote) quote = null;
      continue;
    }
    if (char === "'" || char === '"' || char === '`') quote = char;
    else if (char === '(' || char === '[' || char === '{') depth++;
    else if (char === ')' || char === ']' || char === '}') {
      depth--;
      if (depth === 0) return source.slice(open + 1, i);
    }
  }
  return '';
}

const STRING = /^\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1\s*$/s;
/** Zod checks whose last argument, when a string, is the message shown for them. */
const ZOD_CHECK = /\.(min|max|length|int|gt|gte|lt|lte|positive|nonnegative|nonempty|refine|regex|email|url|uuid|startsWith|endsWith|includes)\(/g;

/** Every string a file gives as a message: zod checks' last arguments and `message:` properties. */
function messageLiterals(source: string): { text: string; at: number }[] {
  const found: { text: string; at: number }[] = [];
  for (const match of source.matchAll(ZOD_CHECK)) {
    const args = callArguments(source, match.index + match[0].length - 1);
    // The last top-level argument: split at the commas outside brackets and strings.
    const parts: string[] = [];
    let depth = 0;
    let quote: string | null = null;
    let start = 0;
    for (let i = 0; i < args.length; i++) {
      const char = args[i]!;
      if (quote) {
        if (char === '\\') i++;
        else if (char === quote) quote = null;
        continue;
      }
      if (char === "'" || char === '"' || char === '`') quote = char;
      else if ('([{'.includes(char)) depth++;
      else if (')]}'.includes(char)) depth--;
      else if (char === ',' && depth === 0) {
        parts.push(args.slice(start, i));
        start = i + 1;
      }
    }
    parts.push(args.slice(start));
    const last = parts.filter((part) => part.trim() !== '').at(-1) ?? '';
    const literal = STRING.exec(last);
    if (parts.length > 1 && literal) found.push({ text: literal[2]!, at: match.index });
  }
  for (const match of source.matchAll(/\bmessage:\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g)) found.push({ text: match[2]!, at: match.index });
  return found;
}

const lineOf = (source: string, at: number) => source.slice(0, at).split('\n').length;

describe('messages are the catalogue’s', () => {
  const files = [...sourceFiles(join(root, 'src/features')), join(root, 'src/validation.ts'), ...sourceFiles(join(root, 'src/cli'))];

  it('finds the messages it guards (the walk reads zod rules)', () => {
    // Rules known to carry a catalogue code, so that a walk that found nothing cannot pass.
    const all = files.flatMap((file) => messageLiterals(readFileSync(file, 'utf8')).map((literal) => literal.text));
    expect(all).toEqual(expect.arrayContaining(['TWO_DECIMALS', 'MONTH_RANGE', 'GROUP_NEEDS_MEMBER', 'NOT_BEFORE_FIELD']));
  });

  it('every message a zod rule is given is a code of the catalogue', () => {
    const written: string[] = [];
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      for (const literal of messageLiterals(source)) {
        if (!Object.hasOwn(catalogue, literal.text)) written.push(`${relative(root, file)}:${lineOf(source, literal.at)}: "${literal.text}"`);
      }
    }
    expect(written).toEqual([]);
  });

  it('recognises a message written in place (the guard itself)', () => {
    const sample = "z.number().min(0, 'must not be negative').refine((v) => v > 1, 'TWO_DECIMALS'); x.refine(f, { path: ['a'], message: `no ${y}` })";
    expect(messageLiterals(sample).map((literal) => literal.text)).toEqual(['must not be negative', 'TWO_DECIMALS', 'no ${y}']);
  });

  it('names in Vietnamese every kind of record a NotFoundError is raised for', () => {
    const entities = new Set(files.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/new NotFoundError\('([^']+)'/g)].map((match) => match[1]!)));
    expect(entities.size).toBeGreaterThan(5);
    for (const entity of entities) expect(render(message('NOT_FOUND', { entity, id: '7' }), 'vi'), entity).not.toContain(entity);
  });

  it('every message of the catalogue says something in both languages', () => {
    for (const [code, entry] of Object.entries(catalogue)) {
      const sample = new Proxy({}, { get: () => '1' }) as never;
      expect(entry.en(sample).trim(), code).not.toBe('');
      expect(entry.vi(sample).trim(), code).not.toBe('');
    }
  });
});
