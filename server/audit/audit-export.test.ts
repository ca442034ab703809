import { describe, expect, it } from 'vitest'
import { verifyAuditChain } from './audit.service.js'
import { auditSetup } from './audit.fixtures.js'

/** Splits RFC 4180 text (quoted fields may hold ; and line breaks) into records of fields. */
function parseCsv(text: string, sep = ';'): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"'
      i++
    } else if (ch === '"') {
      quoted = !quoted
    } else if (!quoted && ch === sep) {
      row.push(field)
      field = ''
    } else if (!quoted && ch === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i++
    } else {
      field += ch
    }
  }
  return rows
}

describe('CSV export', () => {
  it('sends a BOM-prefixed UTF-8 attachment, no-store, with a header row', async () => {
    const t = await auditSetup()
    const res = await t.owner.request('/audit/export.csv')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="enamel-audit-2026-11-29\.csv"$/,
    )
    expect(res.headers.get('cache-control')).toBe('no-store')
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
    expect(text.startsWith('\uFEFFНомер события;Время (UTC);Время (Europe/Moscow);')).toBe(true)
  })

  it('quotes, keeps line breaks and Cyrillic, and defuses formulas in every cell', async () => {
    const t = await auditSetup()
    await t.record(
      { staffId: null, deviceId: t.reception.id, zone: 'reception' },
      {
        action: 'auth.login',
        outcome: 'failed',
        details: { login: '=HYPERLINK("http://evil","Жми")' },
      },
      '2026-11-29T08:00:00Z',
    )
    await t.record(
      t.asDoctor,
      { action: 'medical.card.open', patientId: 42, category: '+анамнез; "жалобы"\nи т.д.' },
      '2026-11-29T08:01:00Z',
    )
    const text = (await (await t.owner.request('/audit/export.csv?prefix=')).text()).slice(1)
    const rows = parseCsv(text)
    const header = rows[0]!
    const col = (name: string) => header.indexOf(name)
    const open = rows.find((r) => r[col('Код действия')] === 'medical.card.open')!
    expect(open[col('Действие')]).toBe('Открыта медицинская карта')
    expect(open[col('Пациент, №')]).toBe('42')
    expect(open[col('Сотрудник')]).toBe('Test doc')
    expect(open[col('Терминал')]).toBe('chair-1')
    expect(open[col('Зона')]).toBe('Кабинет')
    expect(open[col('Время (UTC)')]).toBe('2026-11-29T08:01:00.000Z')
    expect(open[col('Время (Europe/Moscow)')]).toBe('29.11.2026, 11:01')
    expect(open[col('Категория данных')]).toBe('\'+анамнез; "жалобы"\nи т.д.')
    const failed = rows.find(
      (r) => r[col('Код действия')] === 'auth.login' && r[col('Результат')] === 'неудачно',
    )!
    expect(failed[col('Действие')]).toBe('Неудачный вход')
    // The details cell starts with "{", so it is not a formula; the stored JSON is kept whole.
    expect(JSON.parse(failed[col('Подробности')]!)).toEqual({
      login: '=HYPERLINK("http://evil","Жми")',
    })
    for (const r of rows) {
      expect(r).toHaveLength(header.length)
      for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/)
    }
  })

  it('exports the current filter only, and records the export with that filter', async () => {
    const t = await auditSetup()
    await t.record(
      t.asDoctor,
      { action: 'medical.card.open', patientId: 42 },
      '2026-11-29T08:00:00Z',
    )
    await t.record(
      t.asDoctor,
      { action: 'medical.card.open', patientId: 7 },
      '2026-11-29T08:00:00Z',
    )
    const text = await (
      await t.owner.request('/audit/export.csv?patient=42&from=2026-11-29&to=2026-11-29')
    ).text()
    const rows = parseCsv(text.slice(1)).slice(1)
    expect(rows).toHaveLength(1)
    const events = await t.events()
    const exp = events.at(-1)!
    expect(exp.action).toBe('audit.export')
    expect(exp.staff_id).toBe(t.ownerId)
    expect(exp.patient_id).toBe(42)
    expect(JSON.parse(exp.details)).toEqual({
      format: 'csv',
      patientId: 42,
      from: '2026-11-29',
      to: '2026-11-29',
    })
    expect((await verifyAuditChain(t.db, t.services.keys.audit)).ok).toBe(true)
  })

  it('refuses a bad filter with 422 and records no export', async () => {
    const t = await auditSetup()
    const res = await t.owner.request('/audit/export.csv?patient=-1')
    expect(res.status).toBe(422)
    expect((await t.events()).map((e) => e.action)).not.toContain('audit.export')
  })

  it('streams more rows than one batch, newest first', async () => {
    const t = await auditSetup()
    for (let i = 0; i < 1200; i++) {
      await t.record(t.asDoctor, { action: 'x.bulk', patientId: i + 1 }, '2026-11-29T08:00:00Z')
    }
    const rows = parseCsv(
      (await (await t.owner.request('/audit/export.csv?prefix=x.')).text()).slice(1),
    )
    expect(rows).toHaveLength(1201)
    expect(rows[1]![10]).toBe('1200')
    expect(rows.at(-1)![10]).toBe('1')
  })
})
