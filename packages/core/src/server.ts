// @traykit/core/server: the gateway rules, once, for every adapter (the edge's HTTP answers,
// the CLI's exit codes, MCP's tool results): the allow check, the strict call-payload check
// and input bounds, the error table, token-redacting output, the per-token client pool, and
// the request rules of an HTTP gateway (a bounded JSON body, the origin check).
// Generic over the caller's context: a Hono `Context`, an MCP session, a CLI run.

export { parseCallPayload } from './client/parse-call-payload'
export { createRedactor, type Redactor } from './client/redactor'
export { checkInputBounds, INPUT_LIMITS, type InputLimits } from './input-schema/check-input-bounds'
export {
  type AllowCheck,
  type AllowedCatalog,
  type AllowMap,
  type AllowOptions,
  type AllowPredicate,
  type AllowRule,
  type AllowRules,
  compileAllowMap,
  createAllowCheck,
  listAllowed,
} from './server/allow'
export {
  type ClientPool,
  type ClientPoolOptions,
  createClientPool,
  type PooledClient,
} from './server/create-client-pool'
export { type ErrorOutcome, errorOutcome } from './server/error-outcome'
export {
  type AuthorizedGatewayOptions,
  checkGatewayOptions,
  type GatewayAuthentications,
  type GatewayCheckOptions,
  type GatewayClientOptions,
  type GatewayToken,
  type PublicGatewayOptions,
  type TrayGatewayOptions,
} from './server/gateway-options'
export { createJsonRedactor, type JsonRedactor } from './server/json-redactor'
export {
  createOriginCheck,
  type OriginCheck,
  type OriginCheckOptions,
} from './server/origin-check'
export { readJsonBody } from './server/read-json-body'
export { redactError } from './server/redact-error'
export { TrayGatewayError } from './server/tray-gateway-error'
