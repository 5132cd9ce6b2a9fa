import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';

/** Every file under `dir` whose bytes contain `text` in UTF-8 or UTF-16 (how browsers store strings). */
export async function findFilesContaining(dir: string, text: string): Promise<string[]> {
  const needles = [Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le')];
  const hits: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const bytes = await readFile(file).catch(() => undefined);
    if (bytes && needles.some((needle) => bytes.includes(needle))) hits.push(path.relative(dir, file));
  }
  return hits;
}
