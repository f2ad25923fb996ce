import { describe, expect, test } from 'vitest'
import { createTrayClient } from '../client/create-tray-client'
import { TrayError } from '../errors/tray-error'
import { TrayAbortError } from '../errors/tray-transport-errors'
import { TrayValidationError } from '../errors/tray-validation-error'
import type { JsonObject } from '../schemas/json-object'
import { type PaginateOptions, paginate } from './paginate'

const AUTH_ID = '4a1b2c3d-0000-4000-8000-000000000001'
const FIND_RECORDS = {
  name: 'find_records',
  title: 'Find records',
  description: 'Paginated search',
  hasDynamicOutput: false,
  outputSchema: {},
  inputSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['object'],
    properties: {
      object: { type: 'string' },
      batch_size: { type: 'integer', minimum: 1 },
      page_offset: { type: 'integer' },
    },
  },
}

/**
 * An in-process Tray serving `find_records` over `total` records, `batch_size` at a time,
 * counting calls the way Tray bills them.
 */
function fakeTray(total: number) {
  const calls: JsonObject[] = []
  let catalogReads = 0
  const fetch: typeof globalThis.fetch = async (url, init) => {
    const path = new URL(String(url)).pathname
    if (init?.method === 'GET' && path.endsWith('/operations')) {
      catalogReads++
      return Response.json({ elements: [FIND_RECORDS] })
    }
    const payload = JSON.parse(String(init?.body)) as JsonObject
    calls.push(payload)
    const input = payload.input as { batch_size?: number; page_offset?: number }
    const start = input.page_offset ?? 0
    const end = Math.min(start + (input.batch_size ?? 2), total)
    const records = Array.from({ length: end - start }, (_, i) => ({ id: start + i }))
    return Response.json({
      outcome: 'success',
      output: { records, total, next_page_offset: end < total ? end : null },
    })
  }
  const tray = createTrayClient({
    token: 'test-token',
    baseUrl: 'http://tray.test',
    fetch,
    limits: false,
  })
  return { tray, calls, catalogReads: () => catalogReads }
}

const options: PaginateOptions<{ id: number }> = {
  connector: 'salesforce',
  version: '8.6',
  operation: 'find_records',
  authId: AUTH_ID,
  input: { object: 'Account', batch_size: 2 },
  cursor: { input: 'page_offset', output: 'next_page_offset' },
  items: 'records',
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = []
  for await (const item of items) all.push(item)
  return all
}

/** A client whose calls return the given outputs in turn, recording the payloads. */
function scriptedClient(outputs: JsonObject[]) {
  const payloads: JsonObject[] = []
  const callConnector = async (_connector: string, _version: string, payload: JsonObject) => {
    payloads.push(payload)
    const output = outputs[payloads.length - 1]
    if (!output) throw new Error('called past the last scripted page')
    return output
  }
  return { tray: { callConnector } as unknown as Parameters<typeof paginate>[0], payloads }
}

