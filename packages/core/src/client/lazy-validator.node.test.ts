import { fileURLToPath } from 'node:url'
import { rolldown } from 'rolldown'
import { describe, expect, test } from 'vitest'

const index = fileURLToPath(new URL('../index.ts', import.meta.url))

describe('the JSON Schema validator', () => {
  test('stays out of the entry chunk of a browser app that only creates a client', async () => {
    // What Vite does to a page that imports createTrayClient: the validator must be a chunk of
    // its own, fetched on the first validated call, not part of the first download.
    const bundle = await rolldown({
      input: 'app',
      platform: 'browser',
      logLevel: 'silent',
      plugins: [
        {
          name: 'app',
          resolveId: (id) => (id === 'app' ? id : null),
          load: (id) =>
            id === 'app'
              ? `import { createTrayClient } from ${JSON.stringify(index)}\n` +
                `export const tray = createTrayClient({ baseUrl: '/tray' })\n`
              : null,
        },
      ],
    })
    const { output } = await bundle.generate({ format: 'esm' })
    const chunks = output.filter((o) => o.type === 'chunk')
    const modulesOf = (entry: boolean) =>
      chunks.filter((c) => c.isEntry === entry).flatMap((c) => c.moduleIds)
    const validator = (id: string) =>
      id.includes('@cfworker/json-schema') || id.endsWith('validate-input.ts')

    expect(modulesOf(true).some((id) => id.endsWith('create-tray-client.ts'))).toBe(true)
    expect(modulesOf(true).filter(validator)).toEqual([])
    expect(modulesOf(false).filter(validator).length).toBeGreaterThan(0)
  })
})
