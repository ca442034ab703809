// What every scanner module reports: named rules that pass or fail, with the evidence.

export interface RuleResult {
  rule: string
  ok: boolean
  detail: string
}

export interface ScannerReport {
  scanner: 'testssl' | 'sslscan' | 'sqlmap' | 'server'
  /** The command line as run (secrets are not on it: certificates travel as file paths). */
  command: string
  durationMs: number
  rules: RuleResult[]
  /** Everything notable the scanner said (findings above INFO, injectable parameters …). */
  findings: string[]
}

export function rule(name: string, ok: boolean, detail: string): RuleResult {
  return { rule: name, ok, detail }
}

/** An AEAD suite (GCM, ChaCha20-Poly1305, CCM) in OpenSSL or IANA naming. */
export function isAead(cipher: string): boolean {
  return /GCM|CHACHA20|POLY1305|CCM/i.test(cipher)
}

/** Forward-secret key exchange: every TLS 1.3 suite, else an ECDHE suite. */
export function isEcdheOrTls13(cipher: string): boolean {
  return /^TLS_(AES|CHACHA20)_/i.test(cipher) || /^(ECDHE-|TLS_ECDHE_)/i.test(cipher)
}

/** Static-RSA key transport (no forward secrecy): e.g. AES256-GCM-SHA384, TLS_RSA_WITH_…. */
export function isStaticRsa(cipher: string): boolean {
  return /^TLS_RSA_/i.test(cipher) || /^(AES|CAMELLIA|ARIA|DES|RC4|SEED|IDEA|NULL)/i.test(cipher)
}

/** A CBC-mode suite: every non-AEAD block cipher suite. */
export function isCbc(cipher: string): boolean {
  return /CBC/i.test(cipher) || (!isAead(cipher) && /AES|CAMELLIA|ARIA|DES|SEED|IDEA/i.test(cipher))
}
