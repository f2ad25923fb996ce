import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import examples from './__fixtures__/openapi-examples.json'
import {
  AuthenticationSchema,
  CreateAuthenticationResultSchema,
  CreateAuthenticationSchema,
} from './authentication'
import { CallPayloadSchema } from './call-payload'
import { CallResultSchema, DdlResultSchema } from './call-result'
import { ConnectorListSchema } from './connector'
import { ErrorBodySchema } from './error-body'
import { OperationListSchema } from './operation'
import { ServiceEnvironmentListSchema } from './service-environment'

const cases: Array<[string, v.GenericSchema, unknown[]]> = [
  ['GET connectors 200', ConnectorListSchema, examples['get-connectors']['200']],
  ['GET operations 200', OperationListSchema, examples['get-connector-operations']['200']],
  ['POST call request', CallPayloadSchema, examples['call-connector'].request],
  ['POST call 200', CallResultSchema, examples['call-connector']['200']],
  [
    'GET environments 200',
    ServiceEnvironmentListSchema,
    examples['get-service-environments']['200'],
  ],
  [
    'POST authentications request',
    CreateAuthenticationSchema,
    examples['create-user-authentication'].request,
  ],
  [
    'POST authentications 200',
    CreateAuthenticationResultSchema,
    examples['create-user-authentication']['200'],
  ],
  ['GET authentication 200', AuthenticationSchema, examples['get-user-authentication']['200']],
]

describe('schemas accept every example of Tray OpenAPI file', () => {
  for (const [name, schema, values] of cases) {
    it(`${name} (${values.length} examples)`, () => {
      expect(values.length).toBeGreaterThan(0)
      for (const value of values) {
        const result = v.safeParse(schema, value)
        expect(result.issues?.map((i) => `${v.getDotPath(i)}: ${i.message}`)).toBeUndefined()
      }
    })
  }

  it('keeps unknown fields instead of dropping them', () => {
    const parsed = v.parse(ConnectorListSchema, {
      elements: [
        {
          name: 'slack',
          version: '9.0',
          title: 'Slack',
          description: '',
          service: { id: 'x', name: 'slack', version: 4 },
          icon: 'https://example.test/slack.svg',
        },
      ],
      next: null,
    })
    expect(parsed.elements[0]).toHaveProperty('icon', 'https://example.test/slack.svg')
  })

  it('reads a DDL result from the List Users example', () => {
    const ddl = examples['call-connector']['200'][1]?.output
    expect(v.parse(DdlResultSchema, ddl).result.map((o) => o.text)).toEqual([
      'A User Name',
      'Another User Name',
    ])
  })

  it("accepts Tray's documented error bodies, code null included", () => {
    expect(
      v.is(ErrorBodySchema, {
        message:
          'Connector input validation failed. Schema validation errors: [ 1 - #: required key [channel] not found ]',
        code: null,
      }),
    ).toBe(true)
    expect(v.is(ErrorBodySchema, { message: 'The request is unauthorized' })).toBe(true)
    expect(v.is(ErrorBodySchema, { code: 'x' })).toBe(false)
  })

  it('rejects a connector whose service version is not an integer', () => {
    const result = v.safeParse(ConnectorListSchema, {
      elements: [
        {
          name: 'a',
          version: '1.0',
          title: 'A',
          description: '',
          service: { id: 'i', name: 'a', version: '4' },
        },
      ],
    })
    expect(result.success).toBe(false)
    expect(v.getDotPath(result.issues![0])).toBe('elements.0.service.version')
  })
})
