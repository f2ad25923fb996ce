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

function findDuplicates(catalog: ParsedCatalog): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const connectors = new Map<string, number>()
  catalog.connectors.forEach((connector, i) => {
    const key = `${connector.name} ${connector.version}`
    const first = connectors.get(key)
    if (first !== undefined) {
      issues.push({
        path: `connectors[${i}]`,
        message: `${key} is listed twice (also at connectors[${first}])`,
      })
    } else {
      connectors.set(key, i)
    }
    const operations = new Map<string, number>()
    connector.operations.forEach((operation, j) => {
      const seen = operations.get(operation.name)
      if (seen !== undefined) {
        issues.push({
          path: `connectors[${i}](${key}).operations[${j}]`,
          message: `operation ${operation.name} is listed twice (also at operations[${seen}])`,
        })
      } else {
        operations.set(operation.name, j)
      }
    })
  })
  const services = new Map<string, number>()
  const environments = new Map<string, string>()
  catalog.services.forEach((service, i) => {
    const key = `${service.name} ${service.version}`
    const first = services.get(key)
    if (first !== undefined) {
      issues.push({
        path: `services[${i}]`,
        message: `${key} is listed twice (also at services[${first}])`,
      })
    } else {
      services.set(key, i)
    }
    service.environments.forEach((environment, j) => {
      const path = `services[${i}](${service.name} ${service.version}).environments[${j}]`
      const seen = environments.get(environment.id)
      if (seen !== undefined) {
        issues.push({
          path,
          message: `environment id ${environment.id} is used twice (also at ${seen})`,
        })
      } else {
        environments.set(environment.id, path)
      }
    })
  })
  return issues
}
