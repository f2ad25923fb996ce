import { createNodeIo } from './cli-io'
import { runCli } from './run-cli'

runCli(process.argv.slice(2), createNodeIo()).then((code) => {
  process.exitCode = code
})
