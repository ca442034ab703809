import type { Context } from 'hono'
import type { AppEnv } from '../http/app-env.js'
import { fileStoreOf, FileIntegrityError } from '../files/file-store.js'
import { loadFile } from '../files/files.service.js'
import { SCAN_SNIFFERS, type Sniffer } from '../files/sniff.js'
import { notFound, UserFacingError } from '../http/errors.js'
import { auditPatient } from './patient-access.js'

// How a stored scan is sent back to the browser: the type recorded from its bytes at upload,
// never guessed again (nosniff comes from securityHeaders), inline, not cached, and under a
// CSP of its own. An image opened on its own is a document: `sandbox` gives it a unique
// origin with no scripts. Chromium's PDF viewer does not run in a sandboxed document, so a
// PDF gets only `default-src 'none'` (PDFium runs no page scripts against our origin) —
// its content was already checked for scripts and launch actions at upload.
// frame-ancestors 'self' lets the card's viewer page embed it (and overrides X-Frame-Options).

const IMAGE_CSP =
  "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'"
const PDF_CSP = "default-src 'none'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'"

/** A file name safe for Content-Disposition: the extension of the real type, no path. */
export function downloadName(original: string, mediaType: string): string {
  const ext = extensionOf(mediaType)
  const base =
    original
      .replace(/^.*[\\/]/, '')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f"]/g, '')
      .replace(/\.[^.]*$/, '')
      .trim()
      .slice(0, 120) || 'document'
  return `${base}.${ext}`
}

/** `inline; filename="ascii fallback"; filename*=UTF-8''…` (RFC 6266 / RFC 5987). */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;]/g, '_')
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  )
  return `inline; filename="${ascii}"; filename*=UTF-8''${encoded}`
}

function extensionOf(mediaType: string): string {
  return SCAN_SNIFFERS.find((s: Sniffer) => s.mediaType === mediaType)?.extension ?? 'bin'
}

/** The response carrying a stored file's bytes. */
export function sendStoredFile(
  c: Context<AppEnv>,
  file: { data: Buffer; mediaType: string; name: string },
): Response {
  c.header('Content-Type', file.mediaType)
  c.header('Content-Disposition', contentDisposition(downloadName(file.name, file.mediaType)))
  c.header('Content-Security-Policy', file.mediaType === 'application/pdf' ? PDF_CSP : IMAGE_CSP)
  c.header('Cache-Control', 'no-store')
  c.header('Content-Length', String(file.data.length))
  return c.body(new Uint8Array(file.data))
}

/**
 * Loads a stored file (hash verified), audits the view and sends it. A blob that fails its
 * check is an incident, not a page to show: logged, audited as failed, refused with a message.
 * @throws 404 for an unknown file id; UserFacingError 500 for a damaged or altered file.
 */
export async function sendVerifiedFile(
  c: Context<AppEnv>,
  file: { id: number; name: string },
  event: { action: string; patientId: number; details: Record<string, string | number> },
): Promise<Response> {
  const s = c.get('services')
  const audit = { ...event, category: 'documents' as const }
  let loaded: Awaited<ReturnType<typeof loadFile>>
  try {
    loaded = await loadFile(s.db, fileStoreOf(s), file.id)
  } catch (err) {
    if (!(err instanceof FileIntegrityError)) throw err
    s.log.error(
      { requestId: c.get('requestId'), file: file.id, err: err.message },
      'stored file failed verification',
    )
    await auditPatient(c, s.db, {
      ...audit,
      outcome: 'failed',
      details: { ...audit.details, reason: 'integrity' },
    })
    throw new UserFacingError(500, 'patients.documents.error.corrupt')
  }
  if (!loaded) throw notFound()
  await auditPatient(c, s.db, audit)
  return sendStoredFile(c, { data: loaded.data, mediaType: loaded.row.media_type, name: file.name })
}
