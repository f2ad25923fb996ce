// Preloaded with `node -r`: as the process exits, reports any property added to the built-in
// prototypes since it started (prototype pollution), or that there was none.
const types = { Object, Array, Function, String, Number, Boolean }
const names = () =>
  Object.entries(types).flatMap(([name, type]) =>
    Object.getOwnPropertyNames(type.prototype).map((key) => `${name}.${key}`),
  )
const before = new Set(names())

process.on('exit', () => {
  const added = names().filter((name) => !before.has(name))
  process.stderr.write(`prototypes: ${added.length ? `polluted ${added.join(' ')}` : 'clean'}\n`)
})
