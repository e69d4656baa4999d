import { pinyin } from 'pinyin-pro';

/**
 * Pinyin for finding and sorting Chinese names (issue 17): 东方客户 is found by "dfkh" and by
 * "dongfangkehu", 张伟 by "zhangwei", and lists sort 北辰 before 东方 and 东方客户2 before 东方客户10.
 * Computed when a record is written (pinyin-pro, MIT, pure JS), never at query time.
 *
 * People's names (contacts, owners, individual clients) are read in pinyin-pro's surname mode, so
 * the polyphonic surnames come out as a Chinese office says them: 单 Shàn, 曾 Zēng, 解 Xiè, 区 Ōu,
 * 仇 Qiú, 朴 Piáo, 查 Zhā, 盖 Gě, 乐 Yuè, 尉迟 Yùchí. Company names are read with pinyin-pro's word
 * dictionary instead (中国银行 yín háng, 重庆 chóng qìng), where surname mode would be wrong.
 */
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const HAN_RUNS = /([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)|([^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)/g;

/** One piece of a name: a Han run as its syllables, or anything else as written. */
type Piece = { syllables: string[] } | { other: string };

function pieces(text: string, person: boolean): Piece[] {
  const out: Piece[] = [];
  let first = true;
  for (const m of text.matchAll(HAN_RUNS)) {
    if (m[1]) {
      // Surname mode only where the name begins: 张伟 is a surname at its start, not in 东方张伟.
      const surname = person && first && m.index === 0 ? 'head' : 'off';
      out.push({ syllables: pinyin(m[1], { toneType: 'none', type: 'array', surname, v: true }).map((s) => s.toLowerCase()) });
    } else if (m[2]) out.push({ other: m[2] });
    first = false;
  }
  return out;
}

export interface PinyinForms {
  /** All syllables run together: 东方客户10 -> "dongfangkehu10". */
  full: string;
  /** First letters of the syllables: 东方客户10 -> "dfkh10". */
  initials: string;
}

// Owners repeat on thousands of rows (a few dozen salespeople): remember their forms. Bounded, so an
// import of 100,000 distinct contact names cannot grow it without end.
const CACHE_LIMIT = 5000;
const cache = new Map<string, PinyinForms | null>();

/** Full pinyin and initials of a name, or null when it has no Chinese character (nothing to add). */
export function pinyinForms(text: string, person: boolean): PinyinForms | null {
  if (!text || !HAN.test(text)) return null;
  const key = (person ? 'p' : 'c') + text;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let full = '';
  let initials = '';
  for (const p of pieces(text, person)) {
    if ('other' in p) {
      full += p.other;
      initials += p.other;
    } else {
      full += p.syllables.join('');
      initials += p.syllables.map((s) => s[0] ?? '').join('');
    }
  }
  const forms = { full, initials };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, forms);
  return forms;
}

/** The extra search text for a record: full pinyin and initials of each name (empty for non-Chinese names). */
export function pinyinSearchFields(names: readonly { text: string; person: boolean }[]): string[] {
  const out: string[] = [];
  for (const n of names) {
    const f = pinyinForms(n.text, n.person);
    if (f) out.push(f.full, f.initials);
  }
  return out;
}

const DIGITS = /\d+/g;

/**
 * A key that sorts names the way a Chinese list is read: by pinyin, syllable by syllable (北辰 before
 * 东方, 东方 before 东方客户), with numbers in natural order (东方客户2 before 东方客户10). Latin names sort
 * among them by their letters. Numbers are zero-padded to 12 digits, which covers any number a name holds.
 */
export function nameSortKey(text: string, person: boolean): string {
  const words: string[] = [];
  for (const p of HAN.test(text) ? pieces(text, person) : [{ other: text }]) {
    if ('other' in p) {
      const w = p.other.trim().toLowerCase();
      if (w) words.push(w);
    } else words.push(...p.syllables);
  }
  return words.join(' ').replace(DIGITS, (d) => d.padStart(12, '0'));
}
