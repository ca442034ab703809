import type { Db } from '../database.js'
import { insertTestPatient } from '../plans/plan-fixtures.js'
import type { TestApp } from '../testing/test-app.js'

// A small, exact clinic month (November 2026, Europe/Moscow = UTC+3) written straight through
// Kysely, for the analytics tests to compare with numbers worked out by hand. Not a test file.
// Every row that sits just across a month boundary is there on purpose: 2026-10-31T21:00Z is
// 1 November 00:00 in Moscow.

/** Patients' surnames: none of them may ever appear on an analytics page. */
export const SURNAMES = [
  'Секретова',
  'Тайнов',
  'Скрытая',
  'Невидимов',
  'Приватова',
  'Анонимов',
  'Закрытина',
]

/** What seeding needs: a route test's TestApp, or a real runtime's db with a clock. */
export type SeedTarget = Pick<TestApp, 'db' | 'clock'> & {
  addStaff(login: string, role: 'doctor'): Promise<number>
}

export interface MonthFixture {
  doctor1: number
  doctor2: number
  patients: number[]
  prices: { CAR: number; PUL: number; OSM: number }
}

const CREATED = '2026-10-01T00:00:00.000Z'

async function staffId(db: Db, login: string) {
  return (
    await db.selectFrom('staff').select('id').where('login', '=', login).executeTakeFirstOrThrow()
  ).id
}

