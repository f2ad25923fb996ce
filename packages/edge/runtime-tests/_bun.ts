import { createFixtureApp } from './_fixture-app'

declare const Bun: {
  serve(options: {
    hostname: string
    port: number
    fetch: (request: Request) => Response | Promise<Response>
  }): { port: number }
}

const server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: createFixtureApp().fetch })
console.log(JSON.stringify({ port: server.port }))
