import { describeFields, examplePayload, type FieldDescription } from '@traykit/core'
import { defineCommand } from 'citty'
import { parseConnectorRef } from '../client/connector-ref'
import { openClient } from '../client/open-client'
import { readOperation } from '../client/read-operation'
import { operationTypeNames } from '../generate/type-names'
import { globalArgs } from '../global-args'
import { operationArgs } from '../operation-args'
import { createOutput } from '../output/output'

/** `traykit describe`: the terminal's Operations Explorer. */
export default defineCommand({
  args: { ...operationArgs, ...globalArgs },
  async run({ args }) {
    const out = createOutput(args)
    const ref = parseConnectorRef(args.connector)
    const tray = await openClient(args, out)
    const { connector, operation } = await readOperation(tray, out, ref, args.operation, {
      remember: !args.mock,
    })
    const fields = describeFields(operation)
    const example = examplePayload(operation)
    const types = operationTypeNames(connector.name, connector.version, operation.name)
    if (out.json) {
      return out.data({
        connector: { name: connector.name, version: connector.version },
        operation,
        fields,
        example,
        types,
      })
    }
    const { bold, cyan, dim } = out.colors
    out.text(bold(`${operation.title} (${connector.name}@${connector.version} ${operation.name})`))
    out.text(`${operation.description}\n`)
    if (fields.length === 0) out.text(dim('No input fields.'))
    else {
      out.table(
        [
          { header: 'FIELD', value: (f: FieldDescription) => (f.required ? bold(f.path) : f.path) },
          { header: 'TYPE', value: (f) => f.type.join('|') || 'any' },
          { header: 'REQUIRED', value: (f) => (f.required ? 'yes' : '') },
          { header: 'ADVANCED', value: (f) => (f.advanced ? 'yes' : '') },
          {
            header: 'DEFAULT',
            value: (f) => (f.default === undefined ? '' : JSON.stringify(f.default)),
          },
          { header: 'OPTIONS', value: (f) => optionsText(f) },
        ],
        fields,
        'wrap',
      )
    }
    out.text(
      `\n${bold('Example payload')} ${dim('(the required fields; edit and pass it to call --input)')}`,
    )
    out.text(JSON.stringify(example, null, 2))
    out.text(
      dim(
        `\ntraykit call ${connector.name}@${connector.version} ${operation.name} --input '${JSON.stringify(example.input)}'`,
      ),
    )
    if (operation.hasDynamicOutput)
      out.text(cyan('Its output schema depends on the input: see call --output-schema.'))
    out.text(
      dim(
        `Types: ${types.input}, ${types.output} (traykit generate types ${connector.name}@${connector.version})`,
      ),
    )
  },
})

/** Where a field's choices come from: a lookup's DDL (and the fields it needs), or its enum. */
function optionsText(field: FieldDescription): string {
  const parts: string[] = []
  const lookup = field.lookup
  if (lookup) {
    parts.push(
      `lookup ${lookup.operation}${lookup.dependsOn.length ? ` (needs ${lookup.dependsOn.join(', ')})` : ''}`,
    )
  }
  if (field.enum) {
    const values = field.enum.map((value, i) => {
      const label = field.enumLabels?.[i]
      const text = typeof value === 'string' ? value : JSON.stringify(value)
      return label && label !== text ? `${text} (${label})` : text
    })
    parts.push(`one of: ${values.join(' | ')}`)
  }
  return parts.join('; ')
}
