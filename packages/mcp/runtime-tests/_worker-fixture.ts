/** The Worker's Tray token; no answer may show it. */
export const WORKER_TOKEN = 'tray_live_8d2f4a6c1e3b5d7f9a0c2e4b'
/** The key an agent sends in `x-api-key`; `authorize` accepts nothing else. */
export const WORKER_KEY = 'agent-key-1'
/** The end user's authentication, chosen by the Worker for every call. */
export const WORKER_AUTH_ID = '00000000-0000-4000-8000-000000000001'
