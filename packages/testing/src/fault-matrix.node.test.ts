import { inspect } from 'node:util'
import { createTrayClient, TrayError } from '@traykit/core'
import { afterAll, test, vi } from 'vitest'
import { refuseThenListen, resetFront, type ServedMock } from './__fixtures__/connection-faults'
import {
  type Expected,
  FAULT_CASES,
  type FaultCase,
  type RequestKind,
  ROUTE,
  TIMEOUT_MS,
} from './__fixtures__/fault-cases'
import { createMockTray, type MockRequest, type MockTray } from './index'
import { listen } from './node'

// The fault matrix, end to end over real HTTP: @traykit/core's client against the mock served
// on 127.0.0.1, one cell per fault and kind of request (a read, a billable call), generated
// from FAULT_CASES. Each cell checks what the caller gets, how many requests the mock saw,
// what it billed and why the client retried, and that it ended within a hang bound.

const TOKEN = 'tray-token-fault-matrix-4b9e2c71'
const SLACK_ENV = '228a3f9e-6f3b-4a8e-9d8e-52f1c1a244c1'
const AUTH_ID = '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b'
const SEND_MESSAGE = {
  operation: 'send_message',
  input: { channel: 'C0123', text: 'fault matrix' },
  authId: AUTH_ID,
}

/** One retry is enough to tell "retried" from "not retried", and keeps the file quick. */
const MAX_RETRIES = 1
/** Core's first backoff is 250–500 ms (its README). */
const FIRST_BACKOFF_MAX_MS = 500
/** Room for a starved CI machine: the bound catches hangs, it measures nothing. */
const HEADROOM_MS = 15_000

interface Cell {
  name: string
  index: number
  kind: RequestKind
  fault: FaultCase
  expected: Expected
}

const cells: Cell[] = FAULT_CASES.flatMap((fault) =>
  (['read', 'call'] as const).flatMap((kind) => {
    const expected = fault[kind]
    return expected
      ? [{ name: cellName(kind, fault, expected), index: 0, kind, fault, expected }]
      : []
  }),
).map((cell, index) => ({ ...cell, index }))

function cellName(kind: RequestKind, fault: FaultCase, expected: Expected): string {
  const outcome = expected.error ? expected.error.name : 'ok'
  const requests = `${expected.requests} request${expected.requests === 1 ? '' : 's'}`
  const billed = kind === 'call' ? `, ${expected.billed} billed` : ''
  return `${kind} × ${fault.fault} (${fault.times}) → ${outcome}, ${requests}${billed}`
}

/** The longest a cell may take: every attempt timing out, every wait before a retry, headroom. */
function hangBoundMs(expected: Expected): number {
  const longestWait = Math.max(FIRST_BACKOFF_MAX_MS, ...(expected.retryDelaysMs ?? []))
  return (MAX_RETRIES + 1) * TIMEOUT_MS + MAX_RETRIES * longestWait + HEADROOM_MS
}

async function serve(mock: MockTray, cell: Cell): Promise<ServedMock> {
  const { setup, times } = cell.fault
  const first = times === 'once' ? 1 : Number.POSITIVE_INFINITY
  if ('connection' in setup) {
    return setup.connection === 'refuse' ? refuseThenListen(mock, first) : resetFront(mock, first)
  }
  setup.mock(mock, { match: { route: ROUTE[cell.kind] }, times: first }, cell.kind)
  const server = await listen(mock)
  return { url: server.url, unreached: () => 0, close: server.close }
}

interface Row {
  cell: Cell
  /** Set once every assertion of the cell held. */
  passed: boolean
  got: string
  requests: number
  billed: number
  retries: string
  statuses: string
  ms: number
  /** The start of the error's message, to read how clear it is. */
  message: string
}

const rows: Row[] = []

afterAll(() => {
  const header = [
    '#',
    'kind',
    'fault',
    'times',
    'expected',
    'got',
    'pass',
    'requests',
    'billed',
    'retries',
    'statuses seen',
    'ms',
    'message',
  ]
  const lines = rows
    .sort((a, b) => a.cell.index - b.cell.index)
    .map((row) => [
      String(row.cell.index + 1),
      row.cell.kind,
      row.cell.fault.fault,
      row.cell.fault.times,
      row.cell.expected.error?.name ?? 'ok',
      row.got,
      row.passed ? 'yes' : 'NO',
      String(row.requests),
      String(row.billed),
      row.retries || '-',
      row.statuses || '-',
      String(Math.round(row.ms)),
      row.message || '-',
    ])
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => line[i]!.length)))
  const format = (line: string[]) => line.map((text, i) => text.padEnd(widths[i]!)).join('  ')
  const passed = rows.filter((row) => row.passed).length
  console.log(
    [
      `Fault matrix: ${passed} of ${cells.length} cells passed`,
      format(header),
      ...lines.map(format),
    ].join('\n'),
  )
})

