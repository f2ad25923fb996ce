import { DEFAULT_CLIENT_LIMITS, type RateLimits } from '@traykit/core'
import type { LimiterAnswer, LimiterAsk } from './_limiter-protocol'

/** The part of a Durable Object's storage `TrayLimiter` uses (leases outlive an eviction). */
export interface DurableObjectStorageLike {
  put(key: string, value: number): Promise<void>
  delete(key: string): Promise<boolean>
  list(options: { prefix: string }): Promise<Map<string, unknown>>
}

/** The part of a Durable Object's state `TrayLimiter` uses. */
export interface DurableObjectStateLike {
  storage?: DurableObjectStorageLike | undefined
  blockConcurrencyWhile?<T>(run: () => Promise<T>): Promise<T>
}

type Waiter = { id: string; grant: () => void; timer: ReturnType<typeof setTimeout> | undefined }

const LEASE = 'lease:'

/**
 * A Durable Object holding one Tray account's token bucket and call slots for every isolate
 * of a deployment: `export { TrayLimiter }` from the Worker, bind it, and point the handler at
 * it with `durableObjectLimiter`. Waiters queue here, in order, across isolates; a slot's lease
 * is kept in storage, so an eviction does not forget the calls in flight, and an expired lease
 * (its isolate died) is reclaimed on the next access.
 */
export class TrayLimiter {
  readonly #storage: DurableObjectStorageLike | undefined
  #limits: RateLimits = DEFAULT_CLIENT_LIMITS
  #tokens = DEFAULT_CLIENT_LIMITS.burst
  #refilledAt = Date.now()
  #requestWaiters: Waiter[] = []
  #tokenTimer: ReturnType<typeof setTimeout> | undefined
  /** Lease id -> when it runs out (ms since the epoch). */
  #leases = new Map<string, number>()
  #callWaiters: Array<Waiter & { leaseMs: number }> = []
  #expiryTimer: ReturnType<typeof setTimeout> | undefined
  #loaded: Promise<void>

  constructor(state: DurableObjectStateLike, _env?: unknown) {
    this.#storage = state.storage
    const load = async () => {
      const stored = await this.#storage?.list({ prefix: LEASE })
      for (const [key, expiresAt] of stored ?? []) {
        if (typeof expiresAt === 'number') this.#leases.set(key.slice(LEASE.length), expiresAt)
      }
    }
    this.#loaded = state.blockConcurrencyWhile ? state.blockConcurrencyWhile(load) : load()
  }

  /** Answers one `LimiterAsk` (POST, JSON); it waits here for a token or a slot. */
  async fetch(request: Request): Promise<Response> {
    await this.#loaded
    let ask: LimiterAsk
    try {
      ask = (await request.json()) as LimiterAsk
    } catch {
      return Response.json({ message: 'expected a JSON body' }, { status: 400 })
    }
    const answer = await this.#answer(ask)
    return answer ? Response.json(answer) : Response.json({ message: 'bad ask' }, { status: 400 })
  }

