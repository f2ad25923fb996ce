/** What the server tells the page about this run, in a JSON script element. */
export interface ExplorePageConfig {
  /** Calls go to the built-in mock: the `traykit call` line gets `--mock`. */
  mock: boolean
  /** Where calls go, as shown to the user: the API URL, or "the built-in mock". */
  server: string
  /** Where the page's API is mounted on its origin (`/tray`). */
  apiPrefix: string
  /** Authentications known to exist, offered in the picker (the mock's own). */
  authentications: { id: string; name: string }[]
}

/** The id of the script element holding the config. */
export const CONFIG_ELEMENT_ID = 'explore-config'
