// biome-ignore-all lint/suspicious/noControlCharactersInRegex: control characters are the point
// A colour (SGR) sequence, or any other control character but tab and line feed: C0, DEL, C1.
const CONTROL = /\u001B\[[0-9;]*m|[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g
const DEL_AND_C1 = /[\u007F-\u009F]/g

/**
 * A line of text made safe for a terminal: text from Tray or a third party (an error message,
 * a title) cannot move the cursor, clear the screen, set the title or write the clipboard.
 * Colours stay; every other control character goes.
 */
export function safeText(text: string): string {
  return text.replace(CONTROL, (match) => (match.length > 1 ? match : ''))
}

/**
 * JSON text made safe for a terminal without changing its data: JSON.stringify escapes C0
 * controls but leaves DEL and C1 (`\u009b` starts a sequence on some terminals) as they are.
 */
export function safeJson(json: string): string {
  return json.replace(DEL_AND_C1, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
