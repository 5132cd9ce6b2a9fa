/**
 * The message tables (public/_locales) against the code. A key is found where the code writes it as a string literal:
 * the first argument of `t(...)` (both sides of a `?:` too), a value in a declaration typed with `MessageKey` (the
 * literal code-to-key tables, e.g. `Record<InvoiceType, MessageKey>`), and `__MSG_key__` in the manifest. A key
 * written any other way shows up here as unused, so keep to those forms.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SOURCE_DIRS = ['components', 'entrypoints', 'utils'];
const LOCALES = ['en', 'ko'] as const;

type Table = Record<string, { message: string; description?: string }>;

interface KeyUse {
  key: string;
  file: string;
  /** Substitutions passed by a `t(...)` call; undefined for table entries and spread arguments. */
  substitutions?: number;
}

async function readTable(locale: string): Promise<Table> {
  return JSON.parse(await readFile(path.join(ROOT, 'public', '_locales', locale, 'messages.json'), 'utf8'));
}

async function listSourceFiles(): Promise<string[]> {
  const files = ['wxt.config.ts'];
  for (const dir of SOURCE_DIRS) {
    const entries = await readdir(path.join(ROOT, dir), { recursive: true });
    files.push(...entries.filter((entry) => /\.tsx?$/.test(entry)).map((entry) => path.join(dir, entry)));
  }
  return files;
}

/** String literals an expression can evaluate to: itself, both branches of `?:`, through parentheses and `as`. */
function readLiterals(node: ts.Expression): string[] {
  if (ts.isStringLiteralLike(node)) return [node.text];
  if (ts.isConditionalExpression(node)) return [...readLiterals(node.whenTrue), ...readLiterals(node.whenFalse)];
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) {
    return readLiterals(node.expression);
  }
  return [];
}

/** The literal values of a `MessageKey`-typed initializer, nested tables included. */
function readTableValues(node: ts.Expression): string[] {
  if (!ts.isObjectLiteralExpression(node)) return readLiterals(node);
  return node.properties.flatMap((property) => (ts.isPropertyAssignment(property) ? readTableValues(property.initializer) : []));
}

function findKeyUses(file: string, text: string): KeyUse[] {
  const uses: KeyUse[] = [...text.matchAll(/__MSG_(\w+)__/g)].map((match) => ({ key: match[1] as string, file }));
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 't') {
      const [first, ...rest] = node.arguments;
      const substitutions = rest.some(ts.isSpreadElement) ? undefined : rest.length;
      if (first) uses.push(...readLiterals(first).map((key) => ({ key, file, substitutions })));
    }
    if (ts.isVariableDeclaration(node) && node.type && node.initializer && /\bMessageKey\b/.test(node.type.getText())) {
      uses.push(...readTableValues(node.initializer).map((key) => ({ key, file })));
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind));
  return uses;
}

/** `$1`…`$9` in a message, as a sorted list without repeats. */
function listPlaceholders(message: string): string[] {
  return [...new Set(message.replace(/\$\$/g, '').match(/\$[1-9]/g) ?? [])].sort();
}

describe('message tables (public/_locales) and the code', async () => {
  const tables = { en: await readTable('en'), ko: await readTable('ko') };
  const files = await listSourceFiles();
  const uses = (await Promise.all(files.map(async (file) => findKeyUses(file, await readFile(path.join(ROOT, file), 'utf8'))))).flat();
  const used = new Set(uses.map((use) => use.key));

  it('finds the keys in the code (the scan itself works)', () => {
    expect(uses.length).toBeGreaterThan(100);
    expect(used).toContain('extName'); // the manifest's __MSG_extName__
    expect(used).toContain('errorUnknownKey'); // a value of utils/user-messages.ts's code-to-key table
  });

  for (const locale of LOCALES) {
    it(`has every key the code uses in ${locale}`, () => {
      const missing = uses.filter((use) => !(use.key in tables[locale])).map((use) => `${use.key} (${use.file})`);
      expect(missing).toEqual([]);
    });

    it(`has no key in ${locale} that the code does not use`, () => {
      expect(Object.keys(tables[locale]).filter((key) => !used.has(key))).toEqual([]);
    });
  }

  it('has the same keys in English and Korean', () => {
    const onlyIn = (a: Table, b: Table) => Object.keys(a).filter((key) => !(key in b));
    expect({ onlyEnglish: onlyIn(tables.en, tables.ko), onlyKorean: onlyIn(tables.ko, tables.en) }).toEqual({
      onlyEnglish: [],
      onlyKorean: [],
    });
  });

  it('has the same placeholders for each key in English and Korean', () => {
    const differing = Object.entries(tables.en)
      .filter(([key, entry]) => listPlaceholders(entry.message).join() !== listPlaceholders(tables.ko[key]?.message ?? '').join())
      .map(([key]) => key);
    expect(differing).toEqual([]);
  });

  it('passes as many substitutions as each message has placeholders', () => {
    const wrong = uses
      .filter((use) => use.substitutions !== undefined && tables.en[use.key])
      .filter((use) => listPlaceholders(tables.en[use.key]?.message ?? '').length !== use.substitutions)
      .map((use) => `${use.key} (${use.file}): ${use.substitutions} given`);
    expect(wrong).toEqual([]);
  });

  it('writes messages that Chrome and Firefox read alike', () => {
    for (const locale of LOCALES) {
      for (const [key, entry] of Object.entries(tables[locale])) {
        expect(key, locale).toMatch(/^[A-Za-z0-9_]+$/);
        expect(entry.message.trim(), `${locale} ${key}`).not.toBe('');
        // A lone "$" would start a placeholder: a literal dollar sign is written "$$".
        expect(entry.message.replace(/\$\$|\$[1-9]/g, ''), `${locale} ${key}`).not.toContain('$');
        // Placeholders count from $1 with no gaps, so every substitution is shown.
        const numbers = listPlaceholders(entry.message).map((token) => Number(token.slice(1)));
        expect(numbers, `${locale} ${key}`).toEqual(numbers.map((_, index) => index + 1));
      }
    }
    for (const [key, entry] of Object.entries(tables.en)) expect(entry.description, `en ${key}`).toBeTruthy();
  });

  it('translates every message and keeps the store listing within the stores\' limits', () => {
    expect(Object.keys(tables.en).filter((key) => tables.en[key]?.message === tables.ko[key]?.message)).toEqual([]);
    for (const locale of LOCALES) {
      // Chrome Web Store and addons.mozilla.org: name up to 45 characters, Chrome's description up to 132.
      expect(tables[locale].extName?.message.length, locale).toBeLessThanOrEqual(45);
      expect(tables[locale].extDescription?.message.length, locale).toBeLessThanOrEqual(132);
    }
  });
});
