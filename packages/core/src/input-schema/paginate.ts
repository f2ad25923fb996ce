import type { TrayClient } from '../client/tray-client'
import { TrayError } from '../errors/tray-error'
import { TrayAbortError } from '../errors/tray-transport-errors'
import type { JsonObject } from '../schemas/json-object'
import { readField, writeField } from './_field-path'

/** Options of `paginate`. */
export interface PaginateOptions<TItem> {
  connector: string
  version: string
  operation: string
  /** The first page's input; the cursor field is set on it for each later page. */
  input?: JsonObject | undefined
  authId?: string | undefined
  /**
   * Where the service keeps its cursor: the input field to send it in and the output field it
   * comes back in (dotted paths), e.g. `{ input: 'page_offset', output: 'next_page_offset' }`.
   */
  cursor: { input: string; output: string }
  /** The items of a page: a dotted path into the output (`records`), or a function of it. */
  items: string | ((output: JsonObject) => readonly TItem[] | null | undefined)
  /** Stop after this many pages (each is a billed call). Default: no limit. */
  maxPages?: number | undefined
  /** Stops between pages, and cancels the call in flight. */
  signal?: AbortSignal | undefined
}

/**
 * Iterates over the items of every page of a cursor-paginated operation: one billed call per
 * page, until the output's cursor is empty (`undefined`, `null` or `''`) or `maxPages` is
 * reached. Breaking out of the loop makes no further call.
 *
 * @example
 * for await (const record of paginate(tray, {
 *   connector: 'salesforce', version: '8.6', operation: 'find_records', authId,
 *   input: { object: 'Account', batch_size: 200 },
 *   cursor: { input: 'page_offset', output: 'next_page_offset' },
 *   items: 'records',
 * })) console.log(record)
 */
export function paginate<TItem = unknown>(
  tray: Pick<TrayClient, 'callConnector'>,
  options: PaginateOptions<TItem>,
): AsyncIterable<TItem> {
  const { maxPages = Number.POSITIVE_INFINITY, cursor, items } = options
  if (maxPages !== Number.POSITIVE_INFINITY && !(Number.isInteger(maxPages) && maxPages >= 1)) {
    throw new TrayError(
      `paginate: maxPages must be a whole number of at least 1, got ${JSON.stringify(maxPages)}`,
    )
  }
  if (!cursor || !nonEmpty(cursor.input) || !nonEmpty(cursor.output)) {
    throw new TrayError(
      "paginate: cursor must name the input and output fields, e.g. { input: 'page_offset', output: 'next_page_offset' }",
    )
  }
  if (typeof items !== 'function' && !nonEmpty(items)) {
    throw new TrayError(
      "paginate: items must be a path into the output (e.g. 'records') or a function",
    )
  }
  return pages(tray, options, maxPages)
}

async function* pages<TItem>(
  tray: Pick<TrayClient, 'callConnector'>,
  options: PaginateOptions<TItem>,
  maxPages: number,
): AsyncGenerator<TItem, void, undefined> {
  const { connector, version, operation, authId, cursor, signal } = options
  let input: JsonObject = options.input ?? {}
  for (let page = 1; page <= maxPages; page++) {
    if (signal?.aborted) throw new TrayAbortError()
    const payload = authId === undefined ? { operation, input } : { operation, input, authId }
    const output = await tray.callConnector(connector, version, payload, { signal })
    yield* pageItems<TItem>(output, options.items, page)
    const next = readField(output, cursor.output)
    if (next === undefined || next === null || next === '') return
    // A service that hands back the cursor it was given would be paged (and billed) forever.
    if (JSON.stringify(next) === JSON.stringify(readField(input, cursor.input))) {
      throw new TrayError(
        `paginate: ${connector} ${operation} returned the same ${cursor.output} as page ${page} was sent; stopping so no more calls are billed`,
      )
    }
    input = writeField(input, cursor.input, next)
  }
}

function pageItems<TItem>(
  output: JsonObject,
  items: PaginateOptions<TItem>['items'],
  page: number,
): readonly TItem[] {
  const found = typeof items === 'function' ? items(output) : readField(output, items)
  if (found === undefined || found === null) return []
  if (Array.isArray(found)) return found as readonly TItem[]
  const where = typeof items === 'function' ? 'the items function' : `"${items}" in the output`
  throw new TrayError(`paginate: ${where} of page ${page} is not an array`)
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value !== ''
}
