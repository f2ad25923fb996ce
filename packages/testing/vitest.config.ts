import { nodeAndEdgeConfig } from '../../vitest.shared'

// The mock must run unchanged on Workers, Deno and Bun. src/index.node.test.ts bundles the
// entry as for a worker, so a `node:` import anywhere behind it fails; src/node.test.ts and
// *.node.test.ts files need Node.
export default nodeAndEdgeConfig(['src/node.test.ts'])
