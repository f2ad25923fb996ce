import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** The variable through which the global setup hands its temporary directory to the tests. */
export const TEST_TMP_VARIABLE = 'TRAYKIT_CLI_TEST_TMP'

/** A fresh directory, inside the one the global setup removes after the run. */
export function tempDir(): Promise<string> {
  return mkdtemp(join(process.env[TEST_TMP_VARIABLE] ?? tmpdir(), 'run-'))
}
