import { createCipheriv } from 'node:crypto';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { openReadOnly, type ReadOnlySetup } from '../db/read-only';
import { chunkStatements } from '../documents/store';

/**
 * The thread of documents/reader.ts: its own read-only connection to the vault, opened with the key
 * literal it was given (moved to it, wiped once the database is open), reading one document's chunks
 * on request. With a sealing plan, the document's bytes come back as its first `head` bytes raw, then
 * `chunks` full age chunks sealed here (ChaCha20-Poly1305 with the age STREAM nonce: 11-byte counter,
 * last flag 0), then the rest raw — so the main thread only writes them.
 */
export interface ReaderSetup extends ReadOnlySetup {
  /**
   * Where sealed chunks go when given: straight to the package's writer thread (workers/package-sink.ts),
   * the reply saying only how many bytes went, so the main thread never holds a document's ciphertext.
   */
  relay?: MessagePort;
}
export interface SealRequest {
  key: Uint8Array;
  counter: number;
  head: number;
  chunks: number;
}
export type ReaderRequest = { open: number; seal?: SealRequest } | { next: true };
export type ReaderPart = { kind: 'raw' | 'sealed'; buf: ArrayBuffer } | { kind: 'relayed'; bytes: number };
export type ReaderReply = { parts: ReaderPart[]; end?: true } | { error: string };

const AGE_CHUNK = 65536;
const port = parentPort!;
const setup = workerData as ReaderSetup;

const db = openReadOnly(setup);
const { chunkIds, chunkData } = chunkStatements(db);

/** The buffer to transfer: the chunk's own when it spans it, else a copy of its bytes. */
const own = (b: Buffer): ArrayBuffer =>
  (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b.buffer : b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)) as ArrayBuffer;

interface Plan extends SealRequest {
  keyBuf: Buffer;
  pos: number;
  fill: number;
  carry: Buffer;
}

let queue: number[] = [];
let plan: Plan | null = null;

/** One sealed chunk as its ciphertext and tag, not joined: the run they go into is joined once (one copy of each byte, not two). */
function seal(p: Plan, plain: Buffer): Buffer[] {
  const nonce = Buffer.alloc(12);
  nonce.writeUIntBE(p.counter++, 5, 6);
  const c = createCipheriv('chacha20-poly1305', p.keyBuf, nonce, { authTagLength: 16 });
  const sealed = c.update(plain);
  c.final();
  return [sealed, c.getAuthTag()];
}

/** One stored chunk cut into raw and sealed runs, following the plan. */
function planned(p: Plan, b: Buffer): ReaderPart[] {
  const parts: { kind: 'raw' | 'sealed'; bufs: Buffer[] }[] = [];
  const push = (kind: 'raw' | 'sealed', ...bufs: Buffer[]) => {
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.bufs.push(...bufs);
    else parts.push({ kind, bufs });
  };
  const sealedEnd = p.head + p.chunks * AGE_CHUNK;
  for (let i = 0; i < b.length;) {
    const at = p.pos + i;
    let n: number;
    if (at < p.head) {
      n = Math.min(p.head - at, b.length - i);
      push('raw', b.subarray(i, i + n));
    } else if (at < sealedEnd) {
      n = Math.min(AGE_CHUNK - p.fill, b.length - i);
      if (p.fill === 0 && n === AGE_CHUNK) push('sealed', ...seal(p, b.subarray(i, i + AGE_CHUNK)));
      else {
        b.copy(p.carry, p.fill, i, i + n);
        p.fill += n;
        if (p.fill === AGE_CHUNK) {
          push('sealed', ...seal(p, p.carry));
          p.fill = 0;
        }
      }
    } else {
      n = b.length - i;
      push('raw', b.subarray(i, i + n));
    }
    i += n;
  }
  p.pos += b.length;
  return parts.map((x): ReaderPart => {
    const buf = own(Buffer.concat(x.bufs));
    if (x.kind === 'raw' || !setup.relay) return { kind: x.kind, buf };
    // Sent before the reply: the writer has these bytes by the time the main thread tells it to take them.
    const bytes = buf.byteLength;
    setup.relay.postMessage(buf, [buf]);
    return { kind: 'relayed', bytes };
  });
}

function reply(r: ReaderReply): void {
  port.postMessage(r, 'parts' in r ? r.parts.flatMap((x) => ('buf' in x ? [x.buf] : [])) : []);
}

port.on('message', (m: ReaderRequest) => {
  try {
    if ('open' in m) {
      plan?.keyBuf.fill(0);
      queue = chunkIds.all(m.open);
      plan = m.seal ? { ...m.seal, keyBuf: Buffer.from(m.seal.key), pos: 0, fill: 0, carry: Buffer.alloc(AGE_CHUNK) } : null;
      m.seal?.key.fill(0);
      return;
    }
    const id = queue.shift();
    if (id === undefined) {
      // A document shorter than planned: what was not sealed goes back raw (the reader then sees the size is wrong).
      const rest: ReaderPart[] = plan && plan.fill ? [{ kind: 'raw', buf: own(Buffer.from(plan.carry.subarray(0, plan.fill))) }] : [];
      if (plan) plan.fill = 0;
      reply({ end: true, parts: rest });
      return;
    }
    const b = chunkData.get(id)!;
    reply({ parts: plan ? planned(plan, b) : [{ kind: 'raw', buf: own(b) }] });
  } catch (e) {
    reply({ error: e instanceof Error ? e.message : String(e) });
  }
});
