// Run as a child process by the kill test: saves the configs it is given in turn, again and
// again, until it is killed. Each save is a chance for the kill to land mid-write.
import { readFileSync } from 'node:fs'
import { saveConfig, type TraykitConfig } from '../config/config-file'

const [path, ...files] = process.argv.slice(2)
const configs = files.map((file) => JSON.parse(readFileSync(file, 'utf8')) as TraykitConfig)
// Bounded, should the test that ought to kill it fail to.
const deadline = Date.now() + 30_000

for (let saves = 0; Date.now() < deadline; saves++) {
  await saveConfig(path!, configs[saves % configs.length]!)
  if (saves === 0) process.stdout.write('saving\n')
}
