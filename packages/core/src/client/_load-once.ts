/**
 * A module loader that runs `load` (an `import()`) until it succeeds once, then resolves with
 * that module at once: a module the client reaches lazily costs one dynamic import, not one per
 * request, and later requests wait no longer than a microtask for it.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: T | undefined
  return async () => {
    loaded ??= await load()
    return loaded
  }
}
