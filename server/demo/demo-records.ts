import { serializeCodes, serializeSurfaces, type ToothCode } from '../chart/tooth-codes.js'
import type { Db } from '../database.js'
import type { Sqlite } from '../db/connection.js'
import { CURRENT_LAYOUT } from '../medical/layout.js'
import { addDays, fromClinic, isoWeekday } from '../schedule/clinic-time.js'
import type { AppointmentStatus } from '../schedule/schedule.table.js'
import { bulkInsert } from './bulk-insert.js'
import type { DemoClinic } from './demo-clinic.js'
import { pick } from './demo-names.js'

// What a dentist writes, in a few common variants (form 025/у fields).
const VISITS = [
  {
    complaints: 'Боли от холодного и сладкого, проходят сразу после устранения раздражителя.',
    objective:
      'Кариозная полость в пределах дентина, зондирование болезненно по эмалево-дентинной границе.',
    code: 'K02.1',
    diagnosis: 'Кариес дентина',
    treatment:
      'Анестезия, препарирование, медикаментозная обработка, пломба светового отверждения.',
  },
  {
    complaints: 'Самопроизвольные ночные боли, иррадиирующие в ухо.',
    objective: 'Глубокая кариозная полость, вскрытие пульпы болезненно, перкуссия безболезненна.',
    code: 'K04.0',
    diagnosis: 'Пульпит',
    treatment:
      'Экстирпация пульпы, механическая и медикаментозная обработка каналов, временная пломба.',
  },
  {
    complaints: 'Кровоточивость дёсен при чистке зубов.',
    objective: 'Гиперемия и отёк маргинальной десны, над- и поддесневые зубные отложения.',
    code: 'K05.1',
    diagnosis: 'Хронический гингивит',
    treatment: 'Профессиональная гигиена полости рта, обучение гигиене, антисептическая обработка.',
  },
  {
    complaints: 'Жалоб нет, профилактический осмотр.',
    objective: 'Слизистая бледно-розовая, влажная. Зубные отложения в небольшом количестве.',
    code: 'Z01.2',
    diagnosis: 'Стоматологический осмотр',
    treatment: 'Осмотр, снятие зубных отложений, рекомендации по гигиене.',
  },
  {
    complaints: 'Отсутствие зуба, затруднённое пережёвывание пищи.',
    objective: 'Дефект зубного ряда, слизистая альвеолярного отростка без патологии.',
    code: 'K08.1',
    diagnosis: 'Потеря зубов вследствие удаления',
    treatment: 'Консультация, составлен план протезирования, снятие оттисков.',
  },
]
const REASONS = [
  'Осмотр',
  'Лечение кариеса',
  'Лечение каналов',
  'Гигиена',
  'Консультация',
  'Протезирование',
]
const DURATIONS = [30, 30, 45, 60, 60, 90]
const PERMANENT = [11, 12, 13, 14, 15, 16, 17, 18, 21, 22, 23, 24, 25, 26, 27, 28]
const TEETH = [...PERMANENT, ...PERMANENT.map((t) => t + 20)]
const MARKS: { codes: ToothCode[]; surfaces?: Record<string, 'caries' | 'filling'> }[] = [
  { codes: ['caries'], surfaces: { O: 'caries' } },
  { codes: ['filling'], surfaces: { O: 'filling' } },
  { codes: ['filling'], surfaces: { M: 'filling', O: 'filling' } },
  { codes: ['pulpitis'] },
  { codes: ['endo', 'filling'], surfaces: { O: 'filling' } },
  { codes: ['crown'] },
  { codes: ['missing'] },
  { codes: ['implant', 'crown'] },
  { codes: ['periodontitis'] },
  { codes: ['root'] },
]

export interface RecordCounts {
  appointments: number
  visits: number
  corrections: number
  toothStates: number
}

/**
 * Three years (or `days`) of appointments ending `ahead` days after `today`, a signed visit
 * record for most past ones, then tooth states until `entries` medical rows exist. Past
 * visits are signed by their doctor; 3 % carry a signed correction (947н p.21).
 */
