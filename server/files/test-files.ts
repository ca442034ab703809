import { deflateSync } from 'node:zlib'

// Sample uploads for tests: real small images and a PDF, and the hostile files the upload
// must refuse. Not a test file itself; it never imports the test runner.

function crc32(data: Buffer): number {
  let c = ~0
  for (const byte of data) {
    c ^= byte
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1))
  }
  return ~c >>> 0
}

function chunk(type: string, body: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(body.length)
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), body])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(typed))
  return Buffer.concat([len, typed, crc])
}

/** A real, displayable PNG of `size`×`size` pixels in one colour. */
export function samplePng(size = 8, rgb: [number, number, number] = [192, 255, 238]): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(size, 0)
  ihdr.writeUInt32BE(size, 4)
  ihdr.set([8, 2, 0, 0, 0], 8) // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array(size).fill(rgb).flat())])
  const pixels = Buffer.concat(Array(size).fill(row))
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** JPEG framing (SOI, JFIF APP0, EOI) around filler: enough for the content check. */
export function sampleJpeg(): Buffer {
  return Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
    Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'),
    Buffer.alloc(64, 0x11),
    Buffer.from([0xff, 0xd9]),
  ])
}

export function samplePdf(text = 'Passport scan'): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
      '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n' +
      '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >> endobj\n' +
      `% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  )
}

/** What the upload must refuse, each named for the test output. */
export function hostileFiles(): Record<string, Buffer> {
  const png = samplePng()
  return {
    'renamed .exe': Buffer.concat([Buffer.from('MZ\x90\0\x03\0\0\0', 'latin1'), Buffer.alloc(200)]),
    svg: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    html: Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>'),
    'png with a page appended': Buffer.concat([
      png,
      Buffer.from('<html><script>alert(1)</script>'),
    ]),
    'jpeg with a page appended': Buffer.concat([sampleJpeg(), Buffer.from('<script>x</script>')]),
    'page that starts like a jpeg': Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff]),
      Buffer.from('<html><script>alert(1)</script></html>'),
      Buffer.from([0xff, 0xd9]),
    ]),
    'pdf with javascript': Buffer.from(
      '%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n%%EOF\n',
      'latin1',
    ),
    'truncated png': png.subarray(0, png.length - 12),
  }
}
