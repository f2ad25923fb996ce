import { spawn } from 'node:child_process'

/**
 * Opens `url` in the user's browser, if this machine has a display. Resolves false when it
 * cannot (no display, no opener), so the caller says to open the printed URL instead.
 */
export function openBrowser(
  url: string,
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform = process.platform,
): Promise<boolean> {
  let command: [string, string[]]
  if (platform === 'darwin') command = ['open', [url]]
  else if (platform === 'win32') command = ['rundll32', ['url.dll,FileProtocolHandler', url]]
  else if (env.DISPLAY || env.WAYLAND_DISPLAY) command = ['xdg-open', [url]]
  else return Promise.resolve(false)
  return new Promise((resolve) => {
    try {
      const child = spawn(command[0], command[1], { detached: true, stdio: 'ignore' })
      child.once('error', () => resolve(false))
      child.once('spawn', () => {
        child.unref()
        resolve(true)
      })
    } catch {
      resolve(false)
    }
  })
}
