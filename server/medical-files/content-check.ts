import { crc32 } from 'node:zlib'
import { JPEG, PDF, PNG, sniffFile, type Sniffer } from '../files/sniff.js'
import type { MedicalFileFormat } from './medical-files.table.js'

// What a file is, decided by its bytes, never by its name or the browser's Content-Type.
// Beyond the magic numbers, each format is walked far enough to refuse polyglots: a file that
// is a valid image to us and something else (a page, a script, an archive, a program) to
// another reader.

export type ContentProblem = 'type' | 'polyglot' | 'damaged'
export type ContentCheck =
  { ok: true; format: MedicalFileFormat } | { ok: false; problem: ContentProblem }

const ascii = (b: Uint8Array, at: number, s: string) =>
  b.length >= at + s.length && [...s].every((ch, i) => b[at + i] === ch.charCodeAt(0))

/** DICOM Part 10: a 128-byte preamble, then "DICM". */
export function isDicom(b: Uint8Array): boolean {
  return ascii(b, 128, 'DICM')
}

/** The files store's sniffers extended with DICOM, stored as-is and offered as a download. */
export const DICOM: Sniffer = {
  mediaType: 'application/dicom',
  extension: 'dcm',
  matches: (data) => isDicom(data),
}

const SNIFFERS: Record<MedicalFileFormat, Sniffer> = {
  jpeg: JPEG,
  png: PNG,
  pdf: PDF,
  dicom: DICOM,
}

/** The format by magic number alone; DICOM first, as its preamble may look like anything. */
export function sniffMedical(b: Uint8Array): MedicalFileFormat | undefined {
  if (isDicom(b)) return 'dicom'
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg'
  if (ascii(b, 0, '\x89PNG\r\n\x1a\n')) return 'png'
  if (ascii(b, 0, '%PDF-')) return 'pdf'
  return undefined
}

// Markup or script that a browser or an interpreter would run if it ever read the bytes as text.
const ACTIVE_TEXT = /<(script|html|svg|iframe|object|embed|\?php|!doctype)[\s>/]|javascript:/i
// PDF actions that run or launch something; lab reports never need them.
const PDF_ACTIVE = /\/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA|SubmitForm|ImportData)\b/
// Other formats' signatures that must not hide in a DICOM preamble (PE, ELF, ZIP, PDF, scripts).
const PREAMBLE_FORBIDDEN = ['MZ', '\x7fELF', 'PK', '%PDF', '#!', '<']

function pngProblem(b: Buffer): ContentProblem | undefined {
  let at = 8
  let first = true
  while (at + 12 <= b.length) {
    const len = b.readUInt32BE(at)
    const type = b.toString('latin1', at + 4, at + 8)
    const end = at + 12 + len
    if (end > b.length || (first && type !== 'IHDR')) return 'damaged'
    if (crc32(b.subarray(at + 4, at + 8 + len)) !== b.readUInt32BE(at + 8 + len)) return 'damaged'
    first = false
    at = end
    // Nothing may follow IEND: appended archives and pages live there.
    if (type === 'IEND') return at === b.length ? undefined : 'polyglot'
  }
  return 'damaged'
}

function jpegProblem(b: Buffer): ContentProblem | undefined {
  // A PDF reader looks for "%PDF-" in the first kilobyte, whatever precedes it.
  if (b.subarray(0, 1024).toString('latin1').includes('%PDF-')) return 'polyglot'
  // Zero padding after EOI is tolerated; anything else (an archive, a page) is not.
  let end = b.length
  while (end > 2 && b[end - 1] === 0) end--
  if (b[end - 2] === 0xff && b[end - 1] === 0xd9) return undefined
  return b.includes(Buffer.from([0xff, 0xd9])) ? 'polyglot' : 'damaged'
}

function pdfProblem(b: Buffer): ContentProblem | undefined {
  const tail = b.subarray(Math.max(0, b.length - 1024)).toString('latin1')
  if (!tail.includes('%%EOF')) return 'damaged'
  // Stream bodies are skipped (compressed bytes spell "/JS" by chance in large files); names
  // may be written with #xx escapes (/J#61vaScript), undone before looking.
  const text = b
    .toString('latin1')
    .replace(/stream\r?\n[\s\S]*?endstream/g, '')
    .replace(/#([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))
  // Markup outside the streams is a PDF/HTML polyglot: a page to anything reading it as text.
  return PDF_ACTIVE.test(text) || ACTIVE_TEXT.test(text) ? 'polyglot' : undefined
}

function dicomProblem(b: Buffer): ContentProblem | undefined {
  const preamble = b.subarray(0, 128)
  // PE/DICOM polyglots (a program in the preamble) are a known attack on imaging archives.
  return PREAMBLE_FORBIDDEN.some((sig) => ascii(preamble, 0, sig)) ? 'polyglot' : undefined
}

const PROBLEM: Record<MedicalFileFormat, (b: Buffer) => ContentProblem | undefined> = {
  png: pngProblem,
  jpeg: jpegProblem,
  pdf: pdfProblem,
  dicom: dicomProblem,
}

/**
 * Decides whether `bytes` is an acceptable file of one of `allowed` formats.
 * 'type': not one of them at all (an .exe, an SVG, a Word file); 'polyglot': looks like one
 * but carries another format inside or after it; 'damaged': the structure does not hold.
 */
export function checkContent(bytes: Buffer, allowed: readonly MedicalFileFormat[]): ContentCheck {
  const format = sniffMedical(bytes)
  if (!format || !allowed.includes(format)) return { ok: false, problem: 'type' }
  if (format !== 'pdf' && ACTIVE_TEXT.test(bytes.toString('latin1'))) {
    return { ok: false, problem: 'polyglot' }
  }
  const problem = PROBLEM[format](bytes)
  if (problem) return { ok: false, problem }
  // The platform's own sniff has the last word, so medical files are never looser than others.
  return sniffFile(bytes, [SNIFFERS[format]])
    ? { ok: true, format }
    : { ok: false, problem: 'damaged' }
}
