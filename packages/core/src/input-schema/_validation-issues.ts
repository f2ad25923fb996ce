import type { OutputUnit } from '@cfworker/json-schema'
import { clip } from '../_clip'
import type { ValidationIssue } from '../errors/tray-validation-error'
import type { CompiledSchema } from './_compiled-schema'
import { schemaAt, segmentsOf } from './_error-location'
import { joinPath, valueAt } from './_field-path'
import { choicesPhrase, describeValue, subjectOf, typePhrase } from './_issue-messages'
import { type Finding, type FindingContext, leafFindings } from './_leaf-findings'

// Errors that only say "something below failed": the errors below say what.
const WRAPPERS = new Set([
  '$recursiveRef',
  '$ref',
  'additionalItems',
  'additionalProperties',
  'allOf',
  'dependentSchemas',
  'if',
  'items',
  'patternProperties',
  'prefixItems',
  'properties',
  'unevaluatedItems',
  'unevaluatedProperties',
])
// Errors followed by their sub-errors, which are read together as one problem.
const GROUPS = new Set(['anyOf', 'contains', 'oneOf', 'propertyNames'])
/** Issues listed at most: enough to fix a form, and no message of megabytes. */
export const MAX_ISSUES = 100

/** Turns the validator's raw errors into one readable issue per problem (the first `MAX_ISSUES`). */
export function issuesFromErrors(
  errors: readonly OutputUnit[],
  compiled: CompiledSchema,
  input: unknown,
): ValidationIssue[] {
  const seen = new Set<string>()
  const issues: ValidationIssue[] = []
  for (const { path, message } of findings(errors, { compiled, input })) {
    const key = `${path}\n${message}`
    if (seen.has(key)) continue
    seen.add(key)
    if (issues.push({ path, message }) === MAX_ISSUES) break
  }
  // Every raw error was a wrapper of nothing readable: still say something true.
  const first = errors[0]
  if (issues.length === 0 && first) {
    issues.push({ path: segmentsOf(first.instanceLocation).join('.'), message: first.error })
  }
  return issues
}

function findings(errors: readonly OutputUnit[], ctx: FindingContext): Finding[] {
  // A value of the wrong type also fails its `enum`/`const`; the type says it better.
  const wrongType = new Set(errors.filter((e) => e.keyword === 'type').map(schemaAndValue))
  const out: Finding[] = []
  for (let i = 0; i < errors.length; i++) {
    const error = errors[i]!
    if (GROUPS.has(error.keyword)) {
      // The validator lists a group's sub-errors right after it, under its keyword location.
      const prefix = `${error.keywordLocation}/`
      let end = i + 1
      while (end < errors.length && errors[end]!.keywordLocation.startsWith(prefix)) end++
      // Pushed one by one: a spread of 100 000 findings overflows the stack.
      for (const finding of groupFindings(error, errors.slice(i + 1, end), ctx)) out.push(finding)
      i = end - 1
    } else if (
      !WRAPPERS.has(error.keyword) &&
      !(['enum', 'const'].includes(error.keyword) && wrongType.has(schemaAndValue(error)))
    ) {
      for (const finding of leafFindings(error, ctx)) out.push(finding)
    }
  }
  return out
}

function groupFindings(head: OutputUnit, children: OutputUnit[], ctx: FindingContext): Finding[] {
  const at = segmentsOf(head.instanceLocation)
  const path = at.join('.')
  const subject = subjectOf(at, ctx.input)
  if (head.keyword === 'contains') {
    return [{ path, message: `${subject} must contain at least one matching item` }]
  }
  if (head.keyword === 'propertyNames') {
    const key = segmentsOf(children[0]?.instanceLocation ?? head.instanceLocation).at(-1) ?? ''
    return [{ path: joinPath(path, key), message: `field name "${clip(key)}" is not allowed` }]
  }

  // anyOf / oneOf: sort the sub-errors by the alternative they belong to.
  const where = segmentsOf(head.keywordLocation)
  const alternatives = schemaAt(ctx.compiled, where.slice(0, -1))?.[head.keyword]
  const branches = new Map<string, OutputUnit[]>()
  for (const child of children) {
    const branch = segmentsOf(child.keywordLocation)[where.length] ?? ''
    const list = branches.get(branch)
    // Pushed, not copied: a copy per child is quadratic in a deep recursive schema's errors.
    if (list) list.push(child)
    else branches.set(branch, [child])
  }
  const matches = (Array.isArray(alternatives) ? alternatives.length : 0) - branches.size
  if (matches > 1) {
    return [{ path, message: `${subject} matches more than one of the allowed forms` }]
  }

  const failures = [...branches.values()].map((errors) => findings(errors, ctx))
  const onlyHere = (test: (f: Finding) => unknown) =>
    failures.every((list) => list.length > 0 && list.every((f) => f.path === path && test(f)))
  // Alternatives that differ only by type or by value read as one list of what is allowed.
  if (onlyHere((f) => f.types)) {
    const types = failures.flat().flatMap((f) => f.types ?? [])
    const value = valueAt(ctx.input, at)
    return [
      {
        path,
        message: `${subject} must be ${typePhrase(types)}, not ${describeValue(value)}`,
        types,
      },
    ]
  }
  if (onlyHere((f) => f.choices)) {
    const values = failures.flat().flatMap((f) => f.choices?.values ?? [])
    const labels = failures.flat().flatMap((f) => f.choices?.labels ?? [])
    const message = `${subject} must be one of: ${choicesPhrase(values, labels)}`
    return [{ path, message, choices: { values, labels } }]
  }
  // When exactly one alternative has the right type, its problems are the ones to fix.
  const fitting = failures.filter((list) => !list.some((f) => f.path === path && f.types))
  if (fitting.length === 1) return fitting[0]!
  return [{ path, message: `${subject} does not match any of the allowed forms` }]
}

function schemaAndValue(error: OutputUnit): string {
  const { keywordLocation, instanceLocation } = error
  return `${instanceLocation}\n${keywordLocation.slice(0, keywordLocation.lastIndexOf('/'))}`
}
