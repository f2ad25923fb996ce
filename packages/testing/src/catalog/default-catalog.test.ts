import { DdlResultSchema, getLookups } from '@traykit/core'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { callPath, send } from '../__fixtures__/send'
import { createMockTray, defaultCatalog, parseCatalog } from '../index'

const catalog = parseCatalog(defaultCatalog)

describe('the default catalog', () => {
  it('has an environment for the service of every connector', () => {
    for (const connector of catalog.connectors) {
      const { name, version } = connector.service
      expect(
        catalog.services.some((s) => s.name === name && s.version === version),
        name,
      ).toBe(true)
    }
  })

  it('has every DDL its lookups name, each answering { result: [{ text, value }] }', async () => {
    const mock = createMockTray()
    for (const connector of catalog.connectors) {
      for (const operation of connector.operations) {
        for (const lookup of getLookups(operation)) {
          const where = `${connector.name} ${connector.version} ${operation.name} ${lookup.path}`
          const ddl = connector.operations.find((op) => op.name === lookup.operation)
          expect(ddl, where).toBeDefined()
          const input = Object.fromEntries(lookup.dependsOn.map((field) => [field, 'any']))
          const { status, body } = await send(
            mock,
            'POST',
            callPath(connector.name, connector.version),
            {
              body: { operation: lookup.operation, input: { ...lookup.input, ...input } },
            },
          )
          expect(status, where).toBe(200)
          expect(v.is(DdlResultSchema, (body as { output: unknown }).output), where).toBe(true)
        }
      }
    }
  })

  it('names only input fields in the `when` of its canned responses', () => {
    for (const connector of catalog.connectors) {
      for (const operation of connector.operations) {
        const fields = Object.keys((operation.inputSchema.properties ?? {}) as object)
        for (const response of operation.mockResponses ?? []) {
          for (const key of Object.keys(response.when ?? {})) {
            expect(fields, `${connector.name} ${operation.name}`).toContain(key)
          }
        }
      }
    }
  })
})
