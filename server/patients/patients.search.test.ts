import { beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../database.js'
import { memoryDb } from '../testing/test-app.js'
import { insertPatient } from './patients.queries.js'
import { searchPatients } from './patients.search.js'
import { insertSyntheticPatients } from './synthetic.js'

const SYNTHETIC = 20_000
let db: Db
let target: number

const blank = {
  phone_extra: null,
  email: null,
  address: null,
  snils: null,
  oms_policy: null,
  oms_insurer: null,
  dms_policy: null,
  dms_insurer: null,
  id_doc_type: null,
  id_doc_series: null,
  id_doc_number: null,
  id_doc_issued_by: null,
  id_doc_issued_on: null,
  guardian_id: null,
  guardian_relation: null,
  contact_channel: null,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
  created_by: null,
} as const

beforeAll(async () => {
  db = await memoryDb()
  await insertSyntheticPatients(db, { count: SYNTHETIC })
  target = await insertPatient(db, {
    ...blank,
    card_number: '777001',
    surname: 'Ёлкина',
    name: 'Алёна',
    patronymic: 'Вениаминовна',
    sex: 'female',
    birth_date: '1987-03-12',
    phone: '+79161234567',
  })
  await insertPatient(db, {
    ...blank,
    card_number: '777002',
    surname: 'Иван',
    name: 'Пётр',
    patronymic: null,
    sex: 'male',
    birth_date: '1990-01-01',
    phone: null,
  })
}, 120_000)

const ids = async (q: string) => (await searchPatients(db, q)).map((h) => h.id)

describe('searchPatients over 20,000 synthetic patients', () => {
  it('finds a fragment of the patronymic, any case, ё = е', async () => {
    expect(await ids('вениамин')).toContain(target)
    expect(await ids('НИАМИНОВ')).toContain(target)
    expect(await ids('елкина')).toEqual([target])
    expect(await ids('Ёлкина Алена')).toEqual([target])
    expect(await ids('алёна вениам')).toEqual([target])
  })

  it('finds phone digits: the last four, a middle run, the whole number typed any way', async () => {
    const byLastFour = await searchPatients(db, '4567', { limit: 100 })
    expect(byLastFour.map((h) => h.id)).toContain(target)
    expect(byLastFour.every((h) => h.phone?.includes('4567'))).toBe(true)
    expect(await ids('161234')).toContain(target)
    expect((await ids('8 (916) 123-45-67'))[0]).toBe(target)
    expect((await ids('+7 916 123 45 67'))[0]).toBe(target)
  })

  it('finds the card number first, and the birth date typed as дд.мм.гггг', async () => {
    expect((await ids('777001'))[0]).toBe(target)
    expect(await ids('12.03.1987')).toContain(target)
    expect(await ids('елкина 12.03.1987')).toEqual([target])
    expect(await ids('елкина 13.03.1987')).toEqual([])
  })

  it('understands Latin typed by mistake: transliteration and the wrong keyboard layout', async () => {
    const ivan = await searchPatients(db, 'ivan', { limit: 5 })
    expect(ivan.length).toBe(5)
    expect(ivan.every((h) => /^иван/i.test(h.surname) || /^иван/i.test(h.name))).toBe(true)
    const layout = await searchPatients(db, 'bdfyjd', { limit: 5 })
    expect(layout.length).toBe(5)
    expect(layout.every((h) => h.surname.startsWith('Иванов'))).toBe(true)
    expect(await ids('yolkina')).toEqual([target])
  })

  it('ranks an exact surname first, then surname prefixes, then names, then fragments', async () => {
    const hits = await searchPatients(db, 'иван', { limit: 50 })
    expect(hits[0]!.surname).toBe('Иван')
    const kinds = hits.map((h) =>
      h.surname.toLowerCase().startsWith('иван')
        ? 0
        : h.name.toLowerCase().startsWith('иван')
          ? 1
          : 2,
    )
    expect(kinds).toEqual([...kinds].sort())
  })

  it('finds nothing, without an error, for odd input', async () => {
    for (const q of [
      '',
      '   ',
      "'; drop table patients; --",
      '"',
      '%',
      '_',
      'NEAR(',
      '*',
      'a'.repeat(10_000),
      '\u0000\u0007',
      '<script>',
    ]) {
      await expect(searchPatients(db, q)).resolves.toBeInstanceOf(Array)
    }
    expect(await ids("'; drop table patients; --")).toEqual([])
  })

  it('is fast: prints the measured p95 (timing is the benchmark’s job, not asserted here)', async () => {
    const queries = [
      'иван',
      'ова',
      'петр',
      'алексан',
      'ivan',
      'bdfyjd',
      '4567',
      '916',
      '12.03.1987',
      'смирнова мария',
      'ич',
      'S1234',
      'сидоров 1955',
      'иванов петр сергеевич',
    ]
    const wall: number[] = []
    const cpu: number[] = []
    for (let round = 0; round < 25; round++) {
      for (const q of queries) {
        const t0 = performance.now()
        const c0 = process.cpuUsage()
        await searchPatients(db, q)
        const used = process.cpuUsage(c0)
        // The first rounds warm SQLite's page cache and the JIT.
        if (round < 5) continue
        wall.push(performance.now() - t0)
        cpu.push((used.user + used.system) / 1000)
      }
    }
    const p = (xs: number[], q: number) =>
      [...xs].sort((a, b) => a - b)[Math.floor(xs.length * q)]!.toFixed(2)
    // Wall time includes waiting for a busy CPU; process CPU time is closer to server time.
    console.log(
      `searchPatients on ${SYNTHETIC} patients: wall p50 ${p(wall, 0.5)} ms, p95 ${p(wall, 0.95)} ms; CPU p50 ${p(cpu, 0.5)} ms, p95 ${p(cpu, 0.95)} ms`,
    )
    expect(wall.length).toBe(queries.length * 20)
  })
})
