// `traykit call` and `lookup` given hostile --input and --set: refused with exit 2 and nothing
// billed, or sent and billed once; never a crash, a polluted prototype or a printed token.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { defaultCatalog } from '@traykit/testing'
import { useMockTray } from '@traykit/testing/vitest'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type CliResult, runBuilt, runInProcess, tempHome } from '../__fixtures__/cli-runs'
import { inputText, plainSegment, setAssignment } from '../__fixtures__/hostile-input'
import { prototypeNames } from '../__fixtures__/prototype-names'
import { setFlags } from '../__fixtures__/set-flags'
import { MOCK_AUTH_ID } from '../client/create-cli-mock'

const TOKEN = 'tk_live_CALL_S3CRET_abcdefgh'

// An operation whose schema takes any field, so hostile keys that pass the CLI reach the server.
const anyInput = {
  name: 'webhook',
  version: '1.0',
  title: 'Webhook',
  description: 'Sends any JSON.',
  service: { id: '5d3f0c1e-7a2b-4c8d-9e0f-1a2b3c4d5e6f', name: 'webhook', version: 1 },
  operations: [
    {
      name: 'send',
      title: 'Send',
      description: 'Sends the input as it is.',
      hasDynamicOutput: false,
      inputSchema: {
        type: 'object',
        properties: {
          count: { type: 'integer' },
          tags: { type: 'array', items: { type: 'string' } },
          rows: { type: 'array', items: { type: 'object' } },
          filter: { type: 'object', properties: { value: { type: ['string', 'number'] } } },
        },
      },
      outputSchema: { type: 'object', properties: { ok: { type: 'boolean' } } },
    },
  ],
}

const tray = useMockTray({
  listen: true,
  tokens: [TOKEN],
  authentications: [{ id: MOCK_AUTH_ID, name: 'test auth', serviceEnvironmentId: 'env-1' }],
  catalog: { ...defaultCatalog, connectors: [...defaultCatalog.connectors, anyInput] },
})

let env: Record<string, string>
let home: string

beforeEach(async () => {
  ;({ home, env } = await tempHome())
})

const billed = () => tray.mock.calls.filter((call) => call.route === 'call').length

function errorOf(result: CliResult): { type: string; message: string } {
  const line = result.stderr.split('\n').find((l) => l.startsWith('{"error"'))
  return (JSON.parse(line ?? 'null') as { error: { type: string; message: string } }).error
}

describe('call with hostile input, in process (fast-check)', () => {
  const before = prototypeNames()
  afterEach(() => expect(prototypeNames()).toEqual(before))

  const operation = fc.constantFrom<string[]>(
    ['slack', 'send_message', 'workspace_id=T1', 'channel=C1', 'text=hi'],
    ['google-sheets', 'get_rows', 'spreadsheet_id=S1', 'worksheet_name=W', 'number_of_rows=1'],
    ['webhook', 'send'],
  )
  // Fields named like Object's methods, with JSON values: the webhook operation takes them.
  const plainSet = fc
    .tuple(fc.array(plainSegment, { minLength: 1, maxLength: 4 }), fc.json())
    .map(([keys, value]) => `${keys.join('.')}=${value}`)
  const command = fc.record({
    operation,
    input: fc.option(inputText, { nil: undefined, freq: 2 }),
    sets: fc.array(fc.oneof(setAssignment, plainSet), { maxLength: 4 }),
    required: fc.boolean(),
    name: fc.constantFrom('call', 'lookup'),
  })

  it('exits 2 billing nothing, or 0 billing one task; never crashes, pollutes or leaks', async () => {
    const exits = { sent: 0, refused: 0 }
    await fc.assert(
      fc.asyncProperty(command, async ({ operation, input, sets, required, name }) => {
        tray.mock.reset()
        const [connector, op, ...requiredSets] = operation
        const lookup = name === 'lookup' ? ['channel', '--auth-id', MOCK_AUTH_ID] : []
        const args = [
          name,
          connector!,
          op!,
          ...lookup,
          ...(input === undefined ? [] : ['--input', input]),
          ...setFlags(...(required ? requiredSets : []), ...sets),
        ]
        const result = await runInProcess(args, {
          env: { ...env, TRAY_API_URL: tray.url, TRAY_TOKEN: TOKEN },
          cwd: home,
        })
        expect(prototypeNames()).toEqual(before)
        expect(result.stdout + result.stderr).not.toContain(TOKEN)
        if (result.code === 0) {
          expect(tray.mock.tasks).toBe(1)
          expect(billed()).toBe(1)
          exits.sent++
          return
        }
        exits.refused++
        expect(result.code, result.stderr).toBe(2)
        expect(errorOf(result).message.length).toBeGreaterThan(0)
        expect(tray.mock.tasks).toBe(0)
        expect(billed()).toBe(0)
      }),
      { numRuns: 150 },
    )
    console.log(`call/lookup fuzz: ${exits.sent} sent and billed once, ${exits.refused} refused`)
    // Both outcomes are what this property is about: neither may be missing.
    expect(exits.sent).toBeGreaterThan(0)
    expect(exits.refused).toBeGreaterThan(0)
  })
})

