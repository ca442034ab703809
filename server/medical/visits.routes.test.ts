import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../audit/audit.service.js'
import { medicalClinic, visitForm, type MedicalClinic } from './medical-testing.js'

async function entries(t: MedicalClinic) {
  return t.db
    .selectFrom('medical_entries')
    .select([
      'id',
      'record_id',
      'revision',
      'status',
      'author_id',
      'device_id',
      'reason',
      'corrects_id',
    ])
    .orderBy('id')
    .execute()
}

async function newSignedRecord(t: MedicalClinic) {
  const doctor = await t.as('doctor', 'surgery')
  const created = await doctor.post(`/patients/${t.anna}/medical/visits`, visitForm(t.ids.doctor))
  expect(created.status).toBe(303)
  const record = Number(created.headers.get('location')!.split('/').pop())
  const base = `/patients/${t.anna}/medical/visits/${record}`
  expect((await doctor.post(`${base}/sign`, { base_revision: '1' })).status).toBe(303)
  return { doctor, record, base }
}

describe('a signed visit record cannot be changed by any route', () => {
  it('refuses every mutation; only a correction with a reason adds a version', async () => {
    const t = await medicalClinic()
    const { doctor, base } = await newSignedRecord(t)
    const form = {
      ...visitForm(t.ids.doctor, { complaints: 'Подменённые жалобы' }),
      base_revision: '2',
    }
    expect((await doctor.post(base, form)).status).toBe(409)
    expect((await doctor.post(`${base}/sign`, { base_revision: '2' })).status).toBe(409)
    expect((await doctor.request(`${base}/edit`)).status).toBe(409)
    // A stale form (revision 1, before the signature) is a conflict, not an overwrite.
    expect((await doctor.post(base, { ...form, base_revision: '1' })).status).toBe(409)
    expect((await doctor.post(`${base}/correct`, { ...form, reason: '' })).status).toBe(422)
    expect((await doctor.post(`${base}/correct`, { ...form, reason: 'ab' })).status).toBe(422)
    const assistant = await t.as('assistant', 'surgery')
    expect((await assistant.post(base, form)).status).toBe(409)
    expect((await assistant.post(`${base}/correct`, { ...form, reason: 'Ошибка' })).status).toBe(
      403,
    )
    expect((await assistant.post(`${base}/sign`, { base_revision: '2' })).status).toBe(403)
    expect(
      (await assistant.post(`${base}/delete`, { base_revision: '2', reason: 'Удалить запись' }))
        .status,
    ).toBe(403)
    // Chart and title-page routes do not touch visit records at all.
    await doctor.post(`/patients/${t.anna}/chart/teeth/36`, { base: '0', code: 'caries' })
    expect((await entries(t)).map((e) => e.status)).toEqual(['draft', 'signed'])
    expect(await doctor.request(base).then((r) => r.text())).not.toContain('Подменённые')

    // Nor can SQL: the table refuses UPDATE and DELETE outright.
    await expect(sql`update medical_entries set complaints = 'x'`.execute(t.db)).rejects.toThrow(
      /append-only/,
    )
    await expect(sql`delete from medical_entries`.execute(t.db)).rejects.toThrow(/append-only/)
    await expect(sql`update tooth_states set codes = ''`.execute(t.db)).rejects.toThrow(
      /append-only/,
    )
    await expect(sql`delete from tooth_states`.execute(t.db)).rejects.toThrow(/append-only/)

    // 947н p.21: the correction is a new version that names the one it corrects and why.
    const corrected = await doctor.post(`${base}/correct`, {
      ...form,
      reason: 'Уточнены жалобы пациента',
    })
    expect(corrected.status).toBe(303)
    expect((await doctor.post(`${base}/sign`, { base_revision: '3' })).status).toBe(303)
    const rows = await entries(t)
    expect(rows.map((e) => [e.revision, e.status])).toEqual([
      [1, 'draft'],
      [2, 'signed'],
      [3, 'draft'],
      [4, 'signed'],
    ])
    expect(rows[2]).toMatchObject({ reason: 'Уточнены жалобы пациента', corrects_id: rows[1]!.id })
    const history = await (await doctor.request(`${base}/history`)).text()
    expect(history).toContain('Уточнены жалобы пациента')
    expect(history).toMatch(/<del>.*Боль от холодного в области 36 зуба/s)
    expect(history).toMatch(/<ins>.*Подменённые жалобы/s)
    expect(await verifyAuditChain(t.db, t.services.keys.audit)).toMatchObject({ ok: true })
  })

  it('only the doctor named in the record signs it', async () => {
    const t = await medicalClinic()
    const assistant = await t.as('assistant', 'surgery')
    const created = await assistant.post(
      `/patients/${t.anna}/medical/visits`,
      visitForm(t.ids.doctor),
    )
    const base = created.headers.get('location')!
    const other = await t.as('doctor2', 'surgery')
    expect((await other.post(`${base}/sign`, { base_revision: '1' })).status).toBe(403)
    const page = await (await (await t.as('doctor', 'surgery')).request(base)).text()
    expect(page).toContain('Черновик подготовил(а) Test assistant')
    expect((await entries(t)).map((e) => e.status)).toEqual(['draft'])
  })

  it('"deletes" with a reason as a last version; a signed record only by a signer', async () => {
    const t = await medicalClinic()
    const { doctor, base } = await newSignedRecord(t)
    expect((await doctor.post(`${base}/delete`, { base_revision: '2', reason: '' })).status).toBe(
      422,
    )
    expect(
      (
        await doctor.post(`${base}/delete`, {
          base_revision: '2',
          reason: 'Запись внесена не тому пациенту',
        })
      ).status,
    ).toBe(303)
    expect(
      (await doctor.post(`${base}/delete`, { base_revision: '3', reason: 'Ещё раз удалить' }))
        .status,
    ).toBe(409)
    const rows = await entries(t)
    expect(rows.at(-1)).toMatchObject({
      status: 'deleted',
      reason: 'Запись внесена не тому пациенту',
    })
    const card = await (await doctor.request(`/patients/${t.anna}/medical`)).text()
    expect(card).toContain('Удалено')
    expect(card).toContain('Подписанных диагнозов пока нет.')
  })
})

