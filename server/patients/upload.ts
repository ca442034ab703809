import type { Context } from 'hono'
import type { AppEnv } from '../http/app-env.js'
import type { MessageKey } from '../i18n/i18n.js'
import type { SaveRefusal } from '../files/files.service.js'

/** A multipart form: its text fields, and the file under `field` if one was chosen. */
export async function readMultipart(
  c: Context<AppEnv>,
  field: string,
): Promise<{ fields: Record<string, string>; file?: { name: string; data: Buffer } }> {
  const body = await c.req.parseBody()
  const fields: Record<string, string> = {}
  let file: { name: string; data: Buffer } | undefined
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === 'string') fields[k] = v
    else if (k === field && v instanceof File && v.size > 0) {
      file = { name: v.name.slice(0, 255), data: Buffer.from(await v.arrayBuffer()) }
    }
  }
  return { fields, file }
}

export const REFUSAL_MESSAGE: Record<SaveRefusal, MessageKey> = {
  empty: 'patients.documents.error.missing',
  too_large: 'patients.documents.error.too_large',
  type: 'patients.documents.error.type',
}

export function megabytes(bytes: number): number {
  return Math.floor(bytes / (1024 * 1024))
}
