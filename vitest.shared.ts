import { defineConfig } from 'vitest/config'

/**
 * The test config of a runtime-neutral package: every test runs twice, in Node and in an
 * edge-runtime sandbox with web globals only, so a Node-only global fails a test instead of a
 * user's Worker. Files matching `nodeOnly` (and `*.node.test.ts`) run in Node only.
 */
export function nodeAndEdgeConfig(nodeOnly: string[] = []) {
  return defineConfig({
    test: {
      // CI shares two cores between four packages' suites, workerd, Deno and Bun: a test that is
      // merely starved must not fail. Nothing here asserts on time; these bounds only catch hangs.
      testTimeout: 60_000,
      hookTimeout: 60_000,
      projects: [
        { extends: true, test: { name: 'node', environment: 'node' } },
        {
          extends: true,
          test: {
            name: 'edge',
            environment: 'edge-runtime',
            exclude: ['**/node_modules/**', '**/*.node.test.ts', ...nodeOnly],
          },
        },
      ],
    },
  })
}
