import {
  type ClientHooks,
  createLeanTransport,
  type RequestSpec,
  type TransportConfig,
} from './_lean-transport'
import { createRedactor } from './redactor'

export type { ClientHooks, RequestSpec, TransportConfig }

/**
 * A transport with its redactor made at once, for code that redacts beyond the transport's own
 * errors (`@traykit/core/users`). The lean client uses `createLeanTransport`, which loads the
 * redactor only when an error or a hook needs it.
 */
export function createTransport(config: TransportConfig) {
  const redact = createRedactor(config.token)
  return { ...createLeanTransport(config, redact), redact }
}

export type Transport = ReturnType<typeof createTransport>
