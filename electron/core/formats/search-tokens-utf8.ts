import { astralRunTokens, eachIndexRun } from './search-tokens';

/**
 * searchTokens (search-tokens.ts) written straight as UTF-8, for the import's worker: the same bytes as
 * `new TextEncoder().encode(searchTokens(fields))`, without making each of a client's ~130 tokens a
 * string, joining them and encoding the result (issue 16: a third of the worker's time for 100,000
 * clients, and most of its garbage). test/unit/search-tokens-utf8.property.test.ts holds the two equal.
 */
export class Utf8Sink {
  bytes = new Uint8Array(4096);
  length = 0;

  ensure(more: number): void {
    if (this.length + more <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + more));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  byte(b: number): void {
    this.ensure(1);
    this.bytes[this.length++] = b;
  }

  /** What was written since `from`, copied out. */
  copy(from = 0): Uint8Array {
    return this.bytes.slice(from, this.length);
  }
}

const SPACE = 0x20;
const encoder = new TextEncoder();

/** One UTF-16 code unit of the BMP as UTF-8; a lone surrogate as U+FFFD, as TextEncoder writes it. Room is ensured by the caller. */
function unit(sink: Utf8Sink, c: number): void {
  const b = sink.bytes;
  if (c < 0x80) b[sink.length++] = c;
  else if (c < 0x800) {
    b[sink.length++] = 0xc0 | (c >> 6);
    b[sink.length++] = 0x80 | (c & 63);
  } else {
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    b[sink.length++] = 0xe0 | (c >> 12);
    b[sink.length++] = 0x80 | ((c >> 6) & 63);
    b[sink.length++] = 0x80 | (c & 63);
  }
}

/** A BMP run's tokens (as bmpRunTokens cuts them), each after a space but the text's first. */
function bmpRun(sink: Utf8Sink, run: string, n: number, first: boolean): void {
  const len = run.length;
  // Every token is at most 3 characters of at most 3 bytes, plus its space; at most len + 1 tokens.
  sink.ensure((len + 1) * 10);
  for (let i = 0; i + n <= len; i++) {
    if (!first) sink.bytes[sink.length++] = SPACE;
    first = false;
    for (let k = i; k < i + n; k++) unit(sink, run.charCodeAt(k));
  }
  if (!first) sink.bytes[sink.length++] = SPACE;
  if (n === 3 && len >= 2) {
    unit(sink, run.charCodeAt(len - 2));
    unit(sink, run.charCodeAt(len - 1));
    sink.bytes[sink.length++] = SPACE;
  }
  unit(sink, run.charCodeAt(len - 1));
}

/** Writes the fields' tokens, space-separated; returns whether it wrote any. */
export function searchTokensUtf8(fields: readonly string[], sink: Utf8Sink): boolean {
  let first = true;
  eachIndexRun(fields, (run, n, astral) => {
    if (!astral) bmpRun(sink, run, n, first);
    else {
      // Characters outside the BMP are rare in client data: cut as strings, then encoded.
      const tokens: string[] = [];
      astralRunTokens(run, n, tokens);
      const text = (first ? '' : ' ') + tokens.join(' ');
      sink.ensure(text.length * 3);
      sink.length += encoder.encodeInto(text, sink.bytes.subarray(sink.length)).written;
    }
    first = false;
  });
  return !first;
}
