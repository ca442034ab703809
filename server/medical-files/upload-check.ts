import { checkContent, type ContentProblem } from './content-check.js'
import type { MedicalFileFormat, MedicalFileKind } from './medical-files.table.js'

// Everything an upload must pass before a single byte is written: a sane name, a size, and
// content that is what it claims. A refusal stores nothing.

export type UploadProblem =
  'missing' | 'empty' | 'too_large' | 'name' | 'extension' | ContentProblem

export const FORMATS_BY_KIND: Record<MedicalFileKind, readonly MedicalFileFormat[]> = {
  xray: ['jpeg', 'png', 'dicom'],
  lab: ['pdf', 'jpeg', 'png'],
  consent_scan: ['pdf', 'jpeg', 'png'],
}

// DICOM from imaging software often has no extension at all ("IM000001").
const EXTENSIONS: Record<MedicalFileFormat, readonly string[]> = {
  jpeg: ['jpg', 'jpeg', 'jpe', 'jfif'],
  png: ['png'],
  pdf: ['pdf'],
  dicom: ['dcm', 'dicom', ''],
}

export const MEDIA_TYPES: Record<MedicalFileFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  pdf: 'application/pdf',
  dicom: 'application/dicom',
}

export const ACCEPT: Record<MedicalFileKind, string> = {
  xray: '.jpg,.jpeg,.png,.dcm,image/jpeg,image/png,application/dicom',
  lab: '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png',
  consent_scan: '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png',
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NAME_FORBIDDEN = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069/\\:*?"<>|]/

/**
 * The name as the user's computer called it, kept only as a label: it never names anything on
 * disk (blobs are content-addressed), but a name with a path, a parent step or control
 * characters says the client is up to something, so it is refused rather than cleaned.
 */
export function cleanFileName(raw: string): string | undefined {
  const name = raw.normalize('NFC').trim()
  if (name.length === 0 || name.length > 200) return undefined
  if (NAME_FORBIDDEN.test(name) || name.includes('..') || name.startsWith('.')) return undefined
  return name
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.')
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase()
}

export type UploadCheck =
  | { ok: true; format: MedicalFileFormat; name: string; bytes: Buffer }
  | { ok: false; problem: UploadProblem }

/** Name, size, then content (checked by its bytes), in that order. */
export async function checkUpload(
  file: unknown,
  kind: MedicalFileKind,
  maxBytes: number,
): Promise<UploadCheck> {
  if (!(file instanceof File)) return { ok: false, problem: 'missing' }
  const name = cleanFileName(file.name)
  if (!name) return { ok: false, problem: 'name' }
  if (file.size === 0) return { ok: false, problem: 'empty' }
  if (file.size > maxBytes) return { ok: false, problem: 'too_large' }
  const bytes = Buffer.from(await file.arrayBuffer())
  const content = checkContent(bytes, FORMATS_BY_KIND[kind])
  if (!content.ok) return content
  // A JPEG named "report.exe" is harmless to us but not to whoever downloads it elsewhere.
  if (!EXTENSIONS[content.format].includes(extensionOf(name))) {
    return { ok: false, problem: 'extension' }
  }
  return { ok: true, format: content.format, name, bytes }
}
