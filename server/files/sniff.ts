// What an upload really is, decided by its bytes, never by its name or the browser's
// Content-Type. Each sniffer checks the format's start and end markers, so a renamed .exe,
// an SVG, an HTML page or a polyglot (an image with a page appended) is refused.

/** A recognisable file format. Add new ones (DICOM…) as more sniffers; never loosen these. */
export interface Sniffer {
  mediaType: string
  /** The file extension used in download names. */
  extension: string
  matches(data: Buffer): boolean
}

const ascii = (data: Buffer, start: number, end: number) =>
  data.subarray(Math.max(0, start), Math.max(0, end)).toString('latin1')

export const JPEG: Sniffer = {
  mediaType: 'image/jpeg',
  extension: 'jpg',
  matches(data) {
    if (data.length < 4 || data[0] !== 0xff || data[1] !== 0xd8 || data[2] !== 0xff) return false
    // The end-of-image marker closes the file (a little zero padding allowed): bytes after
    // it are how image/page polyglots are usually built.
    const eoi = data.lastIndexOf(Buffer.from([0xff, 0xd9]))
    return eoi > 2 && data.subarray(eoi + 2).every((b) => b === 0)
  },
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const PNG_IEND = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82])

export const PNG: Sniffer = {
  mediaType: 'image/png',
  extension: 'png',
  matches(data) {
    return (
      data.length >= PNG_SIGNATURE.length + 25 + PNG_IEND.length &&
      data.subarray(0, 8).equals(PNG_SIGNATURE) &&
      ascii(data, 12, 16) === 'IHDR' &&
      data.subarray(data.length - PNG_IEND.length).equals(PNG_IEND)
    )
  },
}

export const PDF: Sniffer = {
  mediaType: 'application/pdf',
  extension: 'pdf',
  matches(data) {
    if (!/^%PDF-\d\.\d/.test(ascii(data, 0, 8))) return false
    if (!ascii(data, data.length - 1024, data.length).includes('%%EOF')) return false
    // A scan needs no scripts, launch actions or embedded files; those are how a PDF attacks.
    // Stream bodies are skipped: compressed bytes spell "/JS" by chance in large files.
    const objects = data.toString('latin1').replace(/stream\r?\n[\s\S]*?endstream/g, '')
    // Markup anywhere outside the streams (not only in the first kilobyte) makes a polyglot.
    return (
      !/\/(JavaScript|JS|Launch|EmbeddedFile|RichMedia)\b/.test(objects) && !MARKUP.test(objects)
    )
  },
}

/** The formats accepted for identity documents, policies and consent scans. */
export const SCAN_SNIFFERS: readonly Sniffer[] = [JPEG, PNG, PDF]

// Browsers sniff markup from the first bytes; a real image or PDF never starts like a page.
const MARKUP = /<(!doctype|html|head|body|script|svg|iframe|object|embed|\?xml)/i

/**
 * The format of `data` among `sniffers`, or undefined when none matches or the start of the
 * file looks like markup. Pure; never throws.
 */
export function sniffFile(
  data: Buffer,
  sniffers: readonly Sniffer[] = SCAN_SNIFFERS,
): Sniffer | undefined {
  if (MARKUP.test(ascii(data, 0, 1024))) return undefined
  return sniffers.find((s) => s.matches(data))
}