describe('every medical read leaves exactly one audit event', () => {
  it('card, sections, history, chart and printing: one event each, with patient and category', async () => {
    const t = await medicalClinic()
    const { doctor, record } = await newSignedRecord(t)
    await doctor.post('/medical/templates', { name: 'Осмотр', complaints: 'Жалоб нет' })
    const p = `/patients/${t.anna}`
    const reads: [string, string, string][] = [
      [`${p}/medical`, 'medical.card.open', 'card'],
      [`${p}/medical/title`, 'medical.section.view', 'title'],
      [`${p}/medical/title/history`, 'medical.history.view', 'title'],
      [`${p}/medical/print`, 'medical.print', 'card'],
      [`${p}/medical/visits/new`, 'medical.section.view', 'visit'],
      [`${p}/medical/visits/${record}`, 'medical.section.view', 'visit'],
      [`${p}/medical/visits/${record}/correct`, 'medical.section.view', 'visit'],
      [`${p}/medical/visits/${record}/history`, 'medical.history.view', 'visit'],
      [`${p}/medical/visits/${record}/print`, 'medical.print', 'visit'],
      [`${p}/chart`, 'medical.chart.view', 'chart'],
      [`${p}/chart?at=2026-11-28`, 'medical.chart.view', 'chart'],
      [`${p}/chart/teeth/36`, 'medical.section.view', 'chart'],
      [`${p}/chart/history`, 'medical.history.view', 'chart'],
    ]
    for (const [path, action, category] of reads) {
      const before = await t.lastEventId()
      const res = await doctor.request(path)
      expect(res.status, path).toBe(200)
      const events = await t.eventsSince(before)
      expect(events, path).toHaveLength(1)
      expect(events[0], path).toMatchObject({
        action,
        category,
        outcome: 'ok',
        patient_id: t.anna,
        staff_id: t.ids.doctor,
      })
    }
    // An htmx partial is a read too, and the search helper reads no patient data.
    const before = await t.lastEventId()
    await doctor.request(`${p}/chart/teeth/11`, { headers: { 'hx-request': 'true' } })
    await doctor.post('/medical/icd10', { icd_q: 'пульпит' })
    expect((await t.eventsSince(before)).map((e) => e.action)).toEqual(['medical.section.view'])
  })
})

describe('the title page keeps every version', () => {
  it('saves revisions, refuses a stale form with the input kept, shows who changed what', async () => {
    const t = await medicalClinic()
    const doctor = await t.as('doctor', 'surgery')
    const path = `/patients/${t.anna}/medical/title`
    const form = {
      blood_group: 'B',
      rh: 'negative',
      allergies: 'Пенициллин',
      chronic_conditions: '',
      dispensary_conditions: '',
    }
    expect((await doctor.post(path, { ...form, base_revision: '0' })).status).toBe(303)
    expect(
      (await doctor.post(path, { ...form, allergies: 'Пенициллин\nЛатекс', base_revision: '1' }))
        .status,
    ).toBe(303)
    const stale = await doctor.post(path, { ...form, allergies: 'Новокаин', base_revision: '1' })
    expect(stale.status).toBe(409)
    expect(await stale.text()).toContain('Новокаин')
    expect(
      (await doctor.post(path, { ...form, blood_group: 'Z', base_revision: '2' })).status,
    ).toBe(422)
    const rows = await t.db
      .selectFrom('medical_card_revisions')
      .select(['revision', 'allergies'])
      .execute()
    expect(rows).toEqual([
      { revision: 1, allergies: 'Пенициллин' },
      { revision: 2, allergies: 'Пенициллин\nЛатекс' },
    ])
    await expect(
      sql`update medical_card_revisions set allergies = ''`.execute(t.db),
    ).rejects.toThrow(/append-only/)
    const card = await (await doctor.request(`/patients/${t.anna}/medical`)).text()
    expect(card).toContain('B (III)')
    expect(card).toContain('отрицательный (Rh−)')
    const history = await (await doctor.request(`${path}/history`)).text()
    expect(history).toMatch(/<ins>.*Латекс/s)
    expect(history).toContain('Test doctor (Врач), терминал «surgery-1»')
  })
})
