import { describe, expect, it } from 'vitest'
import { PASSWORD } from '../testing/test-app.js'
import { auditSetup } from './audit.fixtures.js'

// Checklist 26 (ASVS 7.1.1, 7.1.2): the logs hold no passwords, session tokens, CSRF tokens or
// patient identities, and nobody can forge a log line through a form field or a header.

const NEW_PASSWORD = 'Новый-пароль-для-журнала-2026'
const WRONG_PASSWORD = 'совсем-не-тот-пароль-77'
const PATIENT_NAME = 'Прохорова Алевтина Степановна'
const FORGED = '{"level":30,"time":1,"msg":"login ok","staffId":1}'

describe('log hygiene', () => {
  it('logs no secrets or patient names through sign-in, lock, password, audit and break-glass', async () => {
    const t = await auditSetup()
    const secrets = new Set<string>([PASSWORD, NEW_PASSWORD, WRONG_PASSWORD])
    const keep = (b: ReturnType<typeof t.browser>) => {
      for (const v of b.jar.values()) secrets.add(decodeURIComponent(v))
    }

    // Sign-ins: wrong password, unknown login, a login that tries to forge a log line.
    const desk = t.browser(t.reception)
    secrets.add(await desk.csrfToken('/login'))
    await desk.post('/login', { login: 'anna', password: WRONG_PASSWORD })
    await desk.post('/login', { login: 'nobody', password: WRONG_PASSWORD })
    await desk.post('/login', { login: `anna\n${FORGED}`, password: WRONG_PASSWORD })
    await desk.post('/login', { login: `anna\r\n${FORGED}`, password: `${PASSWORD}\n${FORGED}` })
    keep(desk)
    await desk.login('anna')
    keep(desk)
    secrets.add(await desk.csrfToken('/'))

    // Lock, a wrong unlock, the right unlock.
    await desk.post('/lock')
    await desk.post('/unlock', { password: WRONG_PASSWORD })
    await desk.post('/unlock', { password: PASSWORD })

    // Password change: a refused one, then a good one; sign in again with the new password.
    await desk.post('/password', { current: WRONG_PASSWORD, password: 'short', repeat: 'short' })
    await desk.post('/password', {
      current: PASSWORD,
      password: NEW_PASSWORD,
      repeat: NEW_PASSWORD,
    })
    await desk.post('/logout')
    await desk.login('anna', NEW_PASSWORD)
    keep(desk)

    // A forged cross-site post is refused and logged; its Origin holds fake JSON.
    await desk.request('/lock', {
      method: 'POST',
      headers: { origin: `https://evil.test/${FORGED}` },
      form: { _csrf: 'x' },
    })

    // Break-glass with a patient's name in the reason (the trail may hold it; logs may not).
    const chair = t.browser(t.surgery)
    await chair.login('doc')
    keep(chair)
    await chair.post('/break-glass/42', { reason: `Пришла ${PATIENT_NAME}, острая боль` })

    // The owner searches the trail, exports it, prints a patient report, reviews the grant.
    keep(t.owner)
    secrets.add(await t.owner.csrfToken('/audit'))
    await t.owner.request('/audit?patient=42&prefix=break_glass.')
    await t.owner.request('/audit?patient=abc')
    await (await t.owner.request('/audit/export.csv?patient=42')).text()
    await t.owner.request('/audit/patients/42')
    const grant = await t.db.selectFrom('break_glass').select('id').executeTakeFirstOrThrow()
    await t.owner.post(`/audit/break-glass/${grant.id}/review`, {
      note: `Проверено: ${PATIENT_NAME}`,
    })

    const events = await t.events()
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['break_glass.start', 'audit.export', 'audit.patient_report']),
    )

    // Every write is one line, and every line is one JSON object: nothing was forged.
    expect(t.logLines.length).toBeGreaterThan(20)
    const entries = t.logLines.map((chunk) => {
      expect(chunk.endsWith('\n')).toBe(true)
      expect(chunk.slice(0, -1)).not.toMatch(/[\r\n]/)
      const parsed: unknown = JSON.parse(chunk)
      expect(typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)).toBe(true)
      return parsed as Record<string, unknown>
    })
    expect(entries.filter((e) => e.msg === 'login ok')).toEqual([])
    expect(entries.some((e) => e.msg === 'csrf refused')).toBe(true)

    const log = t.logLines.join('')
    for (const secret of [...secrets].filter((s) => s.length >= 8)) {
      expect(log, 'a secret in the log').not.toContain(secret)
    }
    expect(log).not.toContain(PATIENT_NAME)
    expect(log).not.toContain('Прохорова')
    // Query strings (even of ids) stay out: requests are logged by route pattern.
    expect(log).not.toContain('patient=42')
  })
})
