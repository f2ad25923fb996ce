import type { OutputUnit } from '@cfworker/json-schema'
import { clip } from '../_clip'
import type { ValidationIssue } from '../errors/tray-validation-error'
import { shownPattern } from './_bounded-pattern'
import type { CompiledSchema } from './_compiled-schema'
import { schemaAt, segmentsOf } from './_error-location'
import { joinPath, valueAt } from './_field-path'
import {
  choicePhrase,
  choicesPhrase,
  closestName,
  describeValue,
  subjectOf,
  typePhrase,
} from './_issue-messages'
import { isObject, type JsonType, namesIn, propertiesOf, typesOf } from './_json-schema'

/** An issue, plus what lets alternatives (`anyOf`) merge into one message. */
export interface Finding extends ValidationIssue {
  types?: JsonType[]
  choices?: { values: unknown[]; labels: unknown[] }
}

/** What a finding is read against: the compiled schema and the input as validated. */
export interface FindingContext {
  compiled: CompiledSchema
  input: unknown
}

// Keywords whose problem is one sentence about the field, given the keyword's value.
const SENTENCES: Record<string, (n: unknown) => string> = {
  minimum: (n) => `must be at least ${n}`,
  exclusiveMinimum: (n) => `must be greater than ${n}`,
  maximum: (n) => `must be at most ${n}`,
  exclusiveMaximum: (n) => `must be less than ${n}`,
  multipleOf: (n) => `must be a multiple of ${n}`,
  minLength: (n) =>
    n === 1 ? 'must not be empty' : `must be at least ${count(n, 'character')} long`,
  maxLength: (n) => `must be at most ${count(n, 'character')} long`,
  pattern: (n) => `must match the pattern ${clip(String(shownPattern(n)))}`,
  format: (n) => `must be a valid ${n}`,
  minItems: (n) => `must have at least ${count(n, 'item')}`,
  maxItems: (n) => `must have at most ${count(n, 'item')}`,
  uniqueItems: () => 'must not contain the same item twice',
  minProperties: (n) => `must have at least ${count(n, 'field')}`,
  maxProperties: (n) => `must have at most ${count(n, 'field')}`,
  minContains: (n) => `must contain at least ${count(n, 'matching item')}`,
  maxContains: (n) => `must contain at most ${count(n, 'matching item')}`,
}

/** The findings of one error that is not a wrapper of others. */
export function leafFindings(error: OutputUnit, ctx: FindingContext): Finding[] {
  const at = segmentsOf(error.instanceLocation)
  const path = at.join('.')
  const subject = subjectOf(at, ctx.input)
  const where = segmentsOf(error.keywordLocation)
  const node = schemaAt(ctx.compiled, where.slice(0, -1)) ?? {}
  const value = valueAt(ctx.input, at)
  const n = node[error.keyword]
  switch (error.keyword) {
    case 'required':
      return namesIn(node, 'required')
        .filter((key) => isObject(value) && !Object.hasOwn(value, key))
        .map((key) => ({ path: joinPath(path, key), message: `${clip(key)} is required` }))
    case 'dependencies':
    case 'dependentRequired':
      return missingDependants(n, value).map(([key, dependant]) => ({
        path: joinPath(path, dependant),
        message: `${clip(dependant)} is required when ${clip(key)} is set`,
      }))
    case 'type': {
      const types = typesOf(node)
      const message = `${subject} must be ${typePhrase(types)}, not ${describeValue(value)}`
      return [{ path, message, types }]
    }
    case 'enum': {
      const values = Array.isArray(n) ? n : []
      const labels = node.enumLabels
      const sameLength = Array.isArray(labels) && labels.length === values.length
      const choices = { values, labels: sameLength ? labels : [] }
      const message = `${subject} must be one of: ${choicesPhrase(values, choices.labels)}`
      return [{ path, message, choices }]
    }
    case 'const': {
      const message = `${subject} must be ${choicePhrase(n, node.title)}`
      return [{ path, message, choices: { values: [n], labels: [node.title] } }]
    }
    case 'not':
      return [{ path, message: forbidden(where, at, subject, ctx, n) }]
  }
  const sentence = SENTENCES[error.keyword]
  return [{ path, message: sentence ? `${subject} ${sentence(n)}` : `${subject}: ${error.error}` }]
}

/** What a `not` (and a `false` schema, compiled to `{ not: {} }`) means where it failed. */
function forbidden(
  where: string[],
  at: string[],
  subject: string,
  ctx: FindingContext,
  not: unknown,
): string {
  if (!isObject(not) || Object.keys(not).length > 0) return `${subject} is not allowed in this form`
  const container = where.at(-2)
  if (container !== 'additionalProperties' && container !== 'unevaluatedProperties') {
    return `${subject} is not allowed`
  }
  const key = at.at(-1) ?? ''
  const holder = schemaAt(ctx.compiled, where.slice(0, -2)) ?? {}
  const suggestion = closestName(key, Object.keys(propertiesOf(holder)))
  const hint = suggestion ? `; did you mean "${clip(suggestion)}"?` : ''
  return `unknown field "${clip(key)}" (not in the schema${hint})`
}

function missingDependants(dependencies: unknown, value: unknown): [string, string][] {
  if (!isObject(dependencies) || !isObject(value)) return []
  const missing: [string, string][] = []
  for (const [key, dependants] of Object.entries(dependencies)) {
    if (!Array.isArray(dependants) || !Object.hasOwn(value, key)) continue
    for (const dependant of dependants) {
      if (typeof dependant === 'string' && !Object.hasOwn(value, dependant)) {
        missing.push([key, dependant])
      }
    }
  }
  return missing
}

function count(n: unknown, word: string): string {
  return `${n} ${n === 1 ? word : `${word}s`}`
}
