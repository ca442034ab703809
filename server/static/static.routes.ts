import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { Hono } from 'hono'
import { allow } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
}

interface Asset {
  body: Uint8Array
  type: string
  etag: string
}

function loadAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>()
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const file = path.join(entry.parentPath, entry.name)
    const type = TYPES[path.extname(file)]
    if (!type) continue
    const body = readFileSync(file)
    const rel = path.relative(dir, file).split(path.sep).join('/')
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`
    assets.set(rel, { body, type, etag })
  }
  return assets
}

/**
 * Serves the files of static/ from memory: a fixed set read at start, so no request path
 * ever reaches the file system (no traversal). Public: no patient data lives there.
 */
export function staticRoutes(dir: string) {
  const assets = loadAssets(dir)
  const app = new Hono<AppEnv>()
  app.get('/static/*', allow('public'), (c) => {
    const asset = assets.get(c.req.path.slice('/static/'.length))
    if (!asset) return c.notFound()
    c.header('Cache-Control', 'public, max-age=3600, must-revalidate')
    c.header('ETag', asset.etag)
    if (c.req.header('if-none-match') === asset.etag) return c.body(null, 304)
    c.header('Content-Type', asset.type)
    return c.body(asset.body as Uint8Array<ArrayBuffer>)
  })
  return app
}