interface Observed {
  result: { value: unknown } | { error: unknown }
  /** The mock's journal for the cell's route. */
  seen: MockRequest[]
  billed: number
  retries: { reason: string; delayMs: number }[]
  attempts: number
  ms: number
}

/** Runs one cell's request against a freshly faulted mock over HTTP, and what each side saw. */
async function observe(cell: Cell): Promise<Observed> {
  const mock = createMockTray({
    tokens: [TOKEN],
    authentications: [{ id: AUTH_ID, name: 'Acme Slack', serviceEnvironmentId: SLACK_ENV }],
  })
  const route = ROUTE[cell.kind]
  const routeCalls = () => mock.calls.filter((c) => c.route === route)
  const served = await serve(mock, cell)
  let attempts = 0
  const retries: Observed['retries'] = []
  const tray = createTrayClient({
    token: TOKEN,
    baseUrl: served.url,
    fetch: served.fetch,
    cache: false,
    timeout: TIMEOUT_MS,
    maxRetries: MAX_RETRIES,
    hooks: {
      onRequest: () => {
        attempts += 1
      },
      onRetry: ({ reason, delayMs }) => {
        retries.push({ reason, delayMs })
      },
    },
  })

  const bound = hangBoundMs(cell.expected)
  const started = performance.now()
  try {
    // Validation off: the call route alone is under test, not the operation read before it.
    const request: Promise<unknown> =
      cell.kind === 'read'
        ? tray.listConnectors()
        : tray.callConnector('slack', '9.1', SEND_MESSAGE, { validate: false })
    const result = await withinBound(request, bound, cell.name).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    )
    const ms = performance.now() - started
    // A request the client gave up on is journaled once the mock notices; wait for every
    // attempt that reached it, so a late extra request cannot slip past the count.
    await vi.waitFor(
      () => {
        const reached = attempts - served.unreached()
        const journaled = routeCalls().length
        if (journaled < reached) {
          throw new Error(`the mock journaled ${journaled} of the ${reached} requests it got`)
        }
      },
      { timeout: bound, interval: 20 },
    )
    return {
      result,
      seen: routeCalls(),
      billed: mock.tasks,
      retries,
      attempts,
      ms,
    }
  } finally {
    await served.close()
  }
}

// Tuples, so that `%s` prints each name as it is (`$name` would quote it).
const named = cells.map((cell) => [cell.name, cell] as const)

test.concurrent.for(named)('%s', async ([, cell], { expect }) => {
  const { result, seen, billed, retries, attempts, ms } = await observe(cell)
  const row: Row = {
    cell,
    passed: false,
    got: 'error' in result ? errorName(result.error) : 'ok',
    requests: seen.length,
    billed,
    retries: retries.map((r) => `${r.reason} ${Math.round(r.delayMs)}ms`).join(', '),
    statuses: seen.map((c) => c.status).join(','),
    ms,
    message: 'error' in result ? String((result.error as Error).message).slice(0, 80) : '',
  }
  rows.push(row)

  const { expected } = cell
  if (expected.error) {
    expect(result, `expected ${expected.error.name}`).toHaveProperty('error')
    const error = 'error' in result ? result.error : undefined
    expect(error).toBeInstanceOf(expected.error)
    if (expected.fields) expect(error).toMatchObject(expected.fields)
    expect((error as Error).message).not.toBe('')
    // Every byte a caller could print: message, fields, cause chain.
    expect(inspect(error, { depth: 10 })).not.toContain(TOKEN)
  } else {
    expect(result).not.toHaveProperty('error')
    const value = 'value' in result ? result.value : undefined
    if (cell.kind === 'read') {
      expect(value).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'slack' })]))
    } else {
      expect(value).toMatchObject({ ok: true, channel: 'C0123' })
    }
  }
  expect(seen).toHaveLength(expected.requests)
  expect(billed).toBe(expected.billed)
  expect(billed, 'a call is never billed twice').toBeLessThanOrEqual(1)
  expect(retries.map((r) => r.reason)).toEqual(expected.retries)
  if (expected.retryDelaysMs) expect(retries.map((r) => r.delayMs)).toEqual(expected.retryDelaysMs)
  expect(attempts).toBe(1 + retries.length)
  row.passed = true
})

function errorName(error: unknown): string {
  return error instanceof TrayError ? error.name : `not a TrayError: ${String(error)}`
}

/** Rejects when `promise` has not settled within `ms`: a hang fails the cell, it does not stall the file. */
function withinBound<T>(promise: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name}: did not end within ${ms} ms`)), ms)
  })
  return Promise.race([promise, bound]).finally(() => clearTimeout(timer))
}
