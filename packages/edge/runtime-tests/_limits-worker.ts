// A Worker of a deployment that shares one Tray account's limits through the TrayLimiter
// Durable Object. The test runs two of these (two isolates) on one object, against one mock.
import { Hono } from 'hono'
import { type DurableObjectNamespaceLike, durableObjectLimiter } from '../src/cloudflare'
import { createTrayHandler } from '../src/index'

export { TrayLimiter } from '../src/cloudflare'

type WorkerEnv = { Bindings: { TRAY_LIMITER: DurableObjectNamespaceLike } }

/** Scaled-down limits; the mock's bucket is 10, the fleet keeps 2 tokens for delivery jitter. */
export const LIMITER_LIMITS = {
  requestsPerSecond: 20,
  burst: 8,
  maxConcurrentCalls: 3,
  maxQueue: 1000,
}

const app = new Hono<WorkerEnv>()
app.route(
  '/tray',
  createTrayHandler<WorkerEnv>({
    public: true,
    token: 'mock',
    allow: { slack: ['send_message'] },
    // Upstream requests leave through the test's outbound service, which is the mock.
    baseUrl: 'http://tray.test',
    cache: false,
    maxRetries: 0,
    limiter: (c) => durableObjectLimiter(c.env.TRAY_LIMITER, { limits: LIMITER_LIMITS }),
  }),
)

export default app
