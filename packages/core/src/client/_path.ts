import { TrayValidationError } from '../errors/tray-validation-error'

/**
 * Builds a request path from fixed parts and user-given segments, each percent-encoded so a
 * name like `../../admin` stays one segment. `.` and `..` are refused outright: URL parsers
 * resolve them (even as `%2e%2e`), so no encoding can keep them from changing the path.
 */
export function apiPath(
  strings: TemplateStringsArray,
  ...segments: Array<string | number>
): string {
  let path = strings[0] ?? ''
  segments.forEach((segment, i) => {
    const text = String(segment)
    if (text === '' || text === '.' || text === '..') {
      throw new TrayValidationError('Invalid path parameter', [
        { path: '', message: `${JSON.stringify(text)} is not a valid name or version` },
      ])
    }
    path += encodeURIComponent(text) + (strings[i + 1] ?? '')
  })
  return path
}
