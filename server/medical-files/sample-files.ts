import jpeg from 'jpeg-js'
import { PNG } from 'pngjs'

// Small real files of each accepted format, made in memory for tests. Not a test file.

function gradient(width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 4)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4
      const v = Math.round((255 * (x + y)) / (width + height))
      data[i] = v
      data[i + 1] = v
      data[i + 2] = v
      data[i + 3] = 255
    }
  }
  return data
}

export function sampleJpeg(width = 640, height = 480): Buffer {
  return jpeg.encode({ width, height, data: gradient(width, height) }, 85).data
}

export function samplePng(width = 400, height = 300): Buffer {
  const png = new PNG({ width, height })
  gradient(width, height).copy(png.data)
  return PNG.sync.write(png)
}

export function samplePdf(extra = ''): Buffer {
  const body = [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    `3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] ${extra} >> endobj`,
    'trailer << /Root 1 0 R >>',
    '%%EOF',
  ]
  return Buffer.from(body.join('\n') + '\n', 'latin1')
}

/** A DICOM Part 10 header: zero preamble, "DICM", one file meta element. */
export function sampleDicom(preamble = Buffer.alloc(128)): Buffer {
  const meta = Buffer.from([0x02, 0x00, 0x10, 0x00, 0x55, 0x49, 0x04, 0x00, 0x31, 0x2e, 0x32, 0x00])
  return Buffer.concat([preamble, Buffer.from('DICM'), meta, Buffer.alloc(256, 7)])
}