async function priceItems(db: Db, ownerId: number) {
  const group = await db
    .insertInto('price_groups')
    .values({ name: 'Терапия', created_at: CREATED })
    .returning('id')
    .executeTakeFirstOrThrow()
  const item = async (code: string, name: string, price: number) => {
    const row = await db
      .insertInto('price_items')
      .values({
        group_id: group.id,
        code,
        name,
        active: 1,
        created_at: CREATED,
        updated_at: CREATED,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db
      .insertInto('price_item_prices')
      .values({ price_item_id: row.id, price_kopecks: price, set_by: ownerId, set_at: CREATED })
      .execute()
    return row.id
  }
  return {
    CAR: await item('A16.07.002.001', 'Лечение кариеса, пломба', 450000),
    PUL: await item('A16.07.008.001', 'Лечение пульпита, один канал', 780050),
    OSM: await item('B01.065.001', 'Осмотр стоматолога', 100000),
  }
}

/**
 * Seeds the month. Needs staff `owner` and `doctor` (the plan fixtures' clinic) and a device;
 * adds `doctor2`, seven patients, two chairs, hours, days off, appointments, services,
 * payments, pay rules, plans, diagnoses and stock movements.
 */
export async function seedMonth(t: SeedTarget, deviceId: number): Promise<MonthFixture> {
  const db = t.db
  const owner = await staffId(db, 'owner')
  const d1 = await staffId(db, 'doctor')
  const d2 = await t.addStaff('doctor2', 'doctor')
  const P: number[] = []
  for (const [i, surname] of SURNAMES.entries()) {
    // insertTestPatient reads only db and clock.
    P.push(
      await insertTestPatient(t as TestApp, {
        surname,
        name: `Имя${i + 1}`,
        birth_date: '1990-01-01',
      }),
    )
  }
  const [P1, P2, P3, P4, P5, P6, P7] = P as [number, number, number, number, number, number, number]
  const prices = await priceItems(db, owner)

  // --- chairs, hours, days off ---
  const chair = async (name: string) =>
    (
      await db
        .insertInto('chairs')
        .values({ name, active: 1, created_at: CREATED })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  const C1 = await chair('Кресло 1')
  const C2 = await chair('Кресло 2')
  const hours = [
    { doctor_id: d1, weekday: 1, starts: '09:00', ends: '15:00', chair_id: C1 },
    { doctor_id: d1, weekday: 3, starts: '09:00', ends: '13:00', chair_id: C1 },
    { doctor_id: d2, weekday: 1, starts: '12:00', ends: '18:00', chair_id: C1 },
    { doctor_id: d2, weekday: 2, starts: '10:00', ends: '14:00', chair_id: null },
    { doctor_id: d2, weekday: 5, starts: '10:00', ends: '16:00', chair_id: C2 },
  ]
  for (const h of hours)
    await db
      .insertInto('working_hours')
      .values({ ...h, created_at: CREATED })
      .execute()
  await db
    .insertInto('days_off')
    .values([
      { doctor_id: d1, date: '2026-11-09', reason: null, created_at: CREATED },
      { doctor_id: d2, date: '2026-11-13', reason: null, created_at: CREATED },
    ])
    .execute()

  // --- appointments ---
  const appt = (
    patient: number,
    doctor: number,
    chairId: number,
    starts: string,
    ends: string,
    status: 'booked' | 'done' | 'no_show' | 'cancelled',
  ) =>
    db
      .insertInto('appointments')
      .values({
        patient_id: patient,
        doctor_id: doctor,
        chair_id: chairId,
        starts_at: new Date(starts).toISOString(),
        ends_at: new Date(ends).toISOString(),
        status,
        reason: '',
        cancel_reason: status === 'cancelled' ? 'перенос' : null,
        created_by: owner,
        created_at: CREATED,
        updated_at: CREATED,
      })
      .execute()
  await appt(P5, d1, C1, '2026-09-10T07:00Z', '2026-09-10T08:00Z', 'cancelled') // a0
  await appt(P1, d1, C1, '2026-10-15T07:00Z', '2026-10-15T07:30Z', 'done') // a1
  await appt(P1, d1, C1, '2026-11-02T06:00Z', '2026-11-02T07:00Z', 'done') // a2
  await appt(P2, d1, C1, '2026-10-31T22:00Z', '2026-10-31T23:00Z', 'done') // a3: 1 Nov 01:00
  await appt(P3, d2, C2, '2026-11-06T07:00Z', '2026-11-06T08:30Z', 'no_show') // a4
  await appt(P4, d2, C2, '2026-11-20T08:00Z', '2026-11-20T09:00Z', 'cancelled') // a5
  await appt(P5, d1, C1, '2026-11-04T07:00Z', '2026-11-04T07:45Z', 'done') // a6
  await appt(P6, d2, C1, '2026-11-30T21:30Z', '2026-11-30T22:00Z', 'booked') // a7: 1 Dec 00:30
  await appt(P6, d2, C1, '2026-11-16T10:00Z', '2026-11-16T11:00Z', 'done') // a8
  await appt(P1, d1, C1, '2026-10-31T20:00Z', '2026-10-31T20:30Z', 'done') // a9: 31 Oct 23:00
  await appt(P7, d1, C1, '2026-11-25T06:00Z', '2026-11-25T06:30Z', 'no_show') // a10
  await appt(P7, d1, C1, '2025-05-05T07:00Z', '2025-05-05T07:30Z', 'done') // a11

  // --- services performed (revenue) ---
  const service = async (v: {
    patient: number
    doctor: number
    item: keyof typeof prices
    quantity: number
    unit: number
    discount?: number
    amount: number
    on: string
    reverses?: number
  }) =>
    (
      await db
        .insertInto('visit_services')
        .values({
          patient_id: v.patient,
          appointment_id: null,
          plan_item_id: null,
          price_item_id: prices[v.item],
          code: { CAR: 'A16.07.002.001', PUL: 'A16.07.008.001', OSM: 'B01.065.001' }[v.item],
          name: {
            CAR: 'Лечение кариеса, пломба',
            PUL: 'Лечение пульпита, один канал',
            OSM: 'Осмотр стоматолога',
          }[v.item],
          doctor_id: v.doctor,
          quantity: v.quantity,
          unit_price_kopecks: v.unit,
          discount_kopecks: v.discount ?? 0,
          amount_kopecks: v.amount,
          performed_on: v.on,
          reverses_id: v.reverses ?? null,
          reason: v.reverses ? 'ошибка' : null,
          created_by: owner,
          device_id: deviceId,
          created_at: CREATED,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  await service({
    patient: P1,
    doctor: d1,
    item: 'CAR',
    quantity: 1,
    unit: 450000,
    amount: 450000,
    on: '2026-11-02',
  }) // s1
  const s2 = await service({
    patient: P2,
    doctor: d1,
    item: 'OSM',
    quantity: 1,
    unit: 100000,
    discount: 10000,
    amount: 90000,
    on: '2026-11-01',
  })
  await service({
    patient: P5,
    doctor: d1,
    item: 'PUL',
    quantity: 2,
    unit: 780050,
    amount: 1560100,
    on: '2026-11-04',
  }) // s3
  await service({
    patient: P2,
    doctor: d1,
    item: 'OSM',
    quantity: -1,
    unit: 100000,
    discount: 10000,
    amount: -90000,
    on: '2026-11-03',
    reverses: s2,
  }) // s4
  await service({
    patient: P6,
    doctor: d2,
    item: 'CAR',
    quantity: 1,
    unit: 450000,
    amount: 450000,
    on: '2026-11-16',
  }) // s5
  await service({
    patient: P1,
    doctor: d1,
    item: 'OSM',
    quantity: 1,
    unit: 100000,
    amount: 100000,
    on: '2026-10-31',
  }) // s6
  await service({
    patient: P7,
    doctor: d2,
    item: 'OSM',
    quantity: 1,
    unit: 100000,
    amount: 100000,
    on: '2026-11-30',
  }) // s7
  await service({
    patient: P6,
    doctor: d2,
    item: 'OSM',
    quantity: 1,
    unit: 100000,
    amount: 100000,
    on: '2026-12-01',
  }) // s8

  // --- money received ---
  const pay = async (
    patient: number,
    kind: 'payment' | 'refund',
    method: 'cash' | 'card' | 'transfer',
    amount: number,
    on: string,
    refundOf: number | null = null,
  ) =>
    (
      await db
        .insertInto('payments')
        .values({
          patient_id: patient,
          kind,
          method,
          amount_kopecks: amount,
          refund_of: refundOf,
          reason: kind === 'refund' ? 'сторно услуги' : null,
          appointment_id: null,
          payer_name: null,
          paid_on: on,
          created_by: owner,
          device_id: deviceId,
          created_at: CREATED,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  await pay(P1, 'payment', 'cash', 450000, '2026-11-02') // p1
  const p2 = await pay(P2, 'payment', 'card', 90000, '2026-11-01')
  await pay(P2, 'refund', 'card', 90000, '2026-11-03', p2) // p3
  await pay(P5, 'payment', 'transfer', 1000000, '2026-11-04') // p4
  await pay(P5, 'payment', 'card', 560100, '2026-11-10') // p5
  await pay(P6, 'payment', 'cash', 450000, '2026-11-16') // p6
  await pay(P1, 'payment', 'cash', 100000, '2026-10-31') // p7
  await pay(P7, 'payment', 'cash', 100000, '2026-12-01') // p8

  // --- doctors' pay rules ---
  const rule = (
    doctor: number,
    item: number | null,
    kind: 'percent' | 'fixed',
    value: number,
    from: string,
  ) =>
    db
      .insertInto('doctor_pay_rules')
      .values({
        doctor_id: doctor,
        price_item_id: item,
        kind,
        percent_bp: kind === 'percent' ? value : null,
        fixed_kopecks: kind === 'fixed' ? value : null,
        valid_from: from,
        created_by: owner,
        created_at: CREATED,
      })
      .execute()
  await rule(d1, null, 'percent', 3000, '2026-01-01') // r1: 30 %
  await rule(d1, prices.PUL, 'fixed', 200000, '2026-11-04') // r2: 2 000 ₽ per unit
  await rule(d1, prices.PUL, 'fixed', 150000, '2026-12-01') // r3: not yet
  await rule(d2, null, 'percent', 2500, '2026-11-20') // r4: 25 % from 20 Nov

  // --- treatment plans ---
  const plan = async (patient: number, createdAt: string) =>
    (
      await db
        .insertInto('treatment_plans')
        .values({
          patient_id: patient,
          title: 'План',
          created_by: d1,
          device_id: deviceId,
          created_at: new Date(createdAt).toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  const item = async (planId: number, key: keyof typeof prices, unit: number, quantity: number) =>
    (
      await db
        .insertInto('plan_items')
        .values({
          plan_id: planId,
          stage_id: null,
          tooth: 16,
          price_item_id: prices[key],
          code: key,
          name: key,
          unit_price_kopecks: unit,
          quantity,
          medical_entry_id: null,
          created_by: d1,
          device_id: deviceId,
          created_at: CREATED,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  const status = (planId: number, itemId: number | null, s: string) =>
    db
      .insertInto('plan_status_changes')
      .values({
        plan_id: planId,
        item_id: itemId,
        status: s as 'proposed',
        reason: s === 'cancelled' ? 'пациент отказался' : null,
        changed_by: d1,
        device_id: deviceId,
        changed_at: CREATED,
      })
      .execute()
  const pl1 = await plan(P1, '2026-11-02T07:00Z')
  const i1 = await item(pl1, 'CAR', 450000, 1)
  const i2 = await item(pl1, 'OSM', 100000, 1)
  await status(pl1, null, 'accepted')
  await status(pl1, i1, 'done')
  await status(pl1, i2, 'cancelled')
  await status(pl1, null, 'done')
  const pl2 = await plan(P2, '2026-11-01T05:00Z')
  await item(pl2, 'PUL', 780050, 2)
  const pl3 = await plan(P5, '2026-10-31T21:30Z') // 1 Nov 00:30 in Moscow
  const i4 = await item(pl3, 'CAR', 450000, 1)
  await status(pl3, null, 'accepted')
  await status(pl3, i4, 'accepted')
  await status(pl3, i4, 'cancelled')
  await status(pl3, null, 'cancelled')
  const pl4 = await plan(P6, '2026-10-31T20:30Z') // 31 Oct 23:30 in Moscow
  const i5 = await item(pl4, 'OSM', 100000, 1)
  await status(pl4, null, 'done')
  await status(pl4, i5, 'done')
  const pl5 = await plan(P7, '2026-11-10T10:00Z')
  const i6 = await item(pl5, 'OSM', 100000, 1)
  const i7 = await item(pl5, 'CAR', 450000, 1)
  await status(pl5, null, 'accepted')
  await status(pl5, null, 'in_progress')
  await status(pl5, i6, 'done')
  await status(pl5, i7, 'accepted')

  // --- diagnoses (visit records) ---
  let nextId = 1
  const entry = async (
    patient: number,
    code: string,
    visitDate: string,
    s: 'draft' | 'signed' | 'deleted',
    record?: { id: number; revision: number },
  ) => {
    const id = nextId++
    await db
      .insertInto('medical_entries')
      .values({
        id,
        record_id: record?.id ?? id,
        revision: record?.revision ?? 1,
        supersedes_id: record ? id - 1 : null,
        patient_id: patient,
        layout: 'v1',
        status: s,
        visit_date: visitDate,
        doctor_id: d1,
        complaints: '',
        anamnesis_morbi: '',
        anamnesis_vitae: '',
        objective: '',
        oral_cavity: '',
        dental_status: '',
        diagnosis_code: code,
        diagnosis_text: '',
        diagnosis_first: 0,
        concomitant: '',
        treatment: '',
        recommendations: '',
        reason: s === 'deleted' ? 'ошибочная запись' : null,
        corrects_id: null,
        author_id: d1,
        author_role: 'doctor',
        device_id: deviceId,
        created_at: CREATED,
        signed_by: s === 'signed' ? d1 : null,
        signed_at: s === 'signed' ? CREATED : null,
      })
      .execute()
    return id
  }
  for (const p of [P1, P2, P3, P4, P5, P6]) await entry(p, 'K02.1', '2026-11-10', 'signed')
  await entry(P1, 'K02.1', '2026-11-12', 'signed') // the same patient twice: still one
  for (const p of [P1, P2, P3, P4, P5]) await entry(p, 'K04.0', '2026-11-11', 'signed')
  for (const p of [P1, P2, P3, P4]) await entry(p, 'K05.1', '2026-11-12', 'signed') // 4: hidden
  await entry(P7, 'K08.1', '2026-11-13', 'signed') // 1: hidden
  await entry(P7, 'K04.0', '2026-11-14', 'draft') // a draft is not a diagnosis
  const corrected = await entry(P6, 'K04.0', '2026-11-15', 'signed')
  await entry(P6, 'K02.1', '2026-11-15', 'signed', { id: corrected, revision: 2 }) // now K02.1
  const deleted = await entry(P7, 'K02.1', '2026-11-16', 'signed')
  await entry(P7, 'K02.1', '2026-11-16', 'deleted', { id: deleted, revision: 2 })
  await entry(P6, 'K04.0', '2026-10-31', 'signed') // October

  // --- materials ---
  const material = async (name: string, unit: string) =>
    (
      await db
        .insertInto('materials')
        .values({
          name,
          unit: unit as 'g',
          min_quantity_milli: 0,
          created_at: CREATED,
          updated_at: CREATED,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  const M1 = await material('Композит Filtek', 'g')
  const M2 = await material('Анестетик Ультракаин', 'carpule')
  const M3 = await material('Перчатки', 'pcs')
  const move = (m: number, kind: string, q: number, on: string, cost: number | null = null) =>
    db
      .insertInto('stock_movements')
      .values({
        material_id: m,
        kind: kind as 'receipt',
        quantity_milli: q,
        unit_cost_kopecks: cost,
        supplier_id: null,
        visit_service_id: null,
        stocktake_id: null,
        reason: kind === 'write_off' ? 'истёк срок' : null,
        on_date: on,
        created_by: owner,
        device_id: deviceId,
        created_at: CREATED,
      })
      .execute()
  await move(M1, 'receipt', 100000, '2026-10-01', 5000)
  await move(M1, 'procedure', -2500, '2026-11-02')
  await move(M1, 'procedure', -1500, '2026-11-04')
  await move(M1, 'reversal', 1500, '2026-11-05')
  await move(M1, 'write_off', -500, '2026-11-20')
  await move(M1, 'stocktake', -200, '2026-11-30')
  await move(M1, 'procedure', -1000, '2026-12-01')
  await move(M2, 'receipt', 50000, '2026-10-01', 6000)
  await move(M2, 'procedure', -1000, '2026-11-02')
  await move(M2, 'procedure', -2000, '2026-11-16')
  await move(M2, 'procedure', -1000, '2026-10-31')
  await move(M3, 'receipt', 200000, '2026-11-01', 1000)

  return { doctor1: d1, doctor2: d2, patients: P, prices }
}
