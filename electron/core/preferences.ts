import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { languageSchema } from '../../shared/contract';
import { ensurePrivateDir, writeFileAtomic } from './fs-atomic';

/** App preferences that must be known before unlock (language, which vault). Nothing secret. */
const prefsSchema = z.object({
  language: languageSchema.default('zh-CN'),
  vaultDir: z.string().nullable().default(null),
});
export type Preferences = z.infer<typeof prefsSchema>;

export function readPreferences(file: string, fallbackLanguage: Preferences['language']): Preferences {
  if (existsSync(file)) {
    try {
      const parsed = prefsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (parsed.success) return parsed.data;
    } catch {
      // An unreadable preferences file is replaced by defaults; it holds nothing of value.
    }
  }
  return { language: fallbackLanguage, vaultDir: null };
}

export function writePreferences(file: string, prefs: Preferences): void {
  ensurePrivateDir(dirname(file));
  writeFileAtomic(file, `${JSON.stringify(prefs, null, 2)}\n`);
}
