import { describe, expect, expectTypeOf, it } from 'vitest'
import { AUTH_ID, scriptedFetch, TOKEN } from '../client/__fixtures__/scripted-fetch'
import { createTrayClient } from '../client/create-tray-client'
import { resolveLookup } from '../client/resolve-lookup'
import type { TrayClient } from '../client/tray-client'
import type { CallResult, LookupOption } from '../schemas/call-result'
import type { JsonObject } from '../schemas/json-object'
import type {
  OperationInput,
  OperationLookupField,
  OperationOutput,
  TypedConnectorName,
  TypedConnectorVersion,
} from './operation-types'

// Checked by `tsc -p tsconfig.test.json` (`pnpm --filter @traykit/core typecheck`): what a
// module written by `traykit generate types` registers, in its shape (apps/cli tests the real
// generated file). The connector names are this test's own, so no other test becomes typed.

/** Input of acme-crm@2.0 create_contact. */
interface AcmeCreateContactInput {
  email: string
  name?: string
  /** Labels: "lead" (Lead), "customer" (Customer). */
  stage?: 'lead' | 'customer'
  address?: { city: string; zip?: string }
  tags?: { label: string; color?: 'red' | 'blue' }[]
  owner_id?: string
}
interface AcmeCreateContactOutput {
  id?: string
  created?: boolean
  [k: string]: unknown
}

declare module './tray-operations' {
  interface TrayOperations {
    'acme-crm@2.0': {
      create_contact: {
        input: AcmeCreateContactInput
        output: AcmeCreateContactOutput
        lookups: 'owner_id' | `tags.${number}.label`
      }
      ping: { input: Record<string, never>; output: { pong?: boolean }; lookups: never }
    }
    'acme-crm@1.0': {
      ping: { input: Record<string, never>; output: { pong?: boolean }; lookups: never }
    }
  }
}

const contact = { email: 'ada@example.com' }

function typeChecks(tray: TrayClient, flag: boolean) {
  // Names: what the editor offers.
  expectTypeOf<TypedConnectorName>().toEqualTypeOf<'acme-crm'>()
  expectTypeOf<TypedConnectorVersion<'acme-crm'>>().toEqualTypeOf<'2.0' | '1.0'>()
  expectTypeOf<
    OperationInput<'acme-crm', '2.0', 'create_contact'>
  >().toEqualTypeOf<AcmeCreateContactInput>()
  expectTypeOf<OperationOutput<'acme-crm', '2.0', 'ping'>>().toEqualTypeOf<{ pong?: boolean }>()
  expectTypeOf<OperationLookupField<'acme-crm', '2.0', 'create_contact'>>().toEqualTypeOf<
    'owner_id' | `tags.${number}.label`
  >()

  // Outputs.
  expectTypeOf(
    tray.callConnector('acme-crm', '2.0', { operation: 'create_contact', input: contact }),
  ).resolves.toEqualTypeOf<AcmeCreateContactOutput>()
  expectTypeOf(
    tray.callConnector(
      'acme-crm',
      '2.0',
      { operation: 'ping', input: {} },
      { throwOnError: false },
    ),
  ).resolves.toEqualTypeOf<CallResult<{ pong?: boolean }>>()
  expectTypeOf(
    tray.callConnector('acme-crm', '2.0', { operation: 'ping', input: {} }, { throwOnError: flag }),
  ).resolves.toEqualTypeOf<{ pong?: boolean } | CallResult<{ pong?: boolean }>>()

  // Inputs: required, unknown, enum, nested and array fields.
  // @ts-expect-error email is required
  tray.callConnector('acme-crm', '2.0', { operation: 'create_contact', input: { name: 'Ada' } })
  tray.callConnector('acme-crm', '2.0', {
    operation: 'create_contact',
    // @ts-expect-error an unknown field
    input: { email: 'a@b.c', nickname: 'Ada' },
  })
  tray.callConnector('acme-crm', '2.0', {
    operation: 'create_contact',
    // @ts-expect-error not one of the enum's values
    input: { email: 'a@b.c', stage: 'prospect' },
  })
  tray.callConnector('acme-crm', '2.0', {
    operation: 'create_contact',
    // @ts-expect-error a nested object's required field
    input: { email: 'a@b.c', address: { zip: '1000' } },
  })
  tray.callConnector('acme-crm', '2.0', {
    operation: 'create_contact',
    // @ts-expect-error an array item's enum
    input: { email: 'a@b.c', tags: [{ label: 'vip', color: 'green' }] },
  })
  tray.callConnector('acme-crm', '2.0', {
    operation: 'create_contact',
    input: { email: 'a@b.c', stage: 'lead', tags: [{ label: 'vip', color: 'red' }] },
    authId: AUTH_ID,
  })
  // @ts-expect-error an operation the version does not have
  tray.callConnector('acme-crm', '2.0', { operation: 'create_contakt', input: contact })
  // @ts-expect-error a misspelt payload key stays an error
  tray.callConnector('acme-crm', '2.0', { operation: 'ping', input: {}, authID: AUTH_ID })

  // Untyped: other versions and connectors, a name only known at run time, a TOutput by hand.
  expectTypeOf(
    tray.callConnector('acme-crm', '3.0', { operation: 'anything', input: { x: 1 } }),
  ).resolves.toEqualTypeOf<JsonObject>()
  expectTypeOf(
    tray.callConnector('slack', '9.1', { operation: 'send_message', input: {} }),
  ).resolves.toEqualTypeOf<JsonObject>()
  const name: string = 'acme-crm'
  expectTypeOf(
    tray.callConnector(name, '2.0', { operation: 'anything', input: {} }),
  ).resolves.toEqualTypeOf<JsonObject>()
  expectTypeOf(
    tray.callConnector<{ raw: true }>('acme-crm', '2.0', { operation: 'hidden_ddl', input: {} }),
  ).resolves.toEqualTypeOf<{ raw: true }>()

  // Lookups: the fields that have one, and a partly filled input.
  expectTypeOf(
    resolveLookup(tray, {
      connector: 'acme-crm',
      version: '2.0',
      operation: 'create_contact',
      field: 'tags.0.label',
      input: { tags: [{ color: 'red' }] },
    }),
  ).resolves.toEqualTypeOf<LookupOption[]>()
  resolveLookup(tray, {
    connector: 'acme-crm',
    version: '2.0',
    operation: 'create_contact',
    // @ts-expect-error email has no lookup
    field: 'email',
  })
  resolveLookup(tray, {
    connector: 'acme-crm',
    version: '2.0',
    operation: 'create_contact',
    field: 'owner_id',
    // @ts-expect-error not a field of the input
    input: { owner: 'x' },
  })
  resolveLookup(tray, { connector: 'other', version: '1', operation: 'op', field: 'any' })
}

describe('typed operations', () => {
  it('leave the runtime as it was: the typed call sends the same payload', async () => {
    const server = scriptedFetch({
      status: 200,
      body: { outcome: 'success', output: { id: 'c1', created: true } },
    })
    const tray = createTrayClient({ token: TOKEN, fetch: server.fetch })
    const output = await tray.callConnector(
      'acme-crm',
      '2.0',
      { operation: 'create_contact', input: contact },
      { validate: false },
    )
    expect(output.id).toBe('c1')
    expect(server.requests.at(-1)?.body).toEqual({ operation: 'create_contact', input: contact })
    expect(typeof typeChecks).toBe('function')
  })
})