export function insertDemoRecords(
  sqlite: Sqlite,
  db: Db,
  rnd: () => number,
  clinic: DemoClinic,
  opts: {
    patients: { first: number; count: number }
    entries: number
    today: string
    days: number
    ahead: number
    timeZone: string
  },
  progress: (line: string) => void,
): RecordCounts {
  const counts: RecordCounts = { appointments: 0, visits: 0, corrections: 0, toothStates: 0 }
  const patientId = () => opts.patients.first + Math.floor(rnd() * opts.patients.count)
  const firstDay = addDays(opts.today, opts.ahead - opts.days + 1)
  const nextEntryId =
    Number(
      (
        sqlite.prepare('select coalesce(max(id), 0) as m from medical_entries').get() as {
          m: number
        }
      ).m,
    ) + 1
  let entryId = nextEntryId
  let insertAppointment: ReturnType<typeof bulkInsert<'appointments'>> | undefined
  let insertEntry: ReturnType<typeof bulkInsert<'medical_entries'>> | undefined
  const visitBudget = opts.entries

  const day = (date: string) => {
    if (isoWeekday(date) === 7) return
    // Moscow has no DST, but a clinic elsewhere may: the offset is taken per day at noon.
    const noon = Date.parse(fromClinic(date, 12 * 60, opts.timeZone)) - 12 * 3_600_000
    const at = (minutes: number) => new Date(noon + minutes * 60_000).toISOString()
    const past = date < opts.today
    for (const doctor of clinic.doctors) {
      let t = doctor.shift === 'morning' ? 8 * 60 : 14 * 60
      const end = t + 6 * 60
      while (t < end) {
        const duration = pick(rnd, DURATIONS)
        if (t + duration > end) break
        if (rnd() < 0.85) {
          const u = rnd()
          const status: AppointmentStatus = past
            ? u < 0.85
              ? 'done'
              : u < 0.9
                ? 'no_show'
                : 'cancelled'
            : date === opts.today
              ? 'confirmed'
              : u < 0.6
                ? 'booked'
                : 'confirmed'
          const patient = patientId()
          const created = at(t - 14 * 24 * 60)
          const visit = VISITS[Math.floor(rnd() * VISITS.length)]!
          const row = {
            patient_id: patient,
            doctor_id: doctor.id,
            chair_id: doctor.chairId,
            starts_at: at(t),
            ends_at: at(t + duration),
            status,
            reason: pick(rnd, REASONS),
            cancel_reason: status === 'cancelled' ? 'Перенос по просьбе пациента' : null,
            created_by: clinic.receptionists[0]!.id,
            created_at: created,
            updated_at: created,
          }
          insertAppointment ??= bulkInsert(sqlite, db, 'appointments', row)
          insertAppointment(row)
          counts.appointments++
          if (status === 'done' && counts.visits + counts.corrections < visitBudget) {
            const signedAt = at(t + duration)
            const entry = {
              id: entryId,
              record_id: entryId,
              revision: 1,
              supersedes_id: null,
              patient_id: patient,
              layout: CURRENT_LAYOUT,
              status: 'signed' as const,
              visit_date: date,
              doctor_id: doctor.id,
              complaints: visit.complaints,
              anamnesis_morbi: 'Со слов пациента, симптомы появились около недели назад.',
              anamnesis_vitae: 'Аллергологический анамнез не отягощён.',
              objective: visit.objective,
              oral_cavity: 'Слизистая оболочка полости рта без видимых изменений.',
              dental_status: 'См. зубную формулу.',
              diagnosis_code: visit.code,
              diagnosis_text: visit.diagnosis,
              diagnosis_first: rnd() < 0.5 ? 1 : 0,
              concomitant: '',
              treatment: visit.treatment,
              recommendations: 'Гигиена полости рта, контрольный осмотр через 6 месяцев.',
              reason: null,
              corrects_id: null,
              author_id: doctor.id,
              author_role: 'doctor',
              device_id: clinic.deviceId,
              created_at: signedAt,
              signed_by: doctor.id,
              signed_at: signedAt,
            }
            insertEntry ??= bulkInsert(sqlite, db, 'medical_entries', entry)
            insertEntry(entry)
            counts.visits++
            const first = entryId++
            if (rnd() < 0.03 && counts.visits + counts.corrections < visitBudget) {
              const later = at(t + duration + 60)
              insertEntry({
                ...entry,
                id: entryId++,
                record_id: first,
                revision: 2,
                supersedes_id: first,
                treatment: `${entry.treatment} Даны рекомендации по уходу.`,
                reason: 'Уточнение объёма лечения',
                corrects_id: first,
                created_at: later,
                signed_at: later,
              })
              counts.corrections++
            }
          }
        }
        t += duration
      }
    }
  }

  const total = opts.days
  for (let d = 0; d < total; d += 30) {
    sqlite.transaction(() => {
      for (let k = d; k < Math.min(total, d + 30); k++) day(addDays(firstDay, k))
    })()
    progress(
      `schedule ${Math.min(total, d + 30)}/${total} days, ${counts.appointments} appointments, ${counts.visits + counts.corrections} visit records`,
    )
  }

  insertToothStates(sqlite, db, rnd, clinic, {
    ...opts,
    budget: Math.max(0, opts.entries - counts.visits - counts.corrections),
    from: Date.parse(`${firstDay}T00:00:00Z`),
    to: Date.parse(`${opts.today}T00:00:00Z`),
    counts,
    progress,
  })
  return counts
}

function insertToothStates(
  sqlite: Sqlite,
  db: Db,
  rnd: () => number,
  clinic: DemoClinic,
  o: {
    patients: { first: number; count: number }
    budget: number
    from: number
    to: number
    counts: RecordCounts
    progress: (line: string) => void
  },
) {
  let insert: ReturnType<typeof bulkInsert<'tooth_states'>> | undefined
  const n = o.patients.count
  const batch = 5_000
  for (let start = 0; start < n; start += batch) {
    sqlite.transaction(() => {
      for (let i = start; i < Math.min(n, start + batch); i++) {
        // An exact total: patient i gets the states up to its share of the budget.
        const quota = Math.floor((o.budget * (i + 1)) / n) - Math.floor((o.budget * i) / n)
        const patient = o.patients.first + i
        const doctor = pick(rnd, clinic.doctors)
        let time = o.from + rnd() * (o.to - o.from) * 0.5
        let left = quota
        const current = new Map<number, number>()
        while (left > 0) {
          const tooth = pick(rnd, TEETH)
          const mark = pick(rnd, MARKS)
          time += rnd() * 30 * 86_400_000
          const at = new Date(Math.min(time, o.to)).toISOString()
          const row = {
            patient_id: patient,
            tooth,
            supersedes_id: current.get(tooth) ?? null,
            status: 'signed' as const,
            codes: serializeCodes(mark.codes),
            surfaces: serializeSurfaces(mark.surfaces ?? {}),
            mobility: 0,
            note: '',
            author_id: doctor.id,
            author_role: 'doctor',
            device_id: clinic.deviceId,
            created_at: at,
            signed_by: doctor.id,
            signed_at: at,
          }
          insert ??= bulkInsert(sqlite, db, 'tooth_states', row)
          current.set(tooth, insert(row))
          o.counts.toothStates++
          left--
        }
      }
    })()
    if ((start / batch) % 4 === 3 || start + batch >= n)
      o.progress(`tooth states ${o.counts.toothStates}/${o.budget}`)
  }
}
