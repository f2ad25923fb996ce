// The few members of Deno's and Bun's globals that the docs use, so their blocks type-check in
// a Node project. The shapes follow each runtime's own declarations (a subset).
declare namespace Deno {
  const env: { get(name: string): string | undefined }
  type ServeHandler = (request: Request) => Response | Promise<Response>
  function serve(handler: ServeHandler): unknown
  function serve(options: { hostname?: string; port?: number }, handler: ServeHandler): unknown
}
declare namespace Bun {
  const env: Record<string, string | undefined>
  function serve(options: {
    fetch(request: Request): Response | Promise<Response>
    hostname?: string
    port?: number
  }): unknown
}
