import { describe, expect, it } from 'vitest'
import {
  createMockTray,
  defaultCatalog,
  type MockCatalog,
  MockCatalogError,
  parseCatalog,
} from '../index'

const connector = (name: string, version: string, operations: unknown[] = []) => ({
  name,
  version,
  title: name,
  description: name,
  service: { id: `${name}-service`, name, version: 1 },
  operations,
})

const operation = (name: string) => ({
  name,
  title: name,
  description: name,
  inputSchema: { type: 'object' },
  outputSchema: { type: 'object' },
  hasDynamicOutput: false,
})

describe('parseCatalog', () => {
  it('reads the default catalog, also after a trip through JSON', () => {
    const parsed = parseCatalog(JSON.parse(JSON.stringify(defaultCatalog)))
    expect(parsed).toEqual(parseCatalog(defaultCatalog))
    expect(parsed.connectors).toHaveLength(6)
  })

  it('returns a copy that later edits of the input do not reach', () => {
    const catalog = { connectors: [connector('crm', '1.0', [operation('get')])] }
    const parsed = parseCatalog(catalog)
    catalog.connectors[0]!.name = 'changed'
    expect(parsed.connectors[0]?.name).toBe('crm')
  })

  it('names the wrong path, with the names of the connector and operation on the way', () => {
    const broken = {
      connectors: [
        connector('crm', '1.0', [operation('get')]),
        connector('slack', '9.1', [
          operation('send_message'),
          { ...operation('list'), inputSchema: [] },
        ]),
      ],
    }
    const error = (() => {
      try {
        parseCatalog(broken)
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(MockCatalogError)
    expect((error as MockCatalogError).issues).toEqual([
      {
        path: 'connectors[1](slack 9.1).operations[1](list).inputSchema',
        message: 'must be a JSON object',
      },
    ])
    expect((error as Error).message).toBe(
      'Invalid mock catalog:\n  - connectors[1](slack 9.1).operations[1](list).inputSchema: must be a JSON object',
    )
  })

  it('reports a missing field and a catalog that is not an object', () => {
    const { service: _, ...noService } = connector('crm', '1.0')
    expect(() => parseCatalog({ connectors: [noService] })).toThrow(
      'connectors[0](crm 1.0).service:',
    )
    expect(() => parseCatalog('slack')).toThrow('(the catalog):')
  })

  it('refuses duplicates: a connector version, an operation, an environment id', () => {
    const environment = {
      id: 'env-1',
      title: 'Production',
      authenticationType: 'oauth2' as const,
      userDataSchema: {},
      credentialsSchema: {},
      scopes: [],
    }
    const catalog: MockCatalog = {
      connectors: [
        connector('crm', '1.0', [operation('get'), operation('get')]),
        connector('crm', '1.0'),
      ] as MockCatalog['connectors'],
      services: [
        { name: 'crm', version: 1, environments: [environment] },
        { name: 'crm', version: 2, environments: [environment] },
      ],
    }
    expect(() => parseCatalog(catalog)).toThrow(
      [
        'Invalid mock catalog:',
        '  - connectors[0](crm 1.0).operations[1]: operation get is listed twice (also at operations[0])',
        '  - connectors[1]: crm 1.0 is listed twice (also at connectors[0])',
        '  - services[1](crm 2).environments[0]: environment id env-1 is used twice (also at services[0](crm 1).environments[0])',
      ].join('\n'),
    )
  })

  it('refuses values that are not plain data', () => {
    const catalog = {
      connectors: [{ ...connector('crm', '1.0', [operation('get')]), extra: () => 1 }],
    }
    expect(() => parseCatalog(catalog)).toThrow('must be plain JSON data')
  })

  it('is what createMockTray checks its catalog with', () => {
    expect(() =>
      createMockTray({ catalog: { connectors: [{}] } as unknown as MockCatalog }),
    ).toThrow(MockCatalogError)
  })
})
