import { describe, expect, it } from 'vitest'
import { judgeSqlmap } from '../scripts/security-scan/sqlmap.js'
import { judgeSslscan, parseSslscanXml } from '../scripts/security-scan/sslscan.js'
import { formFields } from '../scripts/security-scan/session.js'
import {
  judgeTestssl,
  parseTestsslJson,
  type TestsslFinding,
} from '../scripts/security-scan/testssl.js'

// The verdicts of `npm run security-scan` come from parsing the scanners' own reports. These
// fixtures are trimmed from real runs against Enamel (testssl 3.0.8, sslscan 2.0.7,
// sqlmap 1.7.2); each refusal case changes one thing and must flip exactly that rule.

const TESTSSL_GOOD: TestsslFinding[] = [
  { id: 'service', severity: 'INFO', finding: 'HTTP' },
  { id: 'SSLv2', severity: 'OK', finding: 'not offered' },
  { id: 'SSLv3', severity: 'OK', finding: 'not offered' },
  { id: 'TLS1', severity: 'INFO', finding: 'not offered' },
  { id: 'TLS1_1', severity: 'INFO', finding: 'not offered' },
  { id: 'TLS1_2', severity: 'OK', finding: 'offered' },
  { id: 'TLS1_3', severity: 'OK', finding: 'offered with final' },
  {
    id: 'cipherorder_TLSv1_2',
    severity: 'INFO',
    finding: 'ECDHE-RSA-AES256-GCM-SHA384 ECDHE-RSA-CHACHA20-POLY1305 ECDHE-RSA-AES128-GCM-SHA256',
  },
  {
    id: 'cipherorder_TLSv1_3',
    severity: 'INFO',
    finding: 'TLS_AES_256_GCM_SHA384 TLS_CHACHA20_POLY1305_SHA256 TLS_AES_128_GCM_SHA256',
  },
  { id: 'cert_chain_of_trust', severity: 'OK', finding: 'passed.' },
  { id: 'cert_revocation', severity: 'HIGH', finding: 'Neither CRL nor OCSP URI provided' },
  { id: 'HSTS_time', severity: 'OK', finding: '730 days (=63072000 seconds) > 15552000 seconds' },
  { id: 'heartbleed', severity: 'OK', finding: 'not vulnerable, no heartbeat extension' },
]

function testssl(change: (f: TestsslFinding[]) => TestsslFinding[]) {
  const { rules } = judgeTestssl(change(structuredClone(TESTSSL_GOOD)))
  return Object.fromEntries(rules.map((r) => [r.rule, r.ok]))
}

function replace(id: string, patch: Partial<TestsslFinding>) {
  return (fs: TestsslFinding[]) => fs.map((f) => (f.id === id ? { ...f, ...patch } : f))
}

describe('testssl verdicts', () => {
  it('passes the real run, with the reviewed cert_revocation waiver only', () => {
    const { rules, notable } = judgeTestssl(TESTSSL_GOOD)
    expect(rules.filter((r) => !r.ok)).toEqual([])
    expect(notable.join('\n')).toMatch(/HIGH cert_revocation: .* — WAIVED/)
  })

  it('fails on an unwaived HIGH or CRITICAL, and on a waived id whose wording changed', () => {
    const critical = (fs: TestsslFinding[]) => [
      ...fs,
      { id: 'cert_chain_of_trust', severity: 'CRITICAL', finding: 'failed (chain incomplete).' },
    ]
    expect(testssl(critical)['no HIGH or CRITICAL finding (clinic CA added)']).toBe(false)
    const reworded = replace('cert_revocation', { finding: 'No CRL, no OCSP, and more' })
    expect(testssl(reworded)['no HIGH or CRITICAL finding (clinic CA added)']).toBe(false)
  })

  it('fails when a protocol below TLS 1.2 is offered or its result is missing', () => {
    expect(testssl(replace('TLS1', { finding: 'offered (deprecated)' }))['TLS 1.2+ only']).toBe(
      false,
    )
    expect(testssl((fs) => fs.filter((f) => f.id !== 'SSLv3'))['TLS 1.2+ only']).toBe(false)
  })

  it('fails on a CBC or static-RSA suite, and when no suite was listed at all', () => {
    const rule = 'ECDHE with AEAD suites only'
    const cbc = replace('cipherorder_TLSv1_2', {
      finding: 'ECDHE-RSA-AES256-GCM-SHA384 ECDHE-RSA-AES128-SHA256',
    })
    expect(testssl(cbc)[rule]).toBe(false)
    const rsa = replace('cipherorder_TLSv1_2', { finding: 'AES256-GCM-SHA384' })
    expect(testssl(rsa)[rule]).toBe(false)
    expect(testssl((fs) => fs.filter((f) => !f.id.startsWith('cipherorder_')))[rule]).toBe(false)
  })

  it('fails without HSTS or with a max-age under a year', () => {
    const rule = 'HSTS present, max-age >= 1 year'
    expect(testssl((fs) => fs.filter((f) => f.id !== 'HSTS_time'))[rule]).toBe(false)
    const short = replace('HSTS_time', {
      finding: '1 day (=86400 seconds) < 15552000 seconds',
      severity: 'MEDIUM',
    })
    expect(testssl(short)[rule]).toBe(false)
  })

  it('fails when the client certificate did not get testssl to HTTP, or it reported a scan problem', () => {
    const skipped = replace('service', {
      finding: 'certificate-based authentication => skipping all HTTP checks',
    })
    expect(testssl(skipped)['client certificate accepted (HTTP service reached)']).toBe(false)
    const problem = (fs: TestsslFinding[]) => [
      ...fs,
      { id: 'scanProblem', severity: 'FATAL', finding: "Can't connect" },
    ]
    expect(testssl(problem)['testssl completed without scan problems']).toBe(false)
  })

  it('reads only a JSON array', () => {
    expect(parseTestsslJson(JSON.stringify(TESTSSL_GOOD))).toHaveLength(TESTSSL_GOOD.length)
    expect(() => parseTestsslJson('{"scanResult": []}')).toThrow(/not an array/)
  })
})

