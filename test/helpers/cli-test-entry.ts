import { main } from '../../electron/cli/index';
import { processIo } from '../../electron/cli/io';
import { TEST_KDF } from './test-kdf';

/**
 * The tests' own `handover`: the shipped CLI, whose core takes the test Argon2id cost, so a CLI test
 * that spawns dozens of commands does not pay a 256 MiB derivation in each. Bundled into
 * out/cli-test/handover.cjs before the tests (build-test-cli.ts); never part of a build that ships.
 */
main({ ...processIo(), testCore: { testOnlyKdf: TEST_KDF } });
