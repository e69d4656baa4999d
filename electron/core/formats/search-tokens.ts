/**
 * The client search index: character n-grams as FTS5 tokens, so that a query
 * is a phrase of consecutive n-grams and a match is exactly a substring.
 *
 * Text is split into runs of digits, runs of Latin letters (a-z) and runs of other letters.
 * - Other runs ("张伟明", "müller") are indexed as bigrams plus the last character:
 *   "张伟 伟明 明". Two-character Chinese queries are then one token.
 * - Digit runs (phones, codes, house numbers) and Latin runs ("smith", "zhangwei") are indexed as
 *   trigrams plus the last two and the last one character: "13800" -> "138 380 800 00 0". With only
 *   100 digit bigrams, or the few hundred that pinyin is made of (zh, an, ng …), every bigram is in
 *   nearly every client; a phrase of trigrams stays selective (issue 16: full pinyin "zhangwei" as
 *   seven common bigrams was the slowest kind of search).
 * A query run becomes a phrase of the same n-grams, or a prefix query when it is shorter than one
 * n-gram: every one- or two-character piece of a run begins one of its tokens (an n-gram or the
 * tail), so "dk" and "zg" still find initials inside longer runs. Names also carry their pinyin, full
 * and initials (formats/pinyin.ts), as Latin words: "dfkh" finds 东方客户 by the same phrases.
 * Punctuation is dropped inside a word (so "zhang@163.com" and "163com" meet); white space separates
 * words. A change between Latin and other letters ends a run on both sides: "zg银行" is pinyin
 * initials and Chinese at once, and each part is looked for on its own.
 *
 * searchTokens runs 100,000 times per import, so it is a plain loop over
 * UTF-16 code units rather than regular expressions.
 */
const SPACE = 0, DIGIT = 1, WORD = 2, DROP = 3, LATIN = 4;
/** The n-gram size of a run of each class: trigrams for digits and Latin letters, bigrams for the rest. */
const gramOf = (c: number): number => (c === WORD ? 2 : 3);
// Classes of the Basic Multilingual Plane, looked up once per code unit value (-1: not yet known).
const bmpClass = new Int8Array(0x10000).fill(-1);
const astralClass = new Map<number, number>();

function slowClassOf(ch: string): number {
  return /\s/u.test(ch) ? SPACE : /\p{Nd}/u.test(ch) ? DIGIT : /[\p{L}\p{N}\p{M}]/u.test(ch) ? WORD : DROP;
}

function classOf(code: number, ch: string): number {
  if (code < 128) {
    if (code >= 48 && code <= 57) return DIGIT;
    if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90)) return LATIN;
    return code === 32 || (code >= 9 && code <= 13) ? SPACE : DROP;
  }
  if (code < 0x10000) {
    let c = bmpClass[code]!;
    if (c < 0) bmpClass[code] = c = slowClassOf(ch);
    return c;
  }
  let c = astralClass.get(code);
  if (c === undefined) astralClass.set(code, (c = slowClassOf(ch)));
  return c;
}

// Full-width forms and other compatibility characters that NFKC folds (Ｃ００１ -> c001).
const NEEDS_NFKC = /[\u00a0-\u00ff\u2000-\u206f\u2100-\u24ff\u3000\u3200-\u33ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/;

export function normalizeForSearch(text: string): string {
  return (NEEDS_NFKC.test(text) ? text.normalize('NFKC') : text).toLowerCase();
}

/** Calls emit(run, class) for each run of digits, Latin letters or other letters in the text. */
function eachRun(text: string, emit: (run: string[], kind: number) => void): void {
  const s = normalizeForSearch(text);
  let run: string[] = [];
  let kind = SPACE;
  const flush = () => {
    if (run.length) emit(run, kind);
    run = [];
  };
  for (let i = 0; i < s.length; i++) {
    let code = s.charCodeAt(i);
    let ch = s[i]!;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < s.length) {
      ch = s.slice(i, i + 2);
      code = ch.codePointAt(0)!;
      i++;
    }
    const c = classOf(code, ch);
    if (c === DROP) continue; // punctuation inside a word joins its neighbours
    if (c === SPACE) {
      flush();
      kind = SPACE;
      continue;
    }
    if (c !== kind) flush();
    kind = c;
    run.push(ch);
  }
  flush();
}

/** Pushes a run's tokens (n-grams, then the tail), the run given as one string of BMP characters. */
function bmpRunTokens(run: string, n: number, out: string[]): void {
  const len = run.length;
  for (let i = 0; i + n <= len; i++) out.push(run.substring(i, i + n));
  // The run's tail, shorter than one n-gram: short prefix queries find it, and no phrase spans two runs.
  if (n === 3 && len >= 2) out.push(run.substring(len - 2));
  out.push(run.substring(len - 1));
}