const SSLSCAN_XML = `<?xml version="1.0" encoding="UTF-8"?>
<document title="SSLScan Results" version="2.0.7" web="http://github.com/rbsec/sslscan">
 <ssltest host="127.0.0.1" sniname="127.0.0.1" port="46417">
  <protocol type="ssl" version="2" enabled="0" />
  <protocol type="ssl" version="3" enabled="0" />
  <protocol type="tls" version="1.0" enabled="0" />
  <protocol type="tls" version="1.1" enabled="0" />
  <protocol type="tls" version="1.2" enabled="1" />
  <protocol type="tls" version="1.3" enabled="1" />
  <renegotiation supported="0" secure="0" />
  <heartbleed sslversion="TLSv1.3" vulnerable="0" />
  <heartbleed sslversion="TLSv1.2" vulnerable="0" />
  <cipher status="preferred" sslversion="TLSv1.3" bits="256" cipher="TLS_AES_256_GCM_SHA384" id="0x1302" strength="acceptable" curve="25519" ecdhebits="253" />
  <cipher status="accepted" sslversion="TLSv1.3" bits="256" cipher="TLS_CHACHA20_POLY1305_SHA256" id="0x1303" strength="acceptable" curve="25519" ecdhebits="253" />
  <cipher status="preferred" sslversion="TLSv1.2" bits="256" cipher="ECDHE-RSA-AES256-GCM-SHA384" id="0xC030" strength="strong" curve="25519" ecdhebits="253" />
  <cipher status="accepted" sslversion="TLSv1.2" bits="256" cipher="ECDHE-RSA-CHACHA20-POLY1305" id="0xCCA8" strength="strong" curve="25519" ecdhebits="253" />
 </ssltest>
</document>`

function sslscan(xml: string) {
  return Object.fromEntries(judgeSslscan(parseSslscanXml(xml)).rules.map((r) => [r.rule, r.ok]))
}

const withCipher = (name: string) =>
  SSLSCAN_XML.replace(
    '</ssltest>',
    `<cipher status="accepted" sslversion="TLSv1.2" bits="256" cipher="${name}" id="0x0000" strength="medium" />\n</ssltest>`,
  )

describe('sslscan verdicts', () => {
  it('passes the real run', () => {
    expect(Object.values(sslscan(SSLSCAN_XML)).every(Boolean)).toBe(true)
  })

  it('fails on a static-RSA suite and on a CBC suite, each by its own rule', () => {
    const rsa = sslscan(withCipher('AES256-GCM-SHA384'))
    expect(rsa['no static-RSA suite']).toBe(false)
    expect(rsa['no CBC (non-AEAD) suite']).toBe(true)
    const cbc = sslscan(withCipher('ECDHE-RSA-AES128-SHA256'))
    expect(cbc['no static-RSA suite']).toBe(true)
    expect(cbc['no CBC (non-AEAD) suite']).toBe(false)
    expect(sslscan(withCipher('AES128-SHA'))['no static-RSA suite']).toBe(false)
  })

  it('fails on TLS 1.0, and when no suite was accepted (the certificate was refused)', () => {
    const tls10 = SSLSCAN_XML.replace('version="1.0" enabled="0"', 'version="1.0" enabled="1"')
    expect(sslscan(tls10)['no protocol below TLS 1.2']).toBe(false)
    const none = SSLSCAN_XML.replace(/<cipher [^>]*\/>/g, '')
    expect(
      sslscan(none)['handshake completed with the client certificate (suites enumerated)'],
    ).toBe(false)
  })

  it('refuses a file that is not an sslscan report', () => {
    expect(() => parseSslscanXml('<html></html>')).toThrow(/not an sslscan XML report/)
  })
})

