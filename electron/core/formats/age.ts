/**
 * The age v1 file format (C2SP age spec), X25519 recipients only — what
 * handover packages use. Decryption is strict as the spec and the C2SP CCTV
 * vectors ask (canonical base64, line lengths, stanza shape, header MAC,
 * STREAM chunking). Not implemented: scrypt recipients, ASCII armor, hybrid
 * post-quantum recipients (their vectors are skipped explicitly in tests).
 *
 * In parts: age-keys.ts (identities and recipients, as bech32 text),
 * age-header.ts (the stanzas and the header MAC), age-stream.ts (the STREAM
 * payload, whole or a chunk at a time), age-primitives.ts (HKDF,
 * ChaCha20-Poly1305 and AgeError, which they share).
 */
export { AgeError, AGE_CHUNK, AGE_TAG, type AgeFailure } from './age-primitives';
export { formatIdentity, formatRecipient, generateIdentity, identityFromSecret, parseIdentity, parseRecipient, type AgeIdentity } from './age-keys';
export { inspectHeader, openHeader, type AgeHeaderInfo } from './age-header';
export { AgeWriter, ChunkOpener, decrypt, encrypt, type SealPlan } from './age-stream';
