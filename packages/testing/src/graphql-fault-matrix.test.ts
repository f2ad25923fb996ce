import {
  TrayConnectionError,
  TrayError,
  TrayResponseError,
  TrayServerError,
  TrayTimeoutError,
} from '@traykit/core'
import { createTrayUsers, type TrayUsers } from '@traykit/core/users'
import { describe, expect, it, vi } from 'vitest'
import { createMockTray } from './create-mock-tray'
import type { MockTray } from './mock-tray-types'

// Every GraphQL request traykit sends, under every fault the mock injects: what the caller
// sees, and how many times the request reached Tray. A mutation that may have run is never
// sent again; a query is retried like a read.

const MASTER = 'master-token-of-the-account'
type Op = 'users' | 'createExternalUser' | 'authorize' | 'removeExternalUser'
const MUTATIONS: ReadonlySet<Op> = new Set([
  'createExternalUser',
  'authorize',
  'removeExternalUser',
])

/** Runs the method that sends `op` once the preconditions exist. */
const RUN: Record<Op, (users: TrayUsers) => Promise<unknown>> = {
  users: (users) => users.find('alice'),
  createExternalUser: (users) => users.ensure({ externalUserId: 'carol', name: 'Carol' }),
  authorize: (users) => users.token('alice'),
  removeExternalUser: (users) => users.remove('alice'),
}

type Fault = {
  name: string
  add(mock: MockTray, op: Op): void
  /** Whether a request hit by it may have run. */
  mayHaveRun: boolean
  /** Tray answered (a body of another shape, `errors`): no read is sent again either. */
  answered?: boolean
  error: new (...args: never[]) => TrayError
}

const match = (op: Op) => ({ route: 'graphql' as const, operation: op })
const FAULTS: Fault[] = [
  {
    name: '429 (refused before running)',
    add: (mock, op) => mock.fail({ status: 429, retryAfter: 0, match: match(op), times: 1 }),
    mayHaveRun: false,
    error: TrayError,
  },
  {
    name: '500 before running',
    add: (mock, op) => mock.fail({ status: 500, match: match(op), times: 1 }),
    mayHaveRun: true,
    error: TrayServerError,
  },
  {
    name: '503 after running (the answer is lost)',
    add: (mock, op) => mock.fail({ status: 503, match: match(op), times: 1, runFirst: true }),
    mayHaveRun: true,
    error: TrayServerError,
  },
  {
    name: 'no answer in time (after running)',
    add: (mock, op) => mock.delay({ ms: 400, match: match(op), times: 1, runFirst: true }),
    mayHaveRun: true,
    error: TrayTimeoutError,
  },
  {
    name: 'a dropped connection (after running)',
    add: (mock, op) => mock.drop({ match: match(op), times: 1, runFirst: true }),
    mayHaveRun: true,
    error: TrayConnectionError,
  },
  {
    name: 'a body that is not JSON (after running)',
    add: (mock, op) => mock.malformed({ match: match(op), times: 1, runFirst: true }),
    mayHaveRun: true,
    answered: true,
    error: TrayResponseError,
  },
  {
    name: 'errors in a 200',
    add: (mock, op) =>
      mock.fail({
        status: 200,
        body: { data: { [op]: null }, errors: [{ message: 'Internal server error', path: [op] }] },
        match: match(op),
        times: 1,
      }),
    mayHaveRun: true,
    answered: true,
    error: TrayError,
  },
]

async function setup() {
  const mock = createMockTray({ tokens: [MASTER] })
  const users = createTrayUsers({
    masterToken: MASTER,
    baseUrl: 'http://tray.test',
    fetch: mock.fetch,
    timeout: 150,
    maxRetries: 2,
  })
  await users.ensure({ externalUserId: 'alice', name: 'Alice' })
  // A fresh instance: nothing cached from the setup.
  const fresh = createTrayUsers({
    masterToken: MASTER,
    baseUrl: 'http://tray.test',
    fetch: mock.fetch,
    timeout: 150,
    maxRetries: 2,
  })
  return { mock, users: fresh }
}

const sent = (mock: MockTray, op: Op) =>
  mock.calls.filter((c) => c.route === 'graphql' && c.operation === op).length

describe('GraphQL fault matrix', () => {
  for (const op of Object.keys(RUN) as Op[]) {
    for (const fault of FAULTS) {
      const mutation = MUTATIONS.has(op)
      it(`${op}: ${fault.name}`, async () => {
        const { mock, users } = await setup()
        const before = sent(mock, op)
        fault.add(mock, op)
        const outcome = await RUN[op](users).then(
          (value) => ({ value }),
          (error: unknown) => ({ error }),
        )
        // A request the client gave up on lands in the journal when the mock is done with it.
        await vi.waitFor(() => expect(sent(mock, op)).toBeGreaterThan(before), { timeout: 10_000 })
        const times = sent(mock, op) - before
        if (!fault.mayHaveRun) {
          // Provably not run: sent again, and it succeeds.
          expect(outcome).not.toHaveProperty('error')
          expect(times).toBe(2)
        } else if (!mutation && !fault.answered) {
          // A query is a read: retried, and it succeeds.
          expect(outcome).not.toHaveProperty('error')
          expect(times).toBe(2)
        } else if (op === 'createExternalUser') {
          // Never sent twice: ensure looks the user up instead, and finds it if it was created.
          expect(times).toBe(1)
          const created = await users.find('carol')
          if (created) expect(outcome).toEqual({ value: created })
          else expect((outcome as { error: unknown }).error).toBeInstanceOf(fault.error)
        } else {
          expect(times).toBe(1)
          expect((outcome as { error: unknown }).error).toBeInstanceOf(fault.error)
        }
      })
    }
  }

  it('an errors answer of a query is not retried either: Tray answered', async () => {
    const { mock, users } = await setup()
    FAULTS.at(-1)?.add(mock, 'users')
    await expect(users.find('alice')).rejects.toThrow(/Internal server error/)
    expect(sent(mock, 'users')).toBe(2) // the setup's and this one
  })
})
