import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { createCancellations } from './_cancellation'

const TIMEOUT = 1_000

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('cancellations', () => {
  test('attempts that start together share one signal; a later one gets a new signal', () => {
    const cancellations = createCancellations(TIMEOUT)
    const first = cancellations.next(false)
    const second = cancellations.next(false)
    expect(second.signal).toBe(first.signal)
    vi.advanceTimersByTime(50)
    expect(cancellations.next(false).signal).not.toBe(first.signal)
  })

  test('a request still running after its deadline is cancelled, never before', () => {
    const cancellations = createCancellations(TIMEOUT)
    const stuck = cancellations.next(false)
    const quick = cancellations.next(false)
    quick.done()
    stuck.abort()
    vi.advanceTimersByTime(TIMEOUT - 1)
    expect(stuck.signal.aborted).toBe(false)
    vi.advanceTimersByTime(100)
    expect(stuck.signal.aborted).toBe(true)
  })

  test('holds no timer once every request has finished, so an idle client lets a process exit', () => {
    const cancellations = createCancellations(TIMEOUT)
    const attempts = [cancellations.next(false), cancellations.next(false)]
    expect(vi.getTimerCount()).toBe(1)
    for (const attempt of attempts) attempt.done()
    expect(vi.getTimerCount()).toBe(0)
    expect(attempts[0]?.signal.aborted).toBe(false)
  })

  test('reuses a signal for requests one after another within the window', () => {
    const cancellations = createCancellations(TIMEOUT)
    const first = cancellations.next(false)
    first.done()
    vi.advanceTimersByTime(5)
    const second = cancellations.next(false)
    expect(second.signal).toBe(first.signal)
    // Still aborted no earlier than the deadline of the slot's latest possible start.
    vi.advanceTimersByTime(TIMEOUT)
    expect(second.signal.aborted).toBe(false)
    vi.advanceTimersByTime(100)
    expect(second.signal.aborted).toBe(true)
  })

  test('counts a request once however often it is marked done', () => {
    const cancellations = createCancellations(TIMEOUT)
    const done = cancellations.next(false)
    const running = cancellations.next(false)
    done.done()
    done.done()
    vi.advanceTimersByTime(TIMEOUT + 100)
    expect(running.signal.aborted).toBe(true)
  })

  test('gives a caller-abortable attempt a controller of its own', () => {
    const cancellations = createCancellations(TIMEOUT)
    const shared = cancellations.next(false)
    const own = cancellations.next(true)
    expect(own.signal).not.toBe(shared.signal)
    own.abort()
    expect(own.signal.aborted).toBe(true)
    expect(shared.signal.aborted).toBe(false)
  })

  test('shares one signal between at most 200 requests', () => {
    const cancellations = createCancellations(TIMEOUT)
    const signals = new Set(Array.from({ length: 450 }, () => cancellations.next(false).signal))
    expect(signals.size).toBe(3)
  })
})
