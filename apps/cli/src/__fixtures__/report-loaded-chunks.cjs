// Preloaded with `node -r`: prints the bundle files the process loaded, as it exits.
const { basename, sep } = require('node:path')

process.on('exit', () => {
  const chunks = Object.keys(require.cache)
    .filter((file) => file.includes(`${sep}dist${sep}`))
    .map((file) => basename(file).replace(/-[\w-]{8}\.cjs$/, '.cjs'))
  process.stderr.write(`loaded: ${chunks.sort().join(' ')}\n`)
})
