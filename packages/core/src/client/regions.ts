/** Tray's documented API hosts, one per region. */
export const TRAY_REGIONS = {
  us: 'https://api.tray.io',
  eu1: 'https://api.eu1.tray.io',
  ap1: 'https://api.ap1.tray.io',
} as const

/** A Tray region: US, EU or APAC. */
export type TrayRegion = keyof typeof TRAY_REGIONS

/** Whether a string names a Tray region. */
export function isTrayRegion(value: unknown): value is TrayRegion {
  return typeof value === 'string' && Object.hasOwn(TRAY_REGIONS, value)
}
