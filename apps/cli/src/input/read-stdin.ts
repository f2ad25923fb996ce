import type { InStream } from '../cli-io'

/** Reads all of stdin as UTF-8 text. */
export async function readStdin(stdin: InStream): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of stdin)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
  return Buffer.concat(chunks).toString('utf8')
}
