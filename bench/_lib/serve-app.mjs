// Baselines and servers under test listen the way @traykit/testing's listen() does: 127.0.0.1,
// a free port, closed with its open connections. `serve` is @hono/node-server's, taken from the
// suite's bundle so that the one copy in it serves everything.

/** Serves a Hono app on a free loopback port. */
export function serveApp(serve, app) {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) =>
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        port: info.port,
        close: () =>
          new Promise((done) => {
            server.close(() => done())
            server.closeAllConnections()
          }),
      }),
    )
  })
}
