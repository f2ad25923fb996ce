import * as v from 'valibot'
import type { Transport } from '../client/_transport'
import { createRedactor, type Redactor } from '../client/redactor'
import { TrayResponseError } from '../errors/tray-transport-errors'
import { GraphQLAnswerSchema } from '../schemas/tray-user'
import { TrayGraphQLError } from './tray-graphql-error'

/** One query or mutation of Tray's GraphQL API. */
export interface GraphQLRequest<T> {
  /** The root field whose value is the result (`authorize`, `users`). */
  field: string
  query: string
  variables: Record<string, unknown>
  /**
   * A mutation is sent again only when it provably was not sent (429, a refused connection);
   * a query is retried like a read (5xx, timeouts, broken connections too).
   */
  mutation: boolean
  /** The shape of `data[field]`. */
  schema: v.GenericSchema<unknown, T>
  signal?: AbortSignal | undefined
  /** Secrets the answer may hold (a new user token), redacted from any error it becomes. */
  secretsOf?: ((field: unknown) => string[]) | undefined
}

/**
 * A tiny GraphQL client on core's transport: `{ query, variables }` in, typed `data[field]` out.
 * `knownSecrets` are the user tokens handed out so far: an answer that echoes one of them in an
 * error has it redacted, like the master token.
 */
export function createGraphQL(
  transport: Transport,
  knownSecrets: () => Iterable<string> = () => [],
) {
  return async function graphql<T>(request: GraphQLRequest<T>): Promise<T> {
    let body: unknown
    try {
      body = await transport.request({
        method: 'POST',
        path: '',
        body: { query: request.query, variables: request.variables },
        // Parsed below, where an error can be worded without quoting the answer's values.
        schema: v.unknown(),
        idempotent: !request.mutation,
        signal: request.signal,
      })
    } catch (error) {
      // The transport redacts the master token; a page that echoes a user token is redacted here.
      throw scrub(error, [...knownSecrets()])
    }
    const answer = v.safeParse(GraphQLAnswerSchema, body)
    const raw = answer.success ? answer.output.data?.[request.field] : undefined
    const redact = redactorOf(transport.redact, [...safeSecrets(request, raw), ...knownSecrets()])
    if (!answer.success) throw shapeError(redact, v.getDotPath(answer.issues[0]) ?? '')
    const { errors } = answer.output
    if (errors && errors.length > 0) {
      throw new TrayGraphQLError(
        request.field,
        errors.map((e) => ({
          message: redact(e.message),
          path: e.path?.map((p) => (typeof p === 'string' ? redact(p) : p)),
        })),
      )
    }
    const result = v.safeParse(request.schema, raw)
    if (!result.success) {
      const path = v.getDotPath(result.issues[0])
      throw shapeError(redact, `data.${request.field}${path ? `.${path}` : ''}`)
    }
    return result.output
  }
}

export type GraphQL = ReturnType<typeof createGraphQL>

function safeSecrets(request: GraphQLRequest<unknown>, raw: unknown): string[] {
  try {
    return request.secretsOf?.(raw) ?? []
  } catch {
    return []
  }
}

/**
 * Redacts the master token (the transport's rule) and each given secret. The redactors are made
 * on first use: an answer that is not an error never pays for them.
 */
function redactorOf(master: Redactor, secrets: string[]): (text: string) => string {
  let others: Redactor[] | undefined
  return (text) => {
    others ??= [...new Set(secrets)]
      .filter((s) => typeof s === 'string' && s !== '')
      .map(createRedactor)
    return others.reduce((t, r) => r.text(t), master.text(text))
  }
}

function shapeError(redact: (text: string) => string, path: string): TrayResponseError {
  // Only the path is named: a value of the answer may be a secret.
  const at = redact(path)
  return new TrayResponseError(
    `Tray's GraphQL answer does not have the documented shape at ${at || 'the body'}`,
    { status: 200, path: at },
  )
}

/**
 * Removes user tokens from an error the transport made (its message, stack, body and cause),
 * in place: it is the same error, with the same class, that the caller gets.
 */
function scrub(error: unknown, secrets: string[]): unknown {
  if (secrets.length === 0 || !(error instanceof Error)) return error
  const redact = redactorOf(createRedactor(undefined), secrets)
  const record = error as unknown as Record<string, unknown>
  for (const key of ['message', 'stack', ...Object.keys(error)]) {
    const value = record[key]
    if (value === undefined || value === null) continue
    const clean =
      typeof value === 'string'
        ? redact(value)
        : typeof value === 'object'
          ? JSON.parse(redact(JSON.stringify(value)))
          : value
    Object.defineProperty(error, key, {
      value: clean,
      writable: true,
      configurable: true,
      enumerable: Object.keys(error).includes(key),
    })
  }
  const cause = error.cause as Record<string, unknown> | undefined
  if (cause && typeof cause === 'object') {
    Object.defineProperty(error, 'cause', {
      value: JSON.parse(redact(JSON.stringify(cause))),
      writable: true,
      configurable: true,
      enumerable: false,
    })
  }
  return error
}
