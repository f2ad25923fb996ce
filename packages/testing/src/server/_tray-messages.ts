import type { ErrorBody, ValidationIssue } from '@traykit/core'
import type * as v from 'valibot'

/** Tray's own words where it documents them (401), and the OpenAPI file's response names elsewhere. */
const MESSAGES: Record<number, string> = {
  400: 'Invalid input',
  401: 'The request is unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  429: 'Limit exceeded',
  500: 'Internal error',
  502: 'Bad gateway',
  503: 'Service unavailable',
  504: 'Gateway timeout',
}

/** The body of a non-2xx answer: `{ message }`, with `code: null` where Tray sends it. */
export function errorBody(status: number, message?: string, code?: null): ErrorBody {
  const body: ErrorBody = { message: message ?? MESSAGES[status] ?? `Error ${status}` }
  if (code === null) body.code = null
  return body
}

/**
 * Tray's 400 for a body it cannot decode, in the words of its request decoder:
 * `Invalid value for: body (Couldn't decode a valid UUID at 'authId')`.
 */
export function bodyDecodeMessage(issue: v.BaseIssue<unknown>): string {
  const path = (issue.path ?? []).map((item) => String(item.key)).join('.')
  // No body at all: it was empty or not JSON.
  if (path === '' && issue.input === undefined)
    return 'Invalid value for: body (expected a JSON object)'
  const at = path ? ` at '${path}'` : ''
  let detail: string
  if (issue.type === 'regex' && path.endsWith('authId')) {
    detail = "Couldn't decode a valid UUID"
  } else if (issue.kind === 'schema' && issue.input === undefined) {
    detail = 'Missing required field'
  } else if (issue.kind === 'schema') {
    // core's JsonObjectSchema is the one custom schema in Tray's payloads: it wants an object.
    const expected = issue.type === 'custom' ? 'object' : String(issue.expected).toLowerCase()
    detail = `Got value '${JSON.stringify(issue.input)}' with wrong type, expecting ${expected}`
  } else {
    detail = `Invalid value, ${issue.message}`
  }
  return `Invalid value for: body (${detail}${at})`
}

/**
 * Tray's 400 for an input that breaks the operation's schema: a numbered list of the
 * validator's findings at JSON-pointer locations (`#`, `#/filter/operator`).
 */
export function inputValidationMessage(issues: readonly ValidationIssue[]): string {
  const list = issues.map((issue, i) => `${i + 1} - ${describeIssue(issue)}`).join(', ')
  return `Connector input validation failed. Schema validation errors: [ ${list} ]`
}

/**
 * One finding in Tray's words where core's wording maps to it exactly: a missing key and an
 * unknown key are reported at their parent object. Other findings keep core's wording.
 */
function describeIssue({ path, message }: ValidationIssue): string {
  const segments = path === '' ? [] : path.split('.')
  const key = segments.at(-1)
  if (key !== undefined && message === `${key} is required`) {
    return `${pointer(segments.slice(0, -1))}: required key [${key}] not found`
  }
  if (key !== undefined && message.startsWith(`unknown field "${key}"`)) {
    return `${pointer(segments.slice(0, -1))}: extraneous key [${key}] is not permitted`
  }
  return `${pointer(segments)}: ${message}`
}

function pointer(segments: readonly string[]): string {
  return ['#', ...segments.map((s) => s.replaceAll('~', '~0').replaceAll('/', '~1'))].join('/')
}
