import type { OutStream } from '../cli-io'

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']

/** Shows a spinner and `label` on `stream` until `task` settles, then clears the line. */
export async function withSpinner<T>(
  stream: OutStream,
  label: string,
  task: () => Promise<T>,
): Promise<T> {
  let frame = 0
  const draw = () => stream.write(`\r${FRAMES[frame++ % FRAMES.length]} ${label}`)
  // Waits shorter than this show nothing, so fast answers do not flicker.
  const start = setTimeout(() => {
    draw()
    timer = setInterval(draw, 80)
    timer.unref()
  }, 150)
  start.unref()
  let timer: NodeJS.Timeout | undefined
  try {
    return await task()
  } finally {
    clearTimeout(start)
    if (timer) {
      clearInterval(timer)
      stream.write('\r\u001B[2K')
    }
  }
}
