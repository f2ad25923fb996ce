import type { MockCatalog, MockTray } from '@traykit/testing'

/** The origin `--mock` clients use; requests never leave the process. */
export const MOCK_URL = 'http://tray.test'
/** The one token the CLI's mock accepts, so a wrong token gets Tray's 401 there too. */
export const MOCK_TOKEN = 'mock'
/** An authentication the CLI's mock holds from the start, for `call --auth-id` and `lookup`. */
export const MOCK_AUTH_ID = '00000000-0000-4000-8000-000000000001'

/** The mock behind `--mock` and `traykit mock`: the given or default catalog, one token, one authentication. */
export async function createCliMock(catalog?: unknown): Promise<MockTray> {
  const { createMockTray } = await import('@traykit/testing')
  return createMockTray({
    // createMockTray checks the catalog's shape and names each path that is wrong.
    catalog: catalog as MockCatalog | undefined,
    tokens: [MOCK_TOKEN],
    authentications: [
      {
        id: MOCK_AUTH_ID,
        name: 'traykit mock authentication',
        serviceEnvironmentId: 'traykit-mock',
      },
    ],
  })
}
