import type { ValidationIssue } from '@traykit/core'
import * as v from 'valibot'
import { MockCatalogSchema, type ParsedCatalog } from './mock-catalog'

/** A catalog that does not fit the catalog format; each issue names the path that is wrong. */
export class MockCatalogError extends Error {
  readonly issues: ValidationIssue[]

  constructor(issues: ValidationIssue[]) {
    const lines = issues.map((issue) => `  - ${issue.path || '(the catalog)'}: ${issue.message}`)
    super(`Invalid mock catalog:\n${lines.join('\n')}`)
    this.name = 'MockCatalogError'
    this.issues = issues
  }
}

/**
 * Checks a catalog (an object, as written in code or read from JSON) against the catalog
 * format, whose Tray parts are @traykit/core's schemas, and returns a private copy of it.
 */
export function parseCatalog(value: unknown): ParsedCatalog {
  const result = v.safeParse(MockCatalogSchema, value)
  if (!result.success) {
    throw new MockCatalogError(
      result.issues.map((issue) => ({
        path: describePath(value, issue.path),
        message: issue.message,
      })),
    )
  }
  const duplicates = findDuplicates(result.output)
  if (duplicates.length > 0) throw new MockCatalogError(duplicates)
  try {
    // A private copy: a test that edits its catalog object later must not change a running mock.
    return structuredClone(result.output)
  } catch {
    throw new MockCatalogError([
      { path: '', message: 'must be plain JSON data (no functions or classes)' },
    ])
  }
}

/** `connectors[3](shopify 4.1).operations[0](get_order).inputSchema`: the path, with the names on the way. */
function describePath(root: unknown, path: v.IssuePathItem[] | undefined): string {
  let text = ''
  let node = root
  for (const item of path ?? []) {
    const key = item.key
    node =
      node !== null && typeof node === 'object'
        ? (node as Record<string, unknown>)[String(key)]
        : undefined
    if (typeof key === 'number') {
      text += `[${key}]${nameOf(node)}`
    } else {
      text += text ? `.${String(key)}` : String(key)
    }
  }
  return text
}

function nameOf(node: unknown): string {
  if (node === null || typeof node !== 'object') return ''
  const { name, version } = node as { name?: unknown; version?: unknown }
  if (typeof name !== 'string') return ''
  return typeof version === 'string' || typeof version === 'number'
    ? `(${name} ${version})`
    : `(${name})`
}

/** Each connector version, operation, service version and environment id listed twice. */
function findDuplicates(catalog: ParsedCatalog): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const connectors = firstPlaces()
  catalog.connectors.forEach((connector, i) => {
    const key = `${connector.name} ${connector.version}`
    const first = connectors(key, `connectors[${i}]`)
    if (first !== undefined) {
      issues.push({
        path: `connectors[${i}]`,
        message: `${key} is listed twice (also at ${first})`,
      })
    }
    const operations = firstPlaces()
    connector.operations.forEach((operation, j) => {
      const seen = operations(operation.name, `operations[${j}]`)
      if (seen !== undefined) {
        issues.push({
          path: `connectors[${i}](${key}).operations[${j}]`,
          message: `operation ${operation.name} is listed twice (also at ${seen})`,
        })
      }
    })
  })
  const services = firstPlaces()
  const environments = firstPlaces()
  catalog.services.forEach((service, i) => {
    const key = `${service.name} ${service.version}`
    const first = services(key, `services[${i}]`)
    if (first !== undefined) {
      issues.push({ path: `services[${i}]`, message: `${key} is listed twice (also at ${first})` })
    }
    service.environments.forEach((environment, j) => {
      const path = `services[${i}](${key}).environments[${j}]`
      const seen = environments(environment.id, path)
      if (seen !== undefined) {
        issues.push({
          path,
          message: `environment id ${environment.id} is used twice (also at ${seen})`,
        })
      }
    })
  })
  return issues
}

/** Remembers where each key is first met: answers undefined then, and that place ever after. */
function firstPlaces(): (key: string, place: string) => string | undefined {
  const places = new Map<string, string>()
  return (key, place) => {
    const first = places.get(key)
    if (first === undefined) places.set(key, place)
    return first
  }
}