const CSV_HEADER = 'Target URL,Place,Parameter,Technique(s),Note(s)\n'
const CLEAN_LOG = `[09:08:07] [INFO] testing URL 'https://127.0.0.1:46417/patients/search'
[09:08:20] [WARNING] POST parameter 'q' does not seem to be injectable
[09:08:25] [ERROR] all tested parameters do not appear to be injectable. Try to increase values for '--level'/'--risk' options, skipping to the next target
[09:08:26] [INFO] testing URL 'https://127.0.0.1:46417/patients/1*'
[09:08:30] [ERROR] all tested parameters do not appear to be injectable. Try to increase values, skipping to the next target
`

function sqlmap(csv: string, log: string, expected = 2) {
  return Object.fromEntries(judgeSqlmap(csv, log, expected).rules.map((r) => [r.rule, r.ok]))
}

describe('sqlmap verdicts', () => {
  it('passes when every target was tested and the results file has only its header', () => {
    expect(Object.values(sqlmap(CSV_HEADER, CLEAN_LOG)).every(Boolean)).toBe(true)
  })

  it('fails on a row in the results file, or an injection point in the log', () => {
    const row = CSV_HEADER + 'https://127.0.0.1:46417/patients/search,POST,q,BT,\n'
    expect(sqlmap(row, CLEAN_LOG)['nothing injectable']).toBe(false)
    const log =
      CLEAN_LOG +
      "[09:09:00] [INFO] POST parameter 'q' is 'SQLite AND boolean-based blind' injectable\n"
    expect(sqlmap(CSV_HEADER, log)['nothing injectable']).toBe(false)
  })

  it('fails when a target could not be reached or signed in, or was never tested', () => {
    const refused = CLEAN_LOG.replace(
      /\[ERROR\] all tested[^\n]*\n$/,
      '[ERROR] not authorized, try to provide right HTTP authentication type and valid credentials (401), skipping to the next target\n',
    )
    expect(sqlmap(CSV_HEADER, refused)['every target tested']).toBe(false)
    expect(sqlmap(CSV_HEADER, CLEAN_LOG, 3)['every target tested']).toBe(false)
  })

  it('fails without the results file, and on a database error the heuristic saw', () => {
    expect(sqlmap('', CLEAN_LOG)['results file written (multiple-targets mode)']).toBe(false)
    const leak =
      CLEAN_LOG +
      "[09:09:01] [INFO] heuristic (basic) test shows that POST parameter 'q' might be injectable (possible DBMS: 'SQLite')\n"
    expect(sqlmap(CSV_HEADER, leak)['no database error leaked (heuristic)']).toBe(false)
    // a quote that only changes the page (422 instead of 303) names no DBMS: not a leak
    const changed =
      CLEAN_LOG +
      "[10:08:29] [INFO] heuristic (basic) test shows that POST parameter 'patient_id' might be injectable\n"
    expect(sqlmap(CSV_HEADER, changed)['no database error leaked (heuristic)']).toBe(true)
  })
})

describe('form fields for sqlmap', () => {
  it('reads inputs, the selected option and textareas of the form with that action only', () => {
    const html = `<form method="post" action="/logout"><input type="hidden" name="_csrf" value="t1"></form>
      <form method="post" action="/patients/7/update">
        <input type="hidden" name="_csrf" value="t1"><input name="surname" value="O&#39;Брайен &amp; Ко">
        <select name="sex"><option value="">—</option><option value="female" selected>ж</option></select>
        <textarea name="address">Москва</textarea><input type="checkbox" name="sms" value="1">
        <button type="submit" name="intent" value="save">OK</button>
      </form>`
    expect(formFields(html, '/patients/7/update')).toEqual({
      _csrf: 't1',
      surname: "O'Брайен & Ко",
      sex: 'female',
      address: 'Москва',
    })
    expect(() => formFields(html, '/patients')).toThrow(/no form with action/)
  })
})
