// The servers under load run in child processes of their own, so that autocannon and the server
// do not share one event loop or one CPU account. A suite file doubles as the child's script:
// run with arguments, it serves, then announces its ports as one JSON line on stdout, which the
// parent waits for.
import { spawn } from 'node:child_process'

const START_TIMEOUT_MS = 15_000

/** The server processes of one suite run, stopped together in its `finally`. */
export function childServers() {
  const children = []
  return {
    /** Runs `node script ...args` and resolves with the ports it announces. */
    async start(script, args, label) {
      return (await this.launch(script, args, label)).ports
    },
    /**
     * Like `start`, with Node flags (`nodeArgs`, such as a heap limit), resolving with the
     * process too, for a suite that stops one server or watches it die before the end.
     */
    launch(script, args, label, nodeArgs = []) {
      const child = spawn(process.execPath, [...nodeArgs, script, ...args], {
        stdio: ['ignore', 'pipe', 'inherit'],
      })
      children.push(child)
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${label} did not start within ${START_TIMEOUT_MS / 1000} s`)),
          START_TIMEOUT_MS,
        )
        let output = ''
        child.stdout.on('data', (chunk) => {
          output += chunk
          const line = output.split('\n').find((l) => l.startsWith('{'))
          if (!line) return
          clearTimeout(timer)
          resolve({ ports: JSON.parse(line), process: child, stop: () => child.kill('SIGKILL') })
        })
        child.once('exit', (code) => {
          clearTimeout(timer)
          reject(new Error(`${label} exited with ${code}`))
        })
      })
    },
    /** Stops every process started. */
    stop() {
      for (const child of children) child.kill('SIGTERM')
    },
  }
}

/** Child side: tells the parent which ports this process serves on. */
export function announcePorts(ports) {
  console.log(JSON.stringify(ports))
}
