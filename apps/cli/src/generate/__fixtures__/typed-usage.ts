// Compiled (never run) against the module `traykit generate types --all --all-versions` writes
// for the mock catalog, by generated-types.test.ts. Each @ts-expect-error is an error only while
// the generated file's registration reaches the client: if the merging stops working, the
// directive is unused and the compile fails.
import { createTrayClient, type OperationInput } from '@traykit/core'
import { createTrayClient as createLeanClient } from '@traykit/core/client'
import { resolveLookup } from '@traykit/core/lookups'
import type {
  GoogleSheetsV8_2CreateRowInput,
  SlackV9_1SendMessageInput,
  SlackV9_1SendMessageOutput,
} from './tray-types.js'

export async function typedUsage(): Promise<unknown[]> {
  const tray = createTrayClient({ token: 'x' })
  const lean = createLeanClient({ token: 'x' })
  const sent: SlackV9_1SendMessageOutput = await lean.callConnector('slack', '9.1', {
    operation: 'send_message',
    input: { channel: 'C1', text: 'hi' },
  })
  const ts: string | undefined = sent.ts
  // @ts-expect-error text is required
  await tray.callConnector('slack', '9.1', { operation: 'send_message', input: { channel: 'C1' } })
  await lean.callConnector('slack', '9.1', {
    operation: 'send_message',
    // @ts-expect-error an unknown field
    input: { channel: 'C1', text: 'hi', txt: 'hi' },
  })
  const row = {
    spreadsheet_id: 's1',
    worksheet_name: 'Sheet1',
    data: [{ column_heading: 'Name', value: 1 }],
    value_input_option: 'RAW',
  } satisfies GoogleSheetsV8_2CreateRowInput
  const created = await tray.callConnector('google-sheets', '8.2', {
    operation: 'create_row',
    input: row,
  })
  const updated: number | undefined = created.updates?.updatedRows
  await tray.callConnector('google-sheets', '8.2', {
    operation: 'create_row',
    // @ts-expect-error not one of the enum's values
    input: { ...row, value_input_option: 'raw' },
  })
  await tray.callConnector('google-sheets', '8.2', {
    operation: 'create_row',
    // @ts-expect-error an array item's required field
    input: { ...row, data: [{ column_heading: 'Name' }] },
  })
  // @ts-expect-error an operation slack 9.1 does not have
  await tray.callConnector('slack', '9.1', { operation: 'send_mesage', input: {} })
  const options = await resolveLookup(lean, {
    connector: 'google-sheets',
    version: '8.2',
    operation: 'create_row',
    field: 'data.0.column_heading',
    input: { spreadsheet_id: 's1', data: [{ value: 1 }] },
  })
  await resolveLookup(lean, {
    connector: 'slack',
    version: '9.1',
    operation: 'send_message',
    // @ts-expect-error text has no lookup
    field: 'text',
  })
  const input: OperationInput<'slack', '9.1', 'send_message'> = {
    channel: 'C1',
    text: 'hi',
  } satisfies SlackV9_1SendMessageInput
  // A version the file does not pin stays untyped.
  const other = await tray.callConnector('slack', '10.0', { operation: 'anything', input: {} })
  return [ts, updated, options, input, other]
}
