import type { MiddlewareHandler } from 'hono'

// No inline script or style anywhere: htmx is configured (in the layout's meta tag) to need neither.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ')

/**
 * Sets the browser-hardening headers on every response (checklist 28, 29). A route that
 * needs its own CSP (inline file views) sets it and this middleware leaves it alone.
 * Responses are `no-store` unless a route chose a cache policy (only static assets do).
 */
export function securityHeaders(): MiddlewareHandler {
  return async function securityHeaders(c, next) {
    await next()
    const h = c.res.headers
    if (!h.has('Content-Security-Policy')) h.set('Content-Security-Policy', CONTENT_SECURITY_POLICY)
    h.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains')
    h.set('X-Content-Type-Options', 'nosniff')
    h.set('Referrer-Policy', 'no-referrer')
    h.set('X-Frame-Options', 'DENY')
    h.set('Cross-Origin-Opener-Policy', 'same-origin')
    h.set('Cross-Origin-Resource-Policy', 'same-origin')
    h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()')
    if (!h.has('Cache-Control')) h.set('Cache-Control', 'no-store')
  }
}
