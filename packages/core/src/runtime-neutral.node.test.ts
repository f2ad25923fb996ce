import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

// Core must run on Workers, Deno, Bun and in browsers: no Node built-ins, no Node globals.
// (This file itself runs only in the Node project, since it reads the source tree.)
const root = join(import.meta.dirname, '.')
const sources = readdirSync(root, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts') && !f.includes('.test.') && !f.includes('__fixtures__'))
  .map((f) => ({ file: relative(root, join(root, f)), text: readFileSync(join(root, f), 'utf8') }))

describe('core source is runtime-neutral', () => {
  it('has sources to check', () => {
    expect(sources.length).toBeGreaterThan(10)
  })

  it.each([
    ['a node: import', /from\s+['"]node:/],
    [
      'a bare Node built-in import',
      /from\s+['"](fs|path|os|http|https|crypto|util|stream|buffer|child_process)['"]/,
    ],
    ['process', /\bprocess\./],
    ['Buffer', /\bBuffer\./],
    ['require()', /\brequire\(/],
  ])('contains no %s', (_, pattern) => {
    expect(sources.filter((s) => pattern.test(s.text)).map((s) => s.file)).toEqual([])
  })

  it('contains no eval or new Function (but Redis EVAL, in the redis entry)', () => {
    // The redis entry sends Lua scripts to Redis through its client's `eval`: no JavaScript runs.
    const redisEntry = (file: string) => file === 'redis.ts' || file.startsWith('redis/')
    const pattern = /\beval\(|new Function\(/
    expect(
      sources.filter((s) => !redisEntry(s.file) && pattern.test(s.text)).map((s) => s.file),
    ).toEqual([])
    expect(
      sources.filter((s) => s.file.startsWith('redis/') && /new Function\(/.test(s.text)),
    ).toEqual([])
  })
})
