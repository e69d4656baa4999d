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

/**
 * Each character's reading, when it has only one (without tones): most characters of names do, and
 * reading them from this table is about ten times faster than pinyin-pro's word segmentation, which
 * a run is given only when one of its characters has several readings (银行, 重庆, 单).
 */
const single = new Map<string, string | null>();

function singleReading(ch: string): string | null {
  let r = single.get(ch);
  if (r === undefined) {
    const readings = new Set(pinyin(ch, { toneType: 'none', type: 'array', multiple: true, v: true }).map((s) => s.toLowerCase()));
    r = readings.size === 1 ? [...readings][0]! : null;
    single.set(ch, r);
  }
  return r;
}

function syllablesOf(run: string, surname: 'head' | 'off'): string[] {
  const quick: string[] = [];
  for (const ch of run) {
    const r = singleReading(ch);
    if (r === null) return pinyin(run, { toneType: 'none', type: 'array', surname, v: true }).map((s) => s.toLowerCase());
    quick.push(r);
  }
  return quick;
}

// A record's name is read twice in a row, for its search text and for its sort key: remember the last one.
let last: { text: string; person: boolean; pieces: Piece[] } | null = null;

function pieces(text: string, person: boolean): Piece[] {
  if (last && last.text === text && last.person === person) return last.pieces;
  const out: Piece[] = [];
  for (const m of text.matchAll(HAN_RUNS)) {
    // Surname mode only where the name begins: 张伟 is a surname at its start, not in 东方张伟.
    if (m[1]) out.push({ syllables: syllablesOf(m[1], person && m.index === 0 ? 'head' : 'off') });
    else if (m[2]) out.push({ other: m[2] });
  }
  last = { text, person, pieces: out };
  return out;
}

export interface PinyinForms {
  /** All syllables run together: 东方客户10 -> "dongfangkehu10". */
  full: string;
  /** First letters of the syllables: 东方客户10 -> "dfkh10". */
  initials: string;
}

// Owners repeat on thousands of rows (a few dozen salespeople), company names on hundreds: remember their
// forms. Bounded (a few tens of MB at most), so imports of distinct names one after another cannot grow it
// without end; large enough that one 100,000-client import does not empty it half way.
const CACHE_LIMIT = 50_000;
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
const sortKeys = new Map<string, string>();

export function nameSortKey(text: string, person: boolean): string {
  const key = (person ? 'p' : 'c') + text;
  let sortKey = sortKeys.get(key);
  if (sortKey === undefined) {
    sortKey = computeSortKey(text, person);
    if (sortKeys.size >= CACHE_LIMIT) sortKeys.clear();
    sortKeys.set(key, sortKey);
  }
  return sortKey;
}

function computeSortKey(text: string, person: boolean): string {
  const words: string[] = [];
  for (const p of HAN.test(text) ? pieces(text, person) : [{ other: text }]) {
    if ('other' in p) {
      const w = p.other.trim().toLowerCase();
      if (w) words.push(w);
    } else words.push(...p.syllables);
  }
  return words.join(' ').replace(DIGITS, (d) => d.padStart(12, '0'));
}
