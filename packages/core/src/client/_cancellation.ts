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
  timer: ReturnType<typeof setTimeout>
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

  function retire(slot: Slot) {
    if (current === slot) current = undefined
    clearTimeout(slot.timer)
  }

  function shared(): Cancellation {
    const now = Date.now()
    if (!current || now - current.openedAt >= WINDOW_MS || current.started >= MAX_PER_CONTROLLER) {
      const controller = new AbortController()
      // Every attempt of this slot started before openedAt + WINDOW_MS, so at this moment any
      // still running is past its own deadline. Cleared as soon as none is running, so an idle
      // client (a CLI about to exit) holds no timer.
      const timer = setTimeout(() => controller.abort(), WINDOW_MS + timeoutMs)
      current = { controller, openedAt: now, started: 0, inFlight: 0, timer }
    }
    const slot = current
    slot.started++
    slot.inFlight++
    let finished = false
    return {
      signal: slot.controller.signal,
      // Left running: the slot's timer cancels it, and all others still running by then.
      abort() {},
      done() {
        if (finished) return
        finished = true
        if (--slot.inFlight === 0) retire(slot)
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
