type Schema = Record<string, unknown>

const STRING_FORMATS: Record<string, string> = {
  email: 'user@example.com',
  uri: 'https://example.com/',
  url: 'https://example.com/',
  uuid: '00000000-0000-4000-8000-000000000000',
  date: '2024-01-01',
  'date-time': '2024-01-01T00:00:00Z',
}

/**
 * A plausible value for a JSON Schema: its `default`, its first `enum` value, or a value of its
 * type, with every declared property of an object filled in. Always a new value: a handler may
 * change what `ctx.defaultResult()` gave it, and the schema is the mock's catalog.
 */
export function sampleFromSchema(schema: unknown, depth = 0): unknown {
  if (!isSchema(schema) || depth > 10) return null
  if ('default' in schema) return structuredClone(schema.default)
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return structuredClone(schema.enum[0])
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type
  switch (type ?? (isSchema(schema.properties) ? 'object' : undefined)) {
    case 'object': {
      const properties = isSchema(schema.properties) ? schema.properties : {}
      return Object.fromEntries(
        Object.entries(properties).map(([key, value]) => [key, sampleFromSchema(value, depth + 1)]),
      )
    }
    case 'array':
      return isSchema(schema.items) ? [sampleFromSchema(schema.items, depth + 1)] : []
    case 'string':
      return STRING_FORMATS[String(schema.format)] ?? 'example'
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 1
    case 'boolean':
      return true
    default:
      return null
  }
}

function isSchema(value: unknown): value is Schema {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
