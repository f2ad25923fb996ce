import { resolve } from 'node:path'
import type { TrayClient } from '@traykit/core'
import { defineCommand } from 'citty'
import { usageError } from '../cli-error'
import { type ConnectorRef, parseConnectorRef } from '../client/connector-ref'
import { openClient } from '../client/open-client'
import { readConnector } from '../client/read-operation'
import { writeFileAtomic } from '../config/write-file-atomic'
import { generateTypes, resolveTargets, type TypesTarget } from '../generate/generate-tray-types'
import { globalArgs } from '../global-args'
import { createOutput } from '../output/output'

/** `traykit generate types <connector>[@version]… [--all] [--out FILE]`. */
export default defineCommand({
  args: {
    connector: {
      type: 'positional',
      required: false,
      valueHint: 'connector[@version]…',
      description: 'Connectors, each optionally @version (default: the latest, pinned in the file)',
    },
    all: { type: 'boolean', description: 'Every connector of the catalog, at its latest version' },
    'all-versions': {
      type: 'boolean',
      description: 'With --all: every version of every connector',
    },
    out: {
      type: 'string',
      valueHint: 'file',
      description: 'Write the module to this file (replaced whole, never half-written)',
    },
    ...globalArgs,
  },
  async run({ args }) {
    const out = createOutput(args)
    const refs = args._.map(parseConnectorRef)
    if (refs.length === 0 && !args.all) {
      throw usageError(
        'Name the connectors to type (slack, or slack@9.1 to pin a version), or pass --all.',
      )
    }
    if (args['all-versions'] && !args.all) throw usageError('--all-versions goes with --all.')
    const tray = await openClient(args, out)
    const generated = await out.wait('Generating types', async () => {
      const targets = [
        ...(args.all
          ? await resolveTargets({ tray, all: true, allVersions: args['all-versions'] === true })
          : []),
        ...(await readTargets(tray, refs)),
      ]
      return generateTypes(tray, targets)
    })
    for (const note of generated.notes) out.warn(`note: ${note}`)
    const connectors = generated.targets.map((t) => `${t.name}@${t.version}`)
    const summary = { connectors, operations: generated.operations, notes: generated.notes }
    if (args.out) {
      const path = resolve(out.io.cwd, args.out)
      await writeFileAtomic(path, generated.source, { shared: true })
      if (out.json) return out.data({ ...summary, out: path })
      out.text(
        `Wrote the types of ${generated.operations} operations (${connectors.join(', ')}) to ${args.out}.`,
      )
      out.text(
        out.colors.dim(
          'Include it in your program (tsconfig "include"); callConnector then checks inputs and types outputs.',
        ),
      )
      return
    }
    // The module itself is the output, on a terminal or a pipe (`> tray-types.ts`); --json
    // wraps it with what went into it.
    if (args.json) return out.data({ ...summary, source: generated.source })
    out.io.stdout.write(generated.source)
  },
})

/** Each `<connector>[@version]`, the latest version when none is given ("Did you mean …?"). */
async function readTargets(tray: TrayClient, refs: ConnectorRef[]): Promise<TypesTarget[]> {
  const targets: TypesTarget[] = []
  for (const ref of refs) {
    const connector = await readConnector(tray, ref)
    targets.push({ name: connector.name, version: connector.version })
  }
  return targets
}
