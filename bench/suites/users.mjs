// End users (@traykit/core/users) behind the edge handler: how many `authorize` requests Tray
// gets for 1 000 calls from 50 users spread over a simulated day (and a week), against a new
// token per request; and what a cached `users.token()` adds per request, against a constant
// token function, both alone and through the handler. In process: the mock Tray answers
// through its in-process fetch, its clock (and the cache's) moved forward between requests.
import { bundleDist } from '../_lib/bundle-dist.mjs'
import { median } from '../_lib/median.mjs'

const MASTER = 'bench-master-token-7Hq2'
const USERS = 50
const REQUESTS = 1_000
const DAY = 24 * 60 * 60_000
const CALL_PATH = '/core/v1/connectors/slack/versions/9.1/call'
const CALL_BODY = JSON.stringify({
  operation: 'send_message',
  input: { channel: 'C0123', text: 'Hello' },
})
const ROUNDS = 7

/** @returns {Promise<import('../run.mjs').BenchRow[]>} */
export default async function () {
  const bundle = await bundleDist('edge', {
    '@traykit/edge': ['createTrayHandler'],
    '@traykit/core/users': ['createTrayUsers'],
    '@traykit/testing': ['createMockTray'],
    hono: ['Hono'],
  })
  try {
    const lib = await import(bundle.file)
    const day = await authorizeCalls(lib, DAY, true)
    const dayNoCache = await authorizeCalls(lib, DAY, false)
    const week = await authorizeCalls(lib, 7 * DAY, true)
    const tokenCost = await tokenLatency(lib)
    const edgeCost = await edgeLatency(lib)
    return [
      {
        name: `users: authorize calls per ${REQUESTS} edge calls from ${USERS} users over a simulated day`,
        unit: 'calls',
        value: day,
        baseline: { name: 'a new user token per request', value: dayNoCache },
        higherIsBetter: false,
        target: `<= ${(USERS / REQUESTS).toFixed(2)} (one per user per token lifetime)`,
      },
      {
        name: `users: authorize calls per ${REQUESTS} edge calls from ${USERS} users over a simulated week`,
        unit: 'calls',
        value: week,
        baseline: { name: 'a new user token per request', value: REQUESTS },
        higherIsBetter: false,
        target: `<= ${((USERS * 4) / REQUESTS).toFixed(2)} (2-day tokens refreshed 5 min early: 4 each)`,
      },
      {
        name: `users: a cached users.token() (${USERS} users in turn)`,
        unit: 'µs/call',
        value: tokenCost.subject,
        baseline: { name: 'a constant async token function', value: tokenCost.baseline },
        higherIsBetter: false,
      },
      {
        name: 'users: an edge call with token: (c) => users.token(…) (cached)',
        unit: 'µs/request',
        value: edgeCost.subject,
        baseline: {
          name: 'the same handler with a constant token function',
          value: edgeCost.baseline,
        },
        higherIsBetter: false,
        target: '<= 1.10',
      },
    ]
  } finally {
    bundle.remove()
  }
}

/** An edge handler in front of a fresh mock, each caller with its own user token. */
function setup(lib, options = {}) {
  const { createTrayHandler, createTrayUsers, createMockTray, Hono } = lib
  const mock = createMockTray({ tokens: [MASTER], journalLimit: 100_000 })
  const users = createTrayUsers({
    masterToken: MASTER,
    baseUrl: 'http://tray.test',
    fetch: mock.fetch,
    now: mock.clock.now,
  })
  const handler = createTrayHandler({
    authorize: (c) => {
      c.set('user', c.req.header('x-user'))
      return true
    },
    token: options.constant
      ? () => MASTER
      : options.cached === false
        ? (c) => users.token(c.get('user'), { refresh: true })
        : (c) => users.token(c.get('user')),
    fetch: users.refreshOn401(mock.fetch),
    baseUrl: 'http://tray.test',
    allow: { slack: ['send_message'] },
    limits: false,
  })
  const app = new Hono().route('/', handler)
  const send = async (user) => {
    const response = await app.request(CALL_PATH, {
      method: 'POST',
      headers: { 'x-user': user, 'content-type': 'application/json' },
      body: CALL_BODY,
    })
    if (response.status !== 200)
      throw new Error(`edge answered ${response.status}: ${await response.text()}`)
    await response.arrayBuffer()
  }
  return { mock, users, send }
}

const userName = (i) => `user-${i}`

async function authorizeCalls(lib, span, cached) {
  const { mock, users, send } = setup(lib, { cached })
  for (let i = 0; i < USERS; i++)
    await users.ensure({ externalUserId: userName(i), name: userName(i) })
  const before = mock.calls.filter((c) => c.operation === 'authorize').length
  // A fixed pseudo-random order of users, evenly spread over the span.
  let seed = 42
  for (let r = 0; r < REQUESTS; r++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    // The high bits: an LCG's low bits repeat with a short period.
    await send(userName((seed >>> 16) % USERS))
    mock.clock.advance(span / REQUESTS)
  }
  return mock.calls.filter((c) => c.operation === 'authorize').length - before
}

/** µs per call of a cached token(), and of a constant async function, median of rounds. */
async function tokenLatency(lib) {
  const { users } = setup(lib)
  for (let i = 0; i < USERS; i++) {
    await users.ensure({ externalUserId: userName(i), name: userName(i) })
    await users.token(userName(i))
  }
  const constant = async () => MASTER
  const N = 20_000
  const time = async (fn) => {
    const start = performance.now()
    for (let i = 0; i < N; i++) await fn(userName(i % USERS))
    return ((performance.now() - start) * 1000) / N
  }
  const subject = []
  const baseline = []
  for (let r = 0; r < ROUNDS; r++) {
    baseline.push(await time(constant))
    subject.push(await time((id) => users.token(id)))
  }
  return { subject: median(subject), baseline: median(baseline) }
}

/** µs per edge call (in process), user tokens vs a constant token, median of rounds. */
async function edgeLatency(lib) {
  const subject = setup(lib)
  const baseline = setup(lib, { constant: true })
  for (let i = 0; i < USERS; i++) {
    await subject.users.ensure({ externalUserId: userName(i), name: userName(i) })
  }
  const N = 1_000
  const time = async (side) => {
    const start = performance.now()
    for (let i = 0; i < N; i++) await side.send(userName(i % USERS))
    return ((performance.now() - start) * 1000) / N
  }
  await time(subject)
  await time(baseline)
  const s = []
  const b = []
  for (let r = 0; r < ROUNDS; r++) {
    b.push(await time(baseline))
    s.push(await time(subject))
    s.push(await time(subject))
    b.push(await time(baseline))
  }
  return { subject: median(s), baseline: median(b) }
}
