import { clip } from '../_clip'
import type { ValidationIssue } from '../errors/tray-validation-error'

/** At most this many issues are read from a server's answer, each clipped like a message. */
const MAX_ISSUES = 100
const MAX_PATH = 200
const MAX_MESSAGE = 500

/** Tray's 400 for an input its connector's schema refuses. */
const TRAY_VALIDATION = /^\s*Connector input validation failed\b/i

/**
 * The issues of a 400 that refused an input, or undefined for any other answer: an edge's
 * `{ code: 'invalid_input', issues: [{ path, message }] }` (any 400 carrying such issues), or
 * Tray's "Connector input validation failed. Schema validation errors: [ 1 - #: … ]", whose
 * numbered items are read as far as they follow that form.
 */
export function validationIssues(
  status: number,
  body: unknown,
  message: string,
): ValidationIssue[] | undefined {
  if (status !== 400) return undefined
  const listed = listedIssues(body)
  if (listed) return listed
  if (TRAY_VALIDATION.test(message)) return trayIssues(message)
  return undefined
}

/** The summary to put before the issues: the server's first line, without Tray's item list. */
export function validationSummary(message: string): string {
  const firstLine = message.split('\n', 1)[0] ?? ''
  const before = firstLine.split(/\s*Schema validation errors:/i, 1)[0] ?? ''
  return clip(before.trim() || firstLine, MAX_MESSAGE)
}

function listedIssues(body: unknown): ValidationIssue[] | undefined {
  if (!body || typeof body !== 'object') return undefined
  const issues = (body as { issues?: unknown }).issues
  if (!Array.isArray(issues)) return undefined
  const found: ValidationIssue[] = []
  for (const issue of issues.slice(0, MAX_ISSUES)) {
    if (!issue || typeof issue !== 'object') continue
    const { path, message } = issue as Record<string, unknown>
    if (typeof path === 'string' && typeof message === 'string') {
      found.push({ path: clip(path, MAX_PATH), message: clip(message, MAX_MESSAGE) })
    }
  }
  return found.length > 0 ? found : undefined
}

/** Tray's list `[ 1 - #: required key [channel] not found, 2 - #/a/b: … ]`, item by item. */
function trayIssues(message: string): ValidationIssue[] {
  const list = /Schema validation errors:\s*\[(.*)\]/is.exec(message)?.[1]
  const items = list
    ? [...list.matchAll(/(?:^|[\s,;])\d+\s+-\s+(.*?)(?=[\s,;]+\d+\s+-\s|\s*$)/gs)].map(
        (m) => m[1] ?? '',
      )
    : []
  if (items.length === 0) return [{ path: '', message: clip(message.trim(), MAX_MESSAGE) }]
  return items.slice(0, MAX_ISSUES).map(trayIssue)
}

/** One item: `#/path/to: message`, where `#` is the input; a required or extraneous key is named. */
function trayIssue(item: string): ValidationIssue {
  const parsed = /^#((?:\/[^:\s]*)?):\s*(.*)$/s.exec(item.trim())
  if (!parsed) return { path: '', message: clip(item.trim(), MAX_MESSAGE) }
  const pointer = parsed[1] ?? ''
  const text = (parsed[2] ?? '').trim()
  const segments = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
  const key = /^(?:required|extraneous) key \[([^\]]+)\]/i.exec(text)?.[1]
  const path = ['input', ...segments, ...(key === undefined ? [] : [key])].join('.')
  return { path: clip(path, MAX_PATH), message: clip(text, MAX_MESSAGE) }
}
