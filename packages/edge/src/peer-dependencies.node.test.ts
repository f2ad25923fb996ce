import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..', '..')

interface Manifest {
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
  peerDependenciesMeta?: Record<string, { optional?: boolean }>
}

function manifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')) as Manifest
}

/**
 * An adapter that depends on hono by exact version gets its own copy beside the app's, and
 * two copies do not type-check together (`app.route('/mock', mock.app)` fails with TS2345).
 * So hono is a peer with a range, as in honojs/middleware; an exact dev dependency in range
 * runs our own tests.
 */
describe.each([
  ['packages/edge', { hono: '^4.13.19' }, {}],
  [
    'packages/testing',
    { hono: '^4.13.19', '@hono/node-server': '^2.1.9' },
    { '@hono/node-server': true },
  ],
])('%s', (dir, peers, optional) => {
  const pkg = manifest(dir)

  it.each(Object.entries(peers))(
    'takes %s as a peer with a range, not a dependency',
    (name, range) => {
      expect(pkg.dependencies?.[name]).toBeUndefined()
      expect(pkg.peerDependencies?.[name]).toBe(range)
      const dev = pkg.devDependencies?.[name] ?? ''
      expect(dev).toMatch(/^\d+\.\d+\.\d+$/)
      expect(dev.split('.')[0]).toBe(range.slice(1).split('.')[0])
      expect(pkg.peerDependenciesMeta?.[name]?.optional ?? false).toBe(
        (optional as Record<string, boolean>)[name] ?? false,
      )
    },
  )
})

describe('the lockfile', () => {
  it('resolves one hono and one @hono/node-server for the whole workspace', () => {
    const lock = readFileSync(join(ROOT, 'pnpm-lock.yaml'), 'utf8')
    const versions = (name: string) =>
      new Set([...lock.matchAll(new RegExp(`^  '?${name}@([^:'(]+)`, 'gm'))].map((m) => m[1]))
    expect(versions('hono').size).toBe(1)
    expect(versions('@hono/node-server').size).toBe(1)
  })
})