  #answer(ask: LimiterAsk): Promise<LimiterAnswer> | undefined {
    if (typeof ask !== 'object' || ask === null || typeof ask.id !== 'string') return undefined
    if (ask.op === 'release') {
      this.#release(ask.id)
      return Promise.resolve({ result: 'released' })
    }
    if (typeof ask.limits !== 'object' || ask.limits === null) {
      return undefined
    }
    // Every isolate of one account sends the same limits; the latest ones apply.
    this.#limits = { ...DEFAULT_CLIENT_LIMITS, ...ask.limits }
    if (ask.op === 'request') return this.#takeToken(ask.id, ask.timeoutMs)
    if (ask.op === 'call' && ask.leaseMs > 0)
      return this.#takeSlot(ask.id, ask.leaseMs, ask.timeoutMs)
    return undefined
  }

  #takeToken(id: string, timeoutMs: number | undefined): Promise<LimiterAnswer> {
    this.#refill()
    if (this.#requestWaiters.length === 0 && this.#tokens >= 1) {
      this.#tokens -= 1
      return Promise.resolve({ result: 'granted' })
    }
    if (this.#requestWaiters.length >= this.#limits.maxQueue) {
      const ms = ((this.#requestWaiters.length + 1) / this.#limits.requestsPerSecond) * 1000
      return Promise.resolve({ result: 'overloaded', retryAfterMs: Math.max(1, Math.ceil(ms)) })
    }
    const answer = this.#enqueue(this.#requestWaiters, { id }, timeoutMs)
    this.#scheduleToken()
    return answer
  }

  #takeSlot(id: string, leaseMs: number, timeoutMs: number | undefined): Promise<LimiterAnswer> {
    this.#reclaim()
    if (this.#callWaiters.length === 0 && this.#leases.size < this.#limits.maxConcurrentCalls) {
      this.#lease(id, leaseMs)
      return Promise.resolve({ result: 'granted' })
    }
    if (this.#callWaiters.length >= this.#limits.maxQueue) {
      return Promise.resolve({ result: 'overloaded', retryAfterMs: 1_000 })
    }
    const answer = this.#enqueue(this.#callWaiters, { id, leaseMs }, timeoutMs)
    this.#scheduleExpiry()
    return answer
  }

  /** Queues a waiter; it is answered `granted` by whoever hands it a token or slot. */
  #enqueue<W extends Waiter>(
    queue: W[],
    fields: Omit<W, 'grant' | 'timer'>,
    timeoutMs: number | undefined,
  ): Promise<LimiterAnswer> {
    return new Promise((resolve) => {
      const waiter = { ...fields, timer: undefined } as W
      waiter.grant = () => {
        clearTimeout(waiter.timer)
        resolve({ result: 'granted' })
      }
      if (timeoutMs !== undefined) {
        waiter.timer = setTimeout(
          () => {
            const at = queue.indexOf(waiter)
            if (at >= 0) queue.splice(at, 1)
            resolve({ result: 'timeout' })
          },
          Math.max(0, timeoutMs),
        )
      }
      queue.push(waiter)
    })
  }

  #lease(id: string, leaseMs: number) {
    const expiresAt = Date.now() + leaseMs
    this.#leases.set(id, expiresAt)
    // Not awaited: the output gate holds the answer until the write is durable.
    void this.#storage?.put(LEASE + id, expiresAt)
  }

  /** Frees a slot, or takes the waiter `id` out of its queue (its caller left). */
  #release(id: string) {
    for (const queue of [this.#callWaiters, this.#requestWaiters] as Waiter[][]) {
      const at = queue.findIndex((w) => w.id === id)
      if (at >= 0) {
        clearTimeout(queue[at]?.timer)
        queue.splice(at, 1)
      }
    }
    if (this.#leases.delete(id)) void this.#storage?.delete(LEASE + id)
    this.#grantSlots()
  }

  #grantSlots() {
    this.#reclaim()
    while (this.#callWaiters.length > 0 && this.#leases.size < this.#limits.maxConcurrentCalls) {
      const next = this.#callWaiters.shift()
      if (!next) break
      this.#lease(next.id, next.leaseMs)
      next.grant()
    }
    if (this.#callWaiters.length > 0) this.#scheduleExpiry()
  }

  /** Drops the leases that have run out: their holders died mid-call. */
  #reclaim() {
    const now = Date.now()
    for (const [id, expiresAt] of this.#leases) {
      if (expiresAt <= now) {
        this.#leases.delete(id)
        void this.#storage?.delete(LEASE + id)
      }
    }
  }

  /** While calls wait, wakes up when the first lease runs out. */
  #scheduleExpiry() {
    if (this.#expiryTimer !== undefined || this.#leases.size === 0) return
    const first = Math.min(...this.#leases.values())
    this.#expiryTimer = setTimeout(
      () => {
        this.#expiryTimer = undefined
        this.#grantSlots()
      },
      Math.max(0, first - Date.now()),
    )
  }

  #refill() {
    const now = Date.now()
    const earned = ((now - this.#refilledAt) / 1000) * this.#limits.requestsPerSecond
    this.#tokens = Math.min(this.#limits.burst, this.#tokens + earned)
    this.#refilledAt = now
  }

  #scheduleToken() {
    if (this.#tokenTimer !== undefined) return
    const waitMs = Math.max(0, ((1 - this.#tokens) / this.#limits.requestsPerSecond) * 1000)
    this.#tokenTimer = setTimeout(() => {
      this.#tokenTimer = undefined
      this.#refill()
      while (this.#tokens >= 1 && this.#requestWaiters.length > 0) {
        this.#tokens -= 1
        this.#requestWaiters.shift()?.grant()
      }
      if (this.#requestWaiters.length > 0) this.#scheduleToken()
    }, waitMs)
  }
}
