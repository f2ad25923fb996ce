import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { JsonObject } from '@traykit/core'
import { usageError } from '../cli-error'
import { currentRun } from '../cli-io'
import { assertJsonInput } from './assert-json-input'
import { parseJson } from './parse-json'
import { readStdin } from './read-stdin'

/** Reads `--input`: inline JSON, `@file.json`, or `-` for stdin. No flag: an empty object. */
export async function readInput(flag: string | undefined): Promise<JsonObject> {
  if (flag === undefined) return {}
  const { io } = currentRun()
  let text = flag
  let source = '--input'
  if (flag === '-') {
    text = await readStdin(io.stdin)
    source = '--input from stdin'
  } else if (flag.startsWith('@')) {
    if (flag === '@') throw usageError('--input @ needs a file name, such as --input @input.json')
    const path = resolve(io.cwd, flag.slice(1))
    source = `--input file ${flag.slice(1)}`
    try {
      text = await readFile(path, 'utf8')
    } catch (error) {
      throw usageError(`Cannot read ${source}: ${(error as NodeJS.ErrnoException).code ?? error}`)
    }
  }
  const value = parseJson(text, source)
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw usageError(
      `${source} must be a JSON object (the operation's input), got ${describe(value)}`,
    )
  }
  assertJsonInput(value, source)
  return value as JsonObject
}

function describe(value: unknown): string {
  return Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`
}
