#!/usr/bin/env node
// The installed operator CLI: runs the built code in dist/ (npm run build).
await import('../dist/server/cli.js')
