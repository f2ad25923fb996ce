import type { Stats } from 'node:fs'
import { CliError, EXIT } from '../cli-error'

/** The parts of a file's status the safety rules read. */
export type OwnerAndMode = Pick<Stats, 'uid' | 'mode' | 'isSymbolicLink'>

/** The user id config files must belong to: this process's user. Undefined where there is none (Windows). */
export function currentUid(): number | undefined {
  return process.getuid?.()
}

/**
 * Refuses a config directory or file as ssh refuses `~/.ssh`: a symbolic link, one that belongs
 * to another user (root's own files excepted, as ssh does), or one that group or others may
 * write, since anyone who can write there can plant a profile (an `apiUrl` that collects tokens).
 * `stats` must come from `lstat` or an open handle, never from following a link; `uid` is the
 * reader's (`currentUid()`; undefined: no owners to check). Exit 3: the credentials stored there
 * cannot be trusted.
 */
export function checkConfigSafety(
  stats: OwnerAndMode,
  path: string,
  kind: 'directory' | 'file',
  uid: number | undefined,
): void {
  const refuse = (why: string, fix: string) =>
    new CliError(
      `Refusing the config ${kind} ${path}: ${why}. ${fix} traykit keeps Tray tokens there, so it ` +
        'reads and writes it only when no one else can change it.',
      EXIT.credentials,
    )
  if (stats.isSymbolicLink()) {
    throw refuse(
      'it is a symbolic link',
      `Replace the link with the ${kind} itself, or set XDG_CONFIG_HOME to where it lives.`,
    )
  }
  // Windows has no owners or modes to check here.
  if (uid === undefined) return
  if (stats.uid !== uid && stats.uid !== 0) {
    throw refuse(
      `it belongs to user ${stats.uid}, not to you (user ${uid})`,
      'Check what it holds, then take it over (chown) or use another XDG_CONFIG_HOME.',
    )
  }
  if ((stats.mode & 0o022) !== 0) {
    const mode = (stats.mode & 0o777).toString(8).padStart(4, '0')
    throw refuse(
      `group or others may write it (mode ${mode})`,
      `Check what it holds, then run \`chmod ${kind === 'directory' ? 700 : 600} ${path}\`.`,
    )
  }
}
