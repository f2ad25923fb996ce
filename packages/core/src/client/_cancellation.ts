/** How an attempt's request is cancelled once it has run past its deadline or been aborted. */
export interface Cancellation {
  signal: AbortSignal
  /** Cancels this attempt's request: now with its own controller, else with its window's. */
  abort(): void
  /** The request finished (answered or failed): it no longer needs cancelling. */
  done(): void
}

/** Attempts that start within this window share one controller. */
const WINDOW_MS = 20
/** Fetch implementations add one listener per request to the signal: stay well below their caps. */
const MAX_PER_CONTROLLER = 200

interface Slot {
  controller: AbortController
  openedAt: number
  started: number
  inFlight: number
  /** Armed while a request of this slot is running. */
  timer: ReturnType<typeof setTimeout> | undefined
}

/**
 * Hands out the signals that cancel attempts' requests after their deadline.
 *
 * Node 20 makes every AbortSignal transferable as it is created, which costs more CPU than the
 * rest of an attempt. So attempts that start within a few milliseconds of each other share one
 * controller, aborted once the last of them is past its deadline: each attempt's own timeout still
 * fires on time (the transport races a timer), only the socket's cancellation may come up to one
 * window later. A caller's own `signal` gets a controller of its own, as it must abort alone.
 */
export function createCancellations(timeoutMs: number) {
  let current: Slot | undefined

  function shared(): Cancellation {
    const now = Date.now()
    if (!current || now - current.openedAt >= WINDOW_MS || current.started >= MAX_PER_CONTROLLER) {
      current = {
        controller: new AbortController(),
        openedAt: now,
        started: 0,
        inFlight: 0,
        timer: undefined,
      }
    }
    const slot = current
    slot.started++
    if (slot.inFlight++ === 0) {
      // Every attempt of this slot starts before openedAt + WINDOW_MS, so at this moment any
      // still running is past its own deadline.
      const abortAt = slot.openedAt + WINDOW_MS + timeoutMs
      slot.timer = setTimeout(() => slot.controller.abort(), abortAt - now)
    }
    let finished = false
    return {
      signal: slot.controller.signal,
      // Left running: the slot's timer cancels it, and all others still running by then.
      abort() {},
      done() {
        if (finished) return
        finished = true
        // No timer while nothing runs, so an idle client (a CLI about to exit) holds none.
        if (--slot.inFlight === 0) {
          clearTimeout(slot.timer)
          slot.timer = undefined
        }
      },
    }
  }
  function own(): Cancellation {
    const controller = new AbortController()
    return { signal: controller.signal, abort: () => controller.abort(), done() {} }
  }

  return {
    /** A cancellation for one attempt; `ownController` when it must be abortable on its own. */
    next(ownController: boolean): Cancellation {
      return ownController ? own() : shared()
    },
  }
}
