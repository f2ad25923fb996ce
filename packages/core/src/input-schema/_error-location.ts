import type { CompiledSchema } from './_compiled-schema'
import { isObject, type SchemaNode } from './_json-schema'

/** The decoded segments of a validator location such as `#/filter/operator` (a URI-encoded JSON pointer). */
export function segmentsOf(location: string): string[] {
  if (location === '#' || location === '') return []
  return location
    .slice(location.indexOf('/') + 1)
    .split('/')
    .map(decodeSegment)
}

function decodeSegment(segment: string): string {
  // Most segments are plain field names: skip the decoding work for them.
  if (!segment.includes('%') && !segment.includes('~')) return segment
  let decoded = segment
  try {
    decoded = decodeURIComponent(segment)
  } catch {
    // Left as it is: the validator encoded it, so this does not happen in practice.
  }
  return decoded.replace(/~1/g, '/').replace(/~0/g, '~')
}

/** The schema node at a keyword location's segments, following `$ref`s as the validator did. */
export function schemaAt(
  compiled: CompiledSchema,
  segments: readonly string[],
): SchemaNode | undefined {
  let node: unknown = compiled.schema
  for (const segment of segments) {
    if (!isObject(node) && !Array.isArray(node)) return undefined
    const record = node as Record<string, unknown>
    if (segment === '$ref' || segment === '$recursiveRef') {
      const uri = segment === '$ref' ? record.__absolute_ref__ : record.__absolute_recursive_ref__
      node = compiled.refs[String(uri ?? record[segment])]
    } else {
      node = record[segment]
    }
  }
  return isObject(node) ? node : undefined
}
