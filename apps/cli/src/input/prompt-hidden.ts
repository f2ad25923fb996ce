import { CliError, EXIT } from '../cli-error'
import type { InStream, OutStream } from '../cli-io'

/** Asks for a secret on a terminal without echoing what is typed. */
export function promptHidden(
  question: string,
  stdin: InStream,
  stderr: OutStream,
): Promise<string> {
  stderr.write(question)
  stdin.setRawMode?.(true)
  stdin.setEncoding('utf8')
  stdin.resume()
  return new Promise((resolve, reject) => {
    let value = ''
    const finish = () => {
      stdin.off('data', onData)
      stdin.setRawMode?.(false)
      stdin.pause()
      stderr.write('\n')
    }
    const onData = (chunk: string | Buffer) => {
      for (const ch of String(chunk)) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          finish()
          resolve(value)
          return
        }
        if (ch === '\u0003') {
          finish()
          reject(new CliError('Cancelled', EXIT.interrupted))
          return
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1)
        else if (ch >= ' ') value += ch
      }
    }
    stdin.on('data', onData)
  })
}