describe('the built bin with hostile input and --mock', () => {
  const preload = join(import.meta.dirname, '..', '__fixtures__', 'report-prototype-names.cjs')
  const send = ['call', 'slack', 'send_message', '--mock', '--debug']

  it.each([
    [
      'a __proto__ path',
      [...send, ...setFlags('channel=C1', 'text=hi', '__proto__.polluted=1')],
      '--set __proto__.polluted: "__proto__" cannot be a field name',
    ],
    [
      'a constructor.prototype path',
      [...send, ...setFlags('channel=C1', 'text=hi', 'constructor.prototype.polluted=1')],
      'input.constructor: unknown field "constructor" (not in the schema)',
    ],
    [
      'a __proto__ key on stdin',
      [...send, '--input', '-'],
      '--input from stdin has a "__proto__" key at input.__proto__',
      '{"channel":"C1","text":"hi","__proto__":{"polluted":1}}',
    ],
    [
      'a bracketed index',
      ['call', 'google-sheets', 'get_rows', '--mock', '--debug', '--set', 'filter[0]=x'],
      '--set filter[0]: write an array index as a path segment',
    ],
    [
      'a number JSON cannot carry',
      ['call', 'google-sheets', 'get_rows', '--mock', '--debug', '--set', 'number_of_rows=1e400'],
      '--set number_of_rows: "1e400" cannot be sent as a JSON number without changing it',
    ],
  ])(
    'refuses %s with exit 2, sending no call and polluting nothing',
    async (_, args, message, stdin?: string) => {
      const result = await runBuilt(args, { env, stdin, preload })
      expect(result.code).toBe(2)
      expect(errorOf(result).message).toContain(message)
      expect(result.stderr).toContain('prototypes: clean')
      expect(result.stderr).not.toContain('→ POST')
    },
  )

  it('refuses 10 000 levels of nesting in an --input file, and calls with a fine one', async () => {
    await writeFile(join(home, 'deep.json'), `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`)
    const deep = await runBuilt([...send, '--input', '@deep.json'], { env, cwd: home, preload })
    expect(deep.code).toBe(2)
    expect(errorOf(deep).message).toContain('--input file deep.json nests deeper than 256 levels')
    expect(deep.stderr).toContain('prototypes: clean')
    expect(deep.stderr).not.toContain('→ POST')

    await writeFile(join(home, 'fine.json'), '{"channel":"C1","text":"hi"}')
    const fine = await runBuilt([...send, '--input', '@fine.json'], { env, cwd: home, preload })
    expect(fine.code).toBe(0)
    expect(fine.stderr).toContain('→ POST')
    expect(fine.stderr).toContain('prototypes: clean')
  })
})
