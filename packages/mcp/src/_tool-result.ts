import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import { type ErrorOutcome, errorOutcome, type Redactor } from '@traykit/core/server'
import { redactedJson } from './_redact'

/** A tool's answer: the JSON of `value`, its token-shaped runs redacted. */
export function jsonResult(value: unknown, redact: Redactor | undefined): CallToolResult {
  return { content: [{ type: 'text', text: redactedJson(value, redact) }] }
}

/**
 * A tool error (`isError`, so the agent reads it and may correct itself) from anything a call
 * threw, through core's one error table: what failed, the issues of an invalid input, the
 * third party's own message, and whether a task was billed, so the agent does not send again
 * what may have run.
 */
export function errorResult(error: unknown, redact: Redactor | undefined): CallToolResult {
  const outcome = errorOutcome(error, redact)
  // Core's message of an invalid input lists its issues already; the JSON below has them too.
  const lines = [outcome.message, billingOf(outcome)]
  if (outcome.thirdPartyMessage !== undefined) {
    lines.push(`The third party said: ${outcome.thirdPartyMessage}`)
  }
  if (outcome.retryAfterMs !== undefined) {
    lines.push(`Try again in ${Math.ceil(outcome.retryAfterMs / 1000)} s.`)
  }
  const summary = {
    code: outcome.code,
    billed: outcome.billed,
    retryable: outcome.retryable,
    ...(outcome.issues && { issues: outcome.issues }),
    ...(outcome.thirdPartyMessage !== undefined && {
      thirdPartyMessage: outcome.thirdPartyMessage,
    }),
  }
  lines.push(JSON.stringify({ error: summary }))
  // The outcome's texts went through the redactor; the lines joined here add none of their own.
  return { isError: true, content: [{ type: 'text', text: lines.join('\n') }] }
}

function billingOf(outcome: ErrorOutcome): string {
  if (outcome.billed === false) return 'Nothing was run and no task was billed.'
  if (outcome.billed === true)
    return 'The call ran and was billed one task: do not repeat it unchanged.'
  return 'It may have run and been billed: check before calling it again.'
}
