import { nodeAndEdgeConfig } from '../../vitest.shared'

// `*.node.test.ts` files inspect the source tree, so they run in Node only.
export default nodeAndEdgeConfig()
