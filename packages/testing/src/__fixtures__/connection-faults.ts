import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net'
import type { MockTray } from '../index'
import { type ListeningMockTray, listen } from '../node'

// Connection failures the mock cannot inject itself, since they happen before a request
// reaches it: a port that refuses, and a connection closed before a byte of it was read.

/** A mock reachable over HTTP, whose first connections may fail before they reach it. */
export interface ServedMock {
  url: string
  /** The fetch a client must use, when the server needs a hook; else the global one. */
  fetch?: typeof fetch | undefined
  /** Attempts that failed before reaching the mock. */
  unreached(): number
  close(): Promise<void>
}

/**
 * Serves `mock` on a port where nothing listens for the first `refusals` attempts, so they get
 * ECONNREFUSED: requests that provably never left. Then it listens on that same port. The
 * returned `fetch` starts the server before the first attempt it lets through, so the switch
 * does not race the client's retry.
 */
export async function refuseThenListen(mock: MockTray, refusals: number): Promise<ServedMock> {
  const port = await closedPort()
  let refused = 0
  let server: Promise<ListeningMockTray> | undefined
  return {
    url: `http://127.0.0.1:${port}`,
    fetch: async (input, init) => {
      if (refused < refusals) refused += 1
      else server ??= listen(mock, port)
      await server
      return fetch(input, init)
    },
    unreached: () => refused,
    close: async () => {
      await (await server)?.close()
    },
  }
}

/**
 * Serves `mock` behind a TCP front that closes its first `resets` connections without reading
 * a byte, and pipes the others to the mock: a client sees a reset it cannot tell from a lost
 * answer, while the mock never saw the request.
 */
export async function resetFront(mock: MockTray, resets: number): Promise<ServedMock> {
  const target = await listen(mock)
  const sockets = new Set<Socket>()
  const track = (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  }
  let closed = 0
  const front = createServer((socket) => {
    track(socket)
    if (closed < resets) {
      closed += 1
      socket.destroy()
      return
    }
    track(pipeTo(socket, target.port))
  })
  const port = await listenOn(front, 0)
  return {
    url: `http://127.0.0.1:${port}`,
    unreached: () => closed,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => front.close(() => resolve()))
      await target.close()
    },
  }
}

/** Pipes `socket` both ways to a port on 127.0.0.1; either side failing ends both. */
function pipeTo(socket: Socket, port: number): Socket {
  const upstream = connect(port, '127.0.0.1')
  socket.on('error', () => upstream.destroy())
  upstream.on('error', () => socket.destroy())
  socket.pipe(upstream).pipe(socket)
  return upstream
}

/** A port on 127.0.0.1 that was free a moment ago and has no listener now. */
async function closedPort(): Promise<number> {
  const server = createServer()
  const port = await listenOn(server, 0)
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

function listenOn(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}
