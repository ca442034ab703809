import { createRequire } from 'node:module'
import type * as JpegJs from 'jpeg-js'
import type * as PngJs from 'pngjs'
import type { MedicalFileFormat } from './medical-files.table.js'

// Thumbnails are made once, at upload, in pure JavaScript (jpeg-js, pngjs: no native code to
// build or patch on the appliance), and stored encrypted beside the original. An image we
// cannot decode cheaply (12-bit or lossless JPEG from some sensors, a giant panorama) gets no
// thumbnail and the list shows an icon: the original is kept and viewable as-is either way.

export const THUMBNAIL_MAX_SIDE = 320
// Decoding runs on the event loop (about 60 ms per megapixel on the appliance): past this an
// upload would stall every terminal for over a second, so such images get an icon instead.
export const THUMBNAIL_MAX_PIXELS = 25_000_000

// The codecs (pngjs is two dozen modules) are loaded by the first upload, not at every server
// start. Both are CommonJS, so a synchronous require keeps makeThumbnail synchronous.
const require = createRequire(import.meta.url)
let codecs: { jpeg: typeof JpegJs; PNG: typeof PngJs.PNG } | undefined
function imageCodecs() {
  codecs ??= {
    jpeg: require('jpeg-js') as typeof JpegJs,
    PNG: (require('pngjs') as typeof PngJs).PNG,
  }
  return codecs
}

interface Rgba {
  width: number
  height: number
  data: Uint8Array
}

function pngSize(b: Buffer): { width: number; height: number } {
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) }
}

function decode(bytes: Buffer, format: MedicalFileFormat): Rgba | undefined {
  const { jpeg, PNG } = imageCodecs()
  if (format === 'jpeg') {
    return jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      maxResolutionInMP: THUMBNAIL_MAX_PIXELS / 1_000_000,
      maxMemoryUsageInMB: 512,
    })
  }
  if (format === 'png') {
    const { width, height } = pngSize(bytes)
    if (width * height > THUMBNAIL_MAX_PIXELS) return undefined
    const png = PNG.sync.read(bytes)
    return { width: png.width, height: png.height, data: png.data }
  }
  return undefined
}

/** Box-filter downscale onto white (X-ray PNGs may carry alpha), RGBA out. */
function downscale(src: Rgba, maxSide: number): Rgba {
  const scale = Math.min(1, maxSide / Math.max(src.width, src.height))
  const width = Math.max(1, Math.round(src.width * scale))
  const height = Math.max(1, Math.round(src.height * scale))
  const out = new Uint8Array(width * height * 4)
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor((y * src.height) / height)
    const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * src.height) / height))
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor((x * src.width) / width)
      const x1 = Math.max(x0 + 1, Math.floor(((x + 1) * src.width) / width))
      let r = 0
      let g = 0
      let b = 0
      for (let sy = y0; sy < y1; sy++) {
        for (let sx = x0; sx < x1; sx++) {
          const i = (sy * src.width + sx) * 4
          const a = src.data[i + 3]! / 255
          r += src.data[i]! * a + 255 * (1 - a)
          g += src.data[i + 1]! * a + 255 * (1 - a)
          b += src.data[i + 2]! * a + 255 * (1 - a)
        }
      }
      const n = (y1 - y0) * (x1 - x0)
      const o = (y * width + x) * 4
      out[o] = r / n
      out[o + 1] = g / n
      out[o + 2] = b / n
      out[o + 3] = 255
    }
  }
  return { width, height, data: out }
}

/**
 * A JPEG thumbnail of at most THUMBNAIL_MAX_SIDE pixels a side, or undefined when the format
 * has none (PDF, DICOM) or the image cannot be decoded cheaply. Never throws on content.
 */
export function makeThumbnail(bytes: Buffer, format: MedicalFileFormat): Buffer | undefined {
  // Outside the try: a codec that cannot load is a broken installation, not an odd image.
  const { jpeg } = imageCodecs()
  try {
    const image = decode(bytes, format)
    if (!image) return undefined
    const small = downscale(image, THUMBNAIL_MAX_SIDE)
    return jpeg.encode({ width: small.width, height: small.height, data: small.data }, 80).data
  } catch {
    // Undecodable by these libraries is not a bad file (the content check decided that).
    return undefined
  }
}
