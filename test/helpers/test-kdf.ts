import type { KdfParams } from '../../electron/core/vault/keyslots';

/**
 * Argon2id at a test cost (one pass over 16 MiB, a few milliseconds instead of seconds), recorded in
 * each slot like any cost. Only a core built by the test harness takes it (CoreOptions.testOnlyKdf);
 * the CLI tests, the weakened-slot test and `makeCore({ realKdf: true })` keep libsodium MODERATE.
 * 16 MiB stays above the 8 MiB a "weakened slot" test writes, so such a slot is refused even here.
 */
export const TEST_KDF: KdfParams = { opsLimit: 1, memLimitBytes: 16 * 1024 * 1024 };
