import { hashPassword } from '../auth/password.js'
import type { Db } from '../database.js'
import {
  feminineSurname,
  FEMALE_NAMES,
  MALE_NAMES,
  PATRONYMICS,
  pick,
  SURNAMES,
} from './demo-names.js'

export const DEMO_DOCTORS = 20
export const DEMO_CHAIRS = 10
export const DEMO_RECEPTIONISTS = 3
export const DEMO_ASSISTANTS = 4

/** The clinic's people and rooms: who works where and when. */
export interface DemoClinic {
  password: string
  doctors: { id: number; login: string; shift: 'morning' | 'evening'; chairId: number }[]
  receptionists: { id: number; login: string }[]
  assistants: { id: number; login: string }[]
  chairIds: number[]
  /** The device the generated records name as theirs (the owner's office PC from init). */
  deviceId: number
}

/** The password every generated account shares; printed by `enamel demo-data --json`. */
export function demoPassword(seed: number): string {
  return `enamel-demo-${seed}-premolar`
}

function person(rnd: () => number) {
  const male = rnd() < 0.5
  const surname = pick(rnd, SURNAMES)
  const [mp, fp] = pick(rnd, PATRONYMICS)
  return male
    ? `${surname} ${pick(rnd, MALE_NAMES)} ${mp}`
    : `${feminineSurname(surname)} ${pick(rnd, FEMALE_NAMES)} ${fp}`
}

/**
 * 20 doctors in two shifts over 10 chairs (08–14 and 14–20, Monday to Saturday),
 * receptionists and assistants. One argon2id hash of the shared password is computed and
 * reused: the bench's logins still verify it for real on every attempt.
 */
export async function insertDemoClinic(
  db: Db,
  rnd: () => number,
  seed: number,
  at: string,
): Promise<DemoClinic> {
  const device = await db
    .selectFrom('devices')
    .select('id')
    .where('revoked_at', 'is', null)
    .orderBy('id')
    .executeTakeFirst()
  if (!device) throw new Error('the data directory has no device; run enamel init first')
  const password = demoPassword(seed)
  const hash = await hashPassword(password)
  return db.transaction().execute(async (trx) => {
    const addStaff = async (login: string, role: 'doctor' | 'receptionist' | 'assistant') => {
      const r = await trx
        .insertInto('staff')
        .values({
          login,
          full_name: person(rnd),
          role,
          password_hash: hash,
          must_change_password: 0,
          locale: null,
          active: 1,
          failed_logins: 0,
          locked_until: null,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return { id: r.id, login }
    }
    const chairIds: number[] = []
    for (let i = 1; i <= DEMO_CHAIRS; i++) {
      const r = await trx
        .insertInto('chairs')
        .values({ name: `Демо-кресло ${i}`, active: 1, created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow()
      chairIds.push(r.id)
    }
    const doctors: DemoClinic['doctors'] = []
    for (let i = 0; i < DEMO_DOCTORS; i++) {
      const d = await addStaff(`demo-doctor-${String(i + 1).padStart(2, '0')}`, 'doctor')
      const shift = i < DEMO_DOCTORS / 2 ? 'morning' : 'evening'
      const chairId = chairIds[i % DEMO_CHAIRS]!
      for (let weekday = 1; weekday <= 6; weekday++) {
        await trx
          .insertInto('working_hours')
          .values({
            doctor_id: d.id,
            weekday,
            starts: shift === 'morning' ? '08:00' : '14:00',
            ends: shift === 'morning' ? '14:00' : '20:00',
            chair_id: chairId,
            created_at: at,
          })
          .execute()
      }
      doctors.push({ ...d, shift, chairId })
    }
    const receptionists = []
    for (let i = 1; i <= DEMO_RECEPTIONISTS; i++)
      receptionists.push(await addStaff(`demo-reception-${i}`, 'receptionist'))
    const assistants = []
    for (let i = 1; i <= DEMO_ASSISTANTS; i++)
      assistants.push(await addStaff(`demo-assistant-${i}`, 'assistant'))
    return { password, doctors, receptionists, assistants, chairIds, deviceId: device.id }
  })
}
