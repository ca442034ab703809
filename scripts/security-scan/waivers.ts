// Findings a scanner reports that were reviewed and accepted, each with the reason and the
// place in docs/security.md that explains it. A waiver matches one finding id and its exact
// wording: a changed finding (or a new one) fails the scan again until someone reviews it.

export interface Waiver {
  scanner: 'testssl' | 'sslscan' | 'sqlmap'
  id: string
  finding: RegExp
  reason: string
}

export const WAIVERS: readonly Waiver[] = [
  {
    scanner: 'testssl',
    id: 'cert_revocation',
    finding: /^Neither CRL nor OCSP URI provided$/,
    reason:
      'the server certificate is trusted only by the clinic terminals through the clinic CA; ' +
      'there is no plain-HTTP place a terminal could fetch a CRL from, and a leaked server key ' +
      'means a compromised box, whose remedy is a new clinic CA (docs/security.md, "Accepted findings")',
  },
]

export function waiverFor(
  scanner: Waiver['scanner'],
  id: string,
  finding: string,
): Waiver | undefined {
  return WAIVERS.find((w) => w.scanner === scanner && w.id === id && w.finding.test(finding))
}
