import {
  CallPayloadSchema,
  type CallResult,
  CallResultSchema,
  type JsonObject,
  validateInput,
} from '@traykit/core'
import type { Hono } from 'hono'
import * as v from 'valibot'
import type { ParsedConnector, ParsedOperation } from '../catalog/mock-catalog'
import type { MockAuthentication } from '../mock-tray-types'
import { thirdPartyError } from '../third-party-error'
import { findAuthentication } from './_authentication-routes'
import { defaultResult } from './_default-result'
import { gate, type MockEnv } from './_gate'
import { readJson } from './_read-json'
import { handlerKey, type MockState, type StoredAuthentication } from './_state'
import { bodyDecodeMessage, errorBody, inputValidationMessage } from './_tray-messages'

/**
 * POST .../call, checked in Tray's order: the body decodes (400), the connector version and
 * the authId exist (404), the operation exists (else outcome "error", as Tray answers), the
 * input fits the operation's schema (400); only then does the call run and cost a task.
 */
export function registerCallRoute(app: Hono<MockEnv>, state: MockState): void {
  app.post(
    '/core/v1/connectors/:connector/versions/:version/call',
    gate(state, 'call'),
    async (c) => {
      const entry = c.get('entry')
      const { connector: name, version } = c.req.param()
      const parsed = v.safeParse(CallPayloadSchema, await readJson(c))
      if (!parsed.success) return c.json(errorBody(400, bodyDecodeMessage(parsed.issues[0])), 400)
      const payload = parsed.output
      entry.authId = payload.authId
      entry.input = payload.input

      const connector = state.catalog.connector(name, version)
      if (!connector) return c.json(errorBody(404, `Connector not found: ${name} ${version}`), 404)
      const stored =
        payload.authId === undefined
          ? undefined
          : findAuthentication(state, payload.authId, c.get('token'))
      if (payload.authId !== undefined && !stored) {
        return c.json(errorBody(404, `Authentication not found: ${payload.authId}`), 404)
      }

      const operation = connector.operations.find((op) => op.name === payload.operation)
      if (operation) {
        const validation = validateInput(operation, payload.input)
        if (!validation.valid) {
          return c.json(errorBody(400, inputValidationMessage(validation.issues), null), 400)
        }
      }
      const result = operation
        ? await run(state, {
            connector,
            operation,
            input: payload.input,
            authId: payload.authId,
            authentication: stored && withoutOwner(stored),
            returnOutputSchema: payload.returnOutputSchema === true,
            request: c.req.raw,
          })
        : thirdPartyError(
            404,
            `Operation not found: ${payload.operation}`,
            `The operation "${payload.operation}" does not exist in ${name} ${version}.`,
          )
      entry.billed = true
      entry.outcome = result.outcome
      return c.json(result)
    },
  )
}

/** A copy of a stored authentication for a handler: its owner token never leaves the state. */
function withoutOwner({ owner: _, ...authentication }: StoredAuthentication): MockAuthentication {
  return structuredClone(authentication)
}

interface Call {
  connector: ParsedConnector
  operation: ParsedOperation
  input: JsonObject
  authId: string | undefined
  authentication: MockAuthentication | undefined
  returnOutputSchema: boolean
  request: Request
}

/** Runs the operation's handler, or its default answer; a throwing handler is a failing third party. */
async function run(state: MockState, call: Call): Promise<CallResult> {
  const { connector, operation } = call
  const handler =
    state.handlers.get(handlerKey(connector.name, connector.version, operation.name)) ??
    state.handlers.get(handlerKey(connector.name, '*', operation.name))
  const fallback = () => defaultResult(operation, call.input, call.returnOutputSchema)
  if (!handler) return fallback()
  let result: unknown
  try {
    result = await handler(structuredClone(call.input), {
      connector: connector.name,
      version: connector.version,
      operation: operation.name,
      authId: call.authId,
      authentication: call.authentication,
      returnOutputSchema: call.returnOutputSchema,
      defaultResult: fallback,
      request: call.request,
    })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return thirdPartyError(500, message)
  }
  if (v.is(CallResultSchema, result) && Object.keys(result).length === 2) return result
  if (result !== null && typeof result === 'object' && !Array.isArray(result)) {
    return { outcome: 'success', output: result as JsonObject }
  }
  throw new TypeError(
    `The mock handler of ${connector.name} ${operation.name} returned ${JSON.stringify(result) ?? String(result)}; ` +
      'return an output object or { outcome, output }',
  )
}
