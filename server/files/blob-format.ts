import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

// The on-disk form of one attachment (checklist 34):
//   "ENMF" | version 1 | key id length | key id (ASCII) |
//   wrap iv (12) | wrapped file key (32) | wrap tag (16) | data iv (12) |
//   ciphertext | data tag (16)
// Each file has its own random AES-256-GCM key, wrapped (AES-256-GCM) by the key named in the
// header; the whole header is authenticated with the data, so nothing in it can be swapped.

const MAGIC = Buffer.from('ENMF', 'ascii')
const VERSION = 1
const IV = 12
const TAG = 16
const KEY = 32

/** Thrown when a blob is not one of ours, names an unknown key, or fails authentication. */
export class BlobFormatError extends Error {
  override name = 'BlobFormatError'
}

/** Encrypts `plaintext` under a fresh file key wrapped by `wrapKey` (named `keyId`). */
export function sealBlob(plaintext: Buffer, keyId: string, wrapKey: Buffer, aad: string): Buffer {
  const id = Buffer.from(keyId, 'ascii')
  if (id.length === 0 || id.length > 255) throw new BlobFormatError('bad key id')
  const prefix = Buffer.concat([MAGIC, Buffer.from([VERSION, id.length]), id])
  const fileKey = randomBytes(KEY)
  const wrapIv = randomBytes(IV)
  const wrap = createCipheriv('aes-256-gcm', wrapKey, wrapIv)
  wrap.setAAD(Buffer.concat([prefix, Buffer.from(aad)]))
  const wrapped = Buffer.concat([wrap.update(fileKey), wrap.final()])
  const dataIv = randomBytes(IV)
  const header = Buffer.concat([prefix, wrapIv, wrapped, wrap.getAuthTag(), dataIv])
  const cipher = createCipheriv('aes-256-gcm', fileKey, dataIv)
  cipher.setAAD(Buffer.concat([header, Buffer.from(aad)]))
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()])
  fileKey.fill(0)
  return Buffer.concat([header, body, cipher.getAuthTag()])
}

/** The key id a blob names, without decrypting it. @throws BlobFormatError */
export function blobKeyId(blob: Buffer): string {
  if (blob.length < 6 || !blob.subarray(0, 4).equals(MAGIC) || blob[4] !== VERSION) {
    throw new BlobFormatError('not an Enamel file blob')
  }
  return blob.subarray(6, 6 + blob[5]!).toString('ascii')
}

/**
 * Decrypts and authenticates a blob. `keys` maps key ids to wrapping keys.
 * @throws BlobFormatError for a foreign, truncated or altered blob or an unknown key id.
 */
export function openBlob(
  blob: Buffer,
  keys: Readonly<Record<string, Buffer>>,
  aad: string,
): Buffer {
  const keyId = blobKeyId(blob)
  const wrapKey = Object.hasOwn(keys, keyId) ? keys[keyId] : undefined
  if (!wrapKey) throw new BlobFormatError(`unknown file key ${keyId}`)
  const prefixEnd = 6 + blob[5]!
  const headerEnd = prefixEnd + IV + KEY + TAG + IV
  if (blob.length < headerEnd + TAG) throw new BlobFormatError('truncated file blob')
  const prefix = blob.subarray(0, prefixEnd)
  let at = prefixEnd
  const take = (n: number) => blob.subarray(at, (at += n))
  const wrapIv = take(IV)
  const wrapped = take(KEY)
  const wrapTag = take(TAG)
  const dataIv = take(IV)
  try {
    const unwrap = createDecipheriv('aes-256-gcm', wrapKey, wrapIv)
    unwrap.setAAD(Buffer.concat([prefix, Buffer.from(aad)]))
    unwrap.setAuthTag(wrapTag)
    const fileKey = Buffer.concat([unwrap.update(wrapped), unwrap.final()])
    const decipher = createDecipheriv('aes-256-gcm', fileKey, dataIv)
    decipher.setAAD(Buffer.concat([blob.subarray(0, headerEnd), Buffer.from(aad)]))
    decipher.setAuthTag(blob.subarray(blob.length - TAG))
    const out = Buffer.concat([
      decipher.update(blob.subarray(headerEnd, blob.length - TAG)),
      decipher.final(),
    ])
    fileKey.fill(0)
    return out
  } catch {
    throw new BlobFormatError('file blob failed authentication')
  }
}
