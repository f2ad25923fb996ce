import type { JsonObject } from '@traykit/core/client'
import { TrayGatewayError } from '@traykit/core/server'

/** Reads the arguments of traykit's own tools; a wrong one is a tool error naming it. */
export function readArgs(args: Record<string, unknown>) {
  return {
    /** A string argument; `required` ones must be non-empty. */
    string<R extends boolean>(
      name: string,
      required: R,
    ): R extends true ? string : string | undefined {
      const value = args[name]
      if (value === undefined && !required) return undefined as never
      if (typeof value !== 'string' || value === '')
        throw invalid(name, 'must be a non-empty string')
      return value
    },
    /** An object argument (an operation's input), `{}` when left out. */
    object(name: string): JsonObject {
      const value = args[name]
      if (value === undefined) return {}
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw invalid(name, 'must be an object')
      }
      return value as JsonObject
    },
    /** A whole number argument within bounds, `fallback` when left out. */
    integer(name: string, fallback: number, max: number): number {
      const value = args[name]
      if (value === undefined) return fallback
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
        throw invalid(name, `must be a whole number from 1 to ${max}`)
      }
      return value
    },
  }
}

function invalid(path: string, message: string): TrayGatewayError {
  return new TrayGatewayError(
    400,
    'invalid_arguments',
    `The argument ${path} ${message}; nothing was sent`,
    {
      issues: [{ path, message }],
    },
  )
}
