/**
 * Joins `queue` and resolves when the queue calls the entry (a slot was handed over). Leaves the
 * queue and rejects with the signal's reason when it aborts, or with `timeout()` after
 * `timeoutMs`, so an abandoned waiter leaves nothing behind; `joined` runs once the entry is in.
 * The in-memory limiter's queues and the Redis limiter's line both wait this way. It imports
 * nothing, so the in-memory limiter's lazy half stays apart from a page's first download.
 */
export function waitInQueue(
  queue: Array<() => void>,
  signal: AbortSignal | undefined,
  timeoutMs: number | undefined,
  timeout: () => Error,
  joined?: () => void,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    let timer: ReturnType<typeof setTimeout> | undefined
    const leave = (reason: unknown) => {
      const at = queue.indexOf(grant)
      if (at >= 0) queue.splice(at, 1)
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
      reject(reason)
    }
    const onAbort = () => leave(signal?.reason)
    const grant = () => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    if (timeoutMs !== undefined) {
      timer = setTimeout(() => leave(timeout()), Math.max(0, timeoutMs))
    }
    queue.push(grant)
    joined?.()
  })
}
