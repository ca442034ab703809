import { createServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { pkiPaths } from '../server/pki/index.js'
import { tlsOptions } from '../server/system/https-server.js'

// The machine's ceiling: node:https with Enamel's own TLS options (client certificate
// required and checked against the same CA and CRL, same ciphers and curves, same
// keep-alive), answering every request with a fixed page of the size the bench asks for.
// Usage (forked by bench/run.ts): bare-server.ts <dataDir> <bodyBytes>

const [dataDir, bytes] = process.argv.slice(2)
const body = Buffer.alloc(Number(bytes), 'x')
const server = createServer(
  { ...tlsOptions(pkiPaths(dataDir!)), keepAliveTimeout: 30_000 },
  (req, res) => {
    req.resume()
    req.on('end', () => {
      res.writeHead(200, {
        'content-type': 'text/html; charset=UTF-8',
        'content-length': body.length,
        'cache-control': 'no-store',
      })
      res.end(body)
    })
  },
)
server.on('tlsClientError', () => {})
server.listen(0, '127.0.0.1', () => {
  const addr = server.address() as AddressInfo
  process.send?.({ type: 'ready', url: `https://127.0.0.1:${addr.port}` })
})
process.on('message', (m: { type: string }) => {
  if (m.type === 'report') process.send?.({ type: 'report', rss: process.memoryUsage.rss() })
  if (m.type === 'stop') server.close(() => process.exit(0))
})
// The bench died or finished without saying stop: do not outlive it.
process.on('disconnect', () => process.exit(0))
