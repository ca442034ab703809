import type { Context } from 'hono'
import type { AppEnv } from '../http/app-env.js'
import type { MessageKey } from '../i18n/i18n.js'
import type { SaveRefusal } from '../files/files.service.js'
import { checkUpload, type UploadProblem } from '../medical-files/upload-check.js'

/** A multipart form: its text fields, and the file under `field` if one was chosen. */
export async function readMultipart(
  c: Context<AppEnv>,
  field: string,
): Promise<{
  fields: Record<string, string>
  file?: { name: string; data: Buffer; problem?: UploadProblem }
}> {
  const body = await c.req.parseBody()
  const fields: Record<string, string> = {}
  let file: { name: string; data: Buffer; problem?: UploadProblem } | undefined
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === 'string') fields[k] = v
    else if (k === field && v instanceof File && v.size > 0) {
      // The medical files' checks (name, size, polyglots), so a scan here is held to the same
      // bar as an x-ray: the sniff in saveFile alone lets a page hide in a JPEG comment or a
      // PNG text chunk past the first kilobyte, and a name carry a path or control characters.
      const checked = await checkUpload(v, 'consent_scan', c.get('services').config.uploadMaxBytes)
      file = {
        name: v.name.slice(0, 255),
        data: Buffer.from(await v.arrayBuffer()),
        // A name whose extension disagrees with the bytes is kept: the file is served and
        // downloaded as what its bytes are (file-response.ts), so only the label is wrong.
        problem: checked.ok || checked.problem === 'extension' ? undefined : checked.problem,
      }
    }
  }
  return { fields, file }
}

/** The message for a scan refused by its name or content (see readMultipart). */
export function scanProblemMessage(
  t: (key: MessageKey, params?: Record<string, string | number>) => string,
  problem: UploadProblem,
  maxBytes: number,
): string {
  const mb = megabytes(maxBytes)
  if (problem === 'too_large') return t(REFUSAL_MESSAGE.too_large, { mb })
  // A polyglot or a broken file is, to the person uploading it, simply not a JPEG, PNG or PDF.
  if (problem === 'type' || problem === 'polyglot' || problem === 'damaged') {
    return t(REFUSAL_MESSAGE.type)
  }
  if (problem === 'missing' || problem === 'empty') return t(REFUSAL_MESSAGE.empty)
  return t(`files.error.${problem}`, { mb })
}

export const REFUSAL_MESSAGE: Record<SaveRefusal, MessageKey> = {
  empty: 'patients.documents.error.missing',
  too_large: 'patients.documents.error.too_large',
  type: 'patients.documents.error.type',
}

export function megabytes(bytes: number): number {
  return Math.floor(bytes / (1024 * 1024))
}
