import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../../renderer/src');
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));

describe('screen-reader names are translated', () => {
  it('no aria-label or title in the renderer is a literal English word (they go through i18n, both languages)', () => {
    const literal = /(aria-label|title)=("[A-Za-z][^"]*"|\{'[A-Za-z][^']*'\}|\{`[A-Za-z][^`$]*`\})/g;
    const found = sources(root).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(literal)].map((m) => `${relative(root, file)}: ${m[0]}`));
    expect(found).toEqual([]);
  });
});
