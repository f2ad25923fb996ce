import { createTrayClient } from '@traykit/core'
import { describe, expect, it } from 'vitest'
import { createCliMock, MOCK_TOKEN, MOCK_URL } from '../client/create-cli-mock'
import { MAX_ENUM } from './_sanitize-schema'
import { type CatalogOperation, generateTrayTypes, generateTypes } from './generate-tray-types'

/** One operation with this input schema, as a catalog would list it. */
function catalogOf(inputSchema: Record<string, unknown>, name = 'run') {
  const operation: CatalogOperation = {
    name,
    title: 'Run',
    description: 'Runs it.',
    inputSchema,
    outputSchema: { type: 'object', properties: { ok: { type: 'boolean' } } },
    hasDynamicOutput: false,
  }
  return { listOperations: async () => [operation] }
}

const generate = (inputSchema: Record<string, unknown>) =>
  generateTypes(catalogOf(inputSchema), [{ name: 'acme', version: '1.0' }])

describe('generateTrayTypes', () => {
  it('generates the connectors named, the latest version of a bare name', async () => {
    const mock = await createCliMock()
    const tray = createTrayClient({ baseUrl: MOCK_URL, fetch: mock.fetch, token: MOCK_TOKEN })
    const source = await generateTrayTypes({ tray, connectors: ['slack', 'shopify@4.1'] })
    expect(source).toContain("'slack@9.1': {")
    expect(source).toContain("'shopify@4.1': {")
    expect(source).toContain('export interface SlackV9_1SendMessageInput {')
    // enumLabels, advanced and lookups become the field's JSDoc.
    expect(source).toContain('Labels: "active" (Active), "archived" (Archived), "draft" (Draft).')
    expect(source).toContain('Advanced: Tray’s forms show it behind “more”.')
    expect(source).toContain(
      'Options from the DDL operation `list_channels_ddl` (needs workspace_id): resolveLookup.',
    )
    expect(source).toContain('lookups: "channel" | "workspace_id"')
    await expect(generateTrayTypes({ tray, connectors: ['slak'] })).rejects.toThrow(
      'No connector named "slak"',
    )
    await expect(generateTrayTypes({ tray })).rejects.toThrow('Name at least one connector')
  })

  it('types array lookups by index and keeps descriptions inside their comments', async () => {
    const { source } = await generate({
      type: 'object',
      additionalProperties: false,
      properties: {
        rows: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              column: {
                type: 'string',
                description: 'ends */ here',
                lookup: { operation: 'cols' },
              },
            },
          },
        },
      },
    })
    expect(source).toContain(`lookups: \`rows.$${'{'}number}.column\``)
    expect(source).toContain('ends * / here')
    expect(source).not.toContain('ends */')
  })

  it('inlines local $refs and says what it loosened: recursion, remote refs, huge enums', async () => {
    const { source, notes } = await generate({
      type: 'object',
      definitions: {
        condition: {
          type: 'object',
          properties: { field: { type: 'string' }, any: { $ref: '#/definitions/condition' } },
        },
      },
      properties: {
        filter: { $ref: '#/definitions/condition' },
        remote: { $ref: 'https://example.com/schema.json' },
        file: { $ref: 'file:///etc/passwd' },
        country: { type: 'string', enum: Array.from({ length: MAX_ENUM + 1 }, (_, i) => `c${i}`) },
      },
    })
    expect(source).toMatch(/filter\?: \{\n\s+field\?: string/)
    expect(notes).toEqual([
      'acme@1.0 run input: filter.any refers to itself ($ref "#/definitions/condition"); its recursion is typed as unknown',
      'acme@1.0 run input: remote has $ref "https://example.com/schema.json", which points to nothing in the schema (remote schemas are not fetched); typed as unknown',
      'acme@1.0 run input: file has $ref "file:///etc/passwd", which points to nothing in the schema (remote schemas are not fetched); typed as unknown',
      `acme@1.0 run input: country has an enum of ${MAX_ENUM + 1} values; typed as its base type`,
    ])
    expect(source).toMatch(/country\?: string\n/)
  })

  it('never pastes schema text in as code (tsType, names, $id)', async () => {
    const { source } = await generate({
      type: 'object',
      $id: 'x',
      properties: {
        evil: {
          type: 'string',
          tsType: 'string }\ndeclare global { var hacked: 1 }\ninterface X {',
        },
        'needs quotes': { type: 'number' },
        // As JSON from Tray brings it: an own key, not the prototype.
        ...JSON.parse('{"__proto__": { "type": "boolean" }}'),
        constructor: { type: 'integer' },
        weird: { type: 'strnig' },
      },
    })
    expect(source).not.toContain('hacked')
    expect(source).toContain('"needs quotes"?: number')
    expect(source).toContain('__proto__?: boolean')
    expect(source).toContain('constructor?: number')
    expect(source).toContain('weird?: unknown')
  })

  it('gives the same bytes for the same catalog, whatever order it lists things in', async () => {
    const reader = (order: 1 | -1) => ({
      listOperations: async () =>
        [
          { ...(await catalogOf({ type: 'object' }, 'b').listOperations())[0]! },
          { ...(await catalogOf({ type: 'object' }, 'a').listOperations())[0]! },
        ].sort(() => order),
    })
    const targets = [
      { name: 'z', version: '1.0' },
      { name: 'a', version: '10.0' },
      { name: 'a', version: '9.0' },
    ]
    const one = await generateTypes(reader(1), targets)
    const two = await generateTypes(reader(-1), [...targets].reverse())
    expect(two.source).toBe(one.source)
    expect(one.targets.map((t) => `${t.name}@${t.version}`)).toEqual(['a@9.0', 'a@10.0', 'z@1.0'])
  })
})