/** The same tokens for a run holding characters outside the BMP (two code units each), character by character. */
export function astralRunTokens(run: string, n: number, out: string[]): void {
  const cs = Array.from(run);
  const len = cs.length;
  if (n === 3) {
    for (let i = 0; i + 3 <= len; i++) out.push(cs[i]! + cs[i + 1]! + cs[i + 2]!);
    if (len >= 2) out.push(cs[len - 2]! + cs[len - 1]!);
  } else {
    for (let i = 0; i + 2 <= len; i++) out.push(cs[i]! + cs[i + 1]!);
  }
  out.push(cs[len - 1]!);
}

function runTokens(run: string, n: number, astral: boolean, out: string[]): void {
  if (astral) astralRunTokens(run, n, out);
  else bmpRunTokens(run, n, out);
}

/**
 * The index text of a record's fields. The import tokenises 100,000 records, so this walks each
 * field once, keeping a run as one string (a slice of the field while nothing inside it is dropped)
 * and cutting n-grams from it, instead of an array of characters per run.
 */
export function searchTokens(fields: readonly string[]): string {
  const out: string[] = [];
  eachIndexRun(fields, (run, n, astral) => runTokens(run, n, astral, out));
  return out.join(' ');
}

/**
 * Calls emit for each run of the fields' index text, in order: the run as one string, its n-gram size
 * (3 for digits and Latin letters, 2 for other letters), whether it holds characters outside the BMP. searchTokens cuts the runs into tokens;
 * search-tokens-utf8.ts writes the same tokens as UTF-8 for the import.
 */
export function eachIndexRun(fields: readonly string[], emit: (run: string, n: number, astral: boolean) => void): void {
  for (const field of fields) {
    if (!field) continue;
    const s = normalizeForSearch(field);
    let kind = SPACE;
    let start = 0; // where the current run's contiguous part began in s
    let run = ''; // the run's earlier parts, when punctuation was dropped inside it
    let astral = false;
    for (let i = 0; i < s.length; i++) {
      let code = s.charCodeAt(i);
      let width = 1;
      let c: number;
      if (code < 128) c = code >= 48 && code <= 57 ? DIGIT : (code >= 97 && code <= 122) || (code >= 65 && code <= 90) ? LATIN : code === 32 || (code >= 9 && code <= 13) ? SPACE : DROP;
      else if (code >= 0xd800 && code <= 0xdbff && i + 1 < s.length) {
        code = s.codePointAt(i)!;
        width = 2;
        c = classOf(code, s.slice(i, i + 2));
      } else c = classOf(code, s[i]!);
      if (c === DROP) {
        // Punctuation inside a word joins its neighbours: keep what came before it, go on after it.
        if (kind !== SPACE) run += s.slice(start, i);
        start = i + width;
        i += width - 1;
        continue;
      }
      if (c !== kind) {
        if (kind !== SPACE) {
          emit(run + s.slice(start, i), gramOf(kind), astral);
          run = '';
          astral = false;
        }
        start = i;
        kind = c;
      }
      if (c === SPACE) start = i + 1;
      else if (width === 2) astral = true;
      i += width - 1;
    }
    if (kind !== SPACE) emit(run + s.slice(start), gramOf(kind), astral);
  }
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * Two Latin letters ("zh", "dk") as the tokens that begin with them: the run's tail itself or one of
 * its 26 trigrams. FTS5 would answer the prefix query "zh"* by merging the whole of every zh… list
 * before the first row (no prefix index of two: it would add half the index's size), about 5 times
 * slower than the bigram it replaces; an OR of the terms is read lazily, only as far as the list's cap.
 */
function latinPairQuery(pair: string): string {
  let terms = `"${pair}"`;
  for (const c of LETTERS) terms += ` OR "${pair}${c}"`;
  return `(${terms})`;
}

/** An FTS5 MATCH expression for what the user typed, or null when nothing searchable is left. */
export function searchQuery(typed: string): string | null {
  const parts: string[] = [];
  eachRun(typed, (cs, kind) => {
    const n = gramOf(kind);
    if (kind === LATIN && cs.length === 2) parts.push(latinPairQuery(cs.join('')));
    else if (cs.length < n) parts.push(`"${cs.join('')}"*`);
    else {
      const grams: string[] = [];
      for (let i = 0; i + n <= cs.length; i++) grams.push(cs.slice(i, i + n).join(''));
      parts.push(`"${grams.join(' ')}"`);
    }
  });
  return parts.length > 0 ? parts.join(' AND ') : null;
}
