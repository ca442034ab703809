import type { Context } from 'hono'
import type { MessageKey } from '../i18n/messages.js'

// Free text from a form, checked before anything is stored. Medical text is kept exactly as
// typed (escaped on output), but a field that is not a single string, is too long, or holds
// control or bidirectional-override characters is refused with a message, never silently
// cut or dropped: a half-saved record would be worse than a refused one.

export interface FieldError {
  key: MessageKey
  params?: Record<string, string | number>
}

// C0 controls except tab and newlines, DEL, C1 controls, and the bidi overrides and isolates
// that can make text read differently from what is stored ("Trojan Source").
function hasForbidden(text: string): boolean {
  for (const ch of text) {
    const c = ch.codePointAt(0)!
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return true
    if ((c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
      return true
    }
  }
  return false
}

/** The raw form body; a field given twice or as a file arrives as a non-string. */
export async function formBody(c: Context): Promise<Record<string, unknown>> {
  return (await c.req.parseBody({ all: true })) as Record<string, unknown>
}

/** One text field: line endings normalised, trailing space trimmed, or an error. */
export function readText(
  body: Record<string, unknown>,
  name: string,
  max: number,
): { value: string; error?: FieldError } {
  const raw = body[name]
  if (raw === undefined) return { value: '' }
  if (typeof raw !== 'string') return { value: '', error: { key: 'medical.error.invalid' } }
  const value = raw.replace(/\r\n?/g, '\n').trimEnd()
  if (hasForbidden(value)) return { value, error: { key: 'medical.error.characters' } }
  if (value.length > max) {
    return { value, error: { key: 'medical.error.too_long', params: { max } } }
  }
  return { value }
}

/** A single-valued string field for choices (ids, codes, dates), or '' when absent or odd. */
export function readChoice(body: Record<string, unknown>, name: string): string {
  const raw = body[name]
  return typeof raw === 'string' && raw.length <= 200 ? raw.trim() : ''
}

/** Every value of a repeated field (checkboxes), strings only. */
export function readAll(body: Record<string, unknown>, name: string): string[] {
  const raw = body[name]
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]
  return list.filter((v): v is string => typeof v === 'string' && v.length <= 50)
}
