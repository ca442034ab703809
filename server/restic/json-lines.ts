// restic prints JSON lines, but not only: `forget --prune` mixes prune's text into stdout, and
// older versions print plain text for some commands even with --json. Every line is tried as
// JSON and anything else is kept aside as text, never fatal.

export type JsonObject = Record<string, unknown>

/** Parses one line: an object or array when it is valid JSON, undefined otherwise. */
export function parseJsonLine(line: string): JsonObject | unknown[] | undefined {
  const s = line.trim()
  if (!(s.startsWith('{') || s.startsWith('['))) return undefined
  try {
    const v: unknown = JSON.parse(s)
    return typeof v === 'object' && v !== null ? (v as JsonObject | unknown[]) : undefined
  } catch {
    return undefined
  }
}

/** Splits a whole output into parsed JSON values and the remaining text lines. */
export function splitJsonLines(output: string): {
  values: (JsonObject | unknown[])[]
  text: string[]
} {
  const values: (JsonObject | unknown[])[] = []
  const text: string[] = []
  for (const line of output.split(/\r?\n/)) {
    if (line.trim() === '') continue
    const v = parseJsonLine(line)
    if (v === undefined) text.push(line)
    else values.push(v)
  }
  return { values, text }
}

/** A number field of a restic message, or undefined when absent or not a finite number. */
export function num(o: JsonObject, key: string): number | undefined {
  const v = o[key]
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined
}

/** A string field of a restic message, or undefined. */
export function str(o: JsonObject, key: string): string | undefined {
  const v = o[key]
  return typeof v === 'string' ? v : undefined
}

/** The message's type: `message_type` (backup, newer ls) or `struct_type` (ls in 0.14). */
export function messageType(o: JsonObject): string | undefined {
  return str(o, 'message_type') ?? str(o, 'struct_type')
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