describe('paginate', () => {
  test('yields every item through the real client, one billed call per page', async () => {
    const { tray, calls, catalogReads } = fakeTray(5)
    expect(await collect(paginate(tray, options))).toEqual([0, 1, 2, 3, 4].map((id) => ({ id })))
    expect(calls).toEqual([
      { operation: 'find_records', authId: AUTH_ID, input: { object: 'Account', batch_size: 2 } },
      {
        operation: 'find_records',
        authId: AUTH_ID,
        input: { object: 'Account', batch_size: 2, page_offset: 2 },
      },
      {
        operation: 'find_records',
        authId: AUTH_ID,
        input: { object: 'Account', batch_size: 2, page_offset: 4 },
      },
    ])
    // Each page's input is validated against one cached read of the catalog.
    expect(catalogReads()).toBe(1)
  })

  test('stops after maxPages', async () => {
    const { tray, calls } = fakeTray(100)
    expect(await collect(paginate(tray, { ...options, maxPages: 2 }))).toHaveLength(4)
    expect(calls).toHaveLength(2)
  })

  test('breaking out of the loop makes no further call', async () => {
    const { tray, calls } = fakeTray(100)
    for await (const item of paginate(tray, options)) {
      if (item.id === 2) break
    }
    expect(calls).toHaveLength(2)
  })

  test('an invalid input is refused before any call', async () => {
    const { tray, calls } = fakeTray(5)
    const iterator = paginate(tray, { ...options, input: { batch_size: 0 } })
    await expect(collect(iterator)).rejects.toBeInstanceOf(TrayValidationError)
    expect(calls).toHaveLength(0)
  })

  test('stops on an empty cursor of any kind, keeping the cursor type', async () => {
    for (const empty of [null, undefined, '']) {
      const { tray, payloads } = scriptedClient([
        { records: [1], next: 7 },
        { records: [2], next: empty as unknown as string },
      ])
      const pages = paginate(tray, { ...options, cursor: { input: 'offset', output: 'next' } })
      expect(await collect(pages)).toEqual([1, 2])
      expect(payloads[1]).toMatchObject({ input: { offset: 7 } })
    }
  })

  test('reads items with a function or a dotted path, and cursors at dotted paths', async () => {
    const outputs = [
      { data: { rows: ['a'] }, meta: { next: 'cursor-2' } },
      { data: { rows: ['b'] }, meta: { next: null } },
    ]
    const dotted = scriptedClient(outputs)
    const cursor = { input: 'paging.after', output: 'meta.next' }
    const first = await collect(paginate(dotted.tray, { ...options, cursor, items: 'data.rows' }))
    expect(first).toEqual(['a', 'b'])
    expect(dotted.payloads[1]).toMatchObject({
      input: { object: 'Account', paging: { after: 'cursor-2' } },
    })

    const viaFunction = scriptedClient(outputs)
    const items = (output: JsonObject) => (output.data as { rows: string[] }).rows
    expect(await collect(paginate(viaFunction.tray, { ...options, cursor, items }))).toEqual([
      'a',
      'b',
    ])
  })

  test('a page without items yields nothing; items that are not a list are an error', async () => {
    const empty = scriptedClient([{ next_page_offset: null }])
    expect(await collect(paginate(empty.tray, options))).toEqual([])

    const wrong = scriptedClient([{ records: { id: 1 }, next_page_offset: null }])
    await expect(collect(paginate(wrong.tray, options))).rejects.toThrow(
      'paginate: "records" in the output of page 1 is not an array',
    )
  })

  test('a service that repeats its cursor is stopped instead of billed forever', async () => {
    const { tray, payloads } = scriptedClient([
      { records: [1], next_page_offset: 5 },
      { records: [2], next_page_offset: 5 },
      { records: [3], next_page_offset: 6 },
    ])
    await expect(collect(paginate(tray, options))).rejects.toThrow(
      /returned the same next_page_offset/,
    )
    expect(payloads).toHaveLength(2)
  })

  test('an aborted signal stops between pages', async () => {
    const controller = new AbortController()
    const { tray, payloads } = scriptedClient([
      { records: [1], next_page_offset: 1 },
      { records: [2], next_page_offset: null },
    ])
    const seen: unknown[] = []
    const run = async () => {
      for await (const item of paginate(tray, { ...options, signal: controller.signal })) {
        seen.push(item)
        controller.abort()
      }
    }
    await expect(run()).rejects.toBeInstanceOf(TrayAbortError)
    expect(seen).toEqual([1])
    expect(payloads).toHaveLength(1)
  })

  test('refuses unusable options at once', () => {
    const { tray } = scriptedClient([])
    const bad: [Partial<PaginateOptions<unknown>>, string][] = [
      [{ maxPages: 0 }, 'maxPages must be a whole number of at least 1, got 0'],
      [{ maxPages: 1.5 }, 'maxPages must be a whole number of at least 1, got 1.5'],
      [{ cursor: { input: '', output: 'next' } }, 'cursor must name the input and output fields'],
      [{ items: '' }, 'items must be a path into the output'],
    ]
    for (const [override, message] of bad) {
      expect(() => paginate(tray, { ...options, ...override })).toThrow(TrayError)
      expect(() => paginate(tray, { ...options, ...override })).toThrow(message)
    }
  })
})
