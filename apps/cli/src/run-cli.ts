import { renderUsage, runCommand } from 'citty'
import { version } from '../package.json'
import { EXIT } from './cli-error'
import { type CliIo, runWithIo } from './cli-io'
import mainCommand from './main-command'
import { stripAnsi, wantsColor } from './output/colors'
import { resolveInvocation } from './resolve-invocation'

/** The hidden command the completion scripts run for names: `traykit __complete <words…>`. */
export const COMPLETE = '__complete'

const ROOT_EPILOGUE = `
Start without an account: traykit --mock connectors
Exit codes: 0 ok, 1 Tray or third-party error, 2 usage or input error, 3 missing or rejected token.`

/** Runs the traykit command line with `io` and resolves with the process's exit code. */
export function runCli(rawArgs: string[], io: CliIo): Promise<number> {
  return runWithIo(io, async () => {
    if (rawArgs[0] === COMPLETE) {
      // The shell scripts' helper: candidates one per line, and never an error on the screen.
      const { completeWords } = await import('./completion/complete-words')
      const words = await completeWords(mainCommand, rawArgs.slice(1), io.env).catch(() => [])
      if (words.length > 0) io.stdout.write(`${words.join('\n')}\n`)
      return EXIT.ok
    }
    let name: string | undefined
    try {
      const invocation = await resolveInvocation(mainCommand, rawArgs)
      name = invocation.name
      if (invocation.version) {
        io.stdout.write(`${version}\n`)
        return EXIT.ok
      }
      if (invocation.help || typeof invocation.command.run !== 'function') {
        let usage = await renderUsage(invocation.command)
        if (invocation.name === 'traykit') usage += `\n${ROOT_EPILOGUE}`
        if (!wantsColor(io.stdout, io.env, !rawArgs.includes('--no-color')))
          usage = stripAnsi(usage)
        io.stdout.write(`${usage.replace(/[ \t]+$/gm, '')}\n`)
        return EXIT.ok
      }
      await runCommand(mainCommand, { rawArgs: invocation.rawArgs })
      return EXIT.ok
    } catch (error) {
      // Loaded only on failure: it pulls in @traykit/core's error classes.
      const { reportError } = await import('./report-error')
      return reportError(error, {
        // People read errors on a terminal even when stdout goes to a pipe.
        json: rawArgs.includes('--json') || io.stderr.isTTY !== true,
        debug: rawArgs.includes('--debug'),
        command: name ?? 'traykit',
      })
    }
  })
}
