import { sql } from 'kysely'
import type { DbOrTrx } from '../database.js'

export type Channel = 'sms' | 'email' | 'messenger'

export interface MarketingRow {
  id: number
  surname: string
  name: string
  patronymic: string | null
  birth_date: string
  phone: string | null
  email: string | null
  /** Channels whose marketing consent is in force that day and that have a contact. */
  channels: Channel[]
  last_visit?: string
}

// The marketing consents in force on :day, one comma-separated list per patient.
const channelsOn = (day: string) => sql<string | null>`(select group_concat(substr(c.kind, 11))
  from consents c where c.patient_id = p.id
    and c.kind in ('marketing_sms', 'marketing_email', 'marketing_messenger')
    and c.given_on <= ${day} and (c.withdrawn_on is null or c.withdrawn_on > ${day}))`

function withChannels(rows: (Omit<MarketingRow, 'channels'> & { channels: string | null })[]) {
  return rows
    .map((r) => ({
      ...r,
      // A channel counts only with something to send to (38-ФЗ consent alone is not an address).
      channels: (r.channels ?? '')
        .split(',')
        .filter((ch): ch is Channel =>
          ch === 'email' ? !!r.email : (ch === 'sms' || ch === 'messenger') && !!r.phone,
        ),
    }))
    .filter((r) => r.channels.length > 0)
}

/** Patients whose birthday (MM-DD) is among `monthDays` and who may be written to on `day`. */
export async function listBirthdays(
  db: DbOrTrx,
  monthDays: readonly string[],
  day: string,
): Promise<MarketingRow[]> {
  if (monthDays.length === 0) return []
  const rows = await sql<Omit<MarketingRow, 'channels'> & { channels: string | null }>`
    select p.id, p.surname, p.name, p.patronymic, p.birth_date, p.phone, p.email,
      ${channelsOn(day)} as channels
    from patients p
    where substr(p.birth_date, 6) in (${sql.join(monthDays)})`.execute(db)
  return withChannels(rows.rows)
}

/** True once the schedule's table exists (it comes with a later migration). */
export async function hasAppointments(db: DbOrTrx): Promise<boolean> {
  const r = await sql<{ n: number }>`select count(*) as n from pragma_table_info('appointments')
    where name in ('patient_id', 'starts_at', 'status')`.execute(db)
  return Number(r.rows[0]?.n) === 3
}

/**
 * Patients last seen (arrived, in the chair or done) before `seenBefore`, with nothing booked
 * from `now` on, who may be written to on `day`. Most recent first.
 */
export async function listLapsed(
  db: DbOrTrx,
  opts: { seenBefore: string; now: string; day: string; limit: number },
): Promise<MarketingRow[]> {
  const rows = await sql<Omit<MarketingRow, 'channels'> & { channels: string | null }>`
    select p.id, p.surname, p.name, p.patronymic, p.birth_date, p.phone, p.email,
      ${channelsOn(opts.day)} as channels, v.last_visit
    from (select patient_id, max(starts_at) as last_visit from appointments
          where status in ('arrived', 'in_chair', 'done') group by patient_id) v
    join patients p on p.id = v.patient_id
    where v.last_visit < ${opts.seenBefore}
      and not exists (select 1 from appointments f where f.patient_id = p.id
        and f.starts_at >= ${opts.now} and f.status in ('booked', 'confirmed'))
      and exists (select 1 from consents c where c.patient_id = p.id
        and c.kind in ('marketing_sms', 'marketing_email', 'marketing_messenger')
        and c.given_on <= ${opts.day} and (c.withdrawn_on is null or c.withdrawn_on > ${opts.day}))
    order by v.last_visit desc
    limit ${opts.limit}`.execute(db)
  return withChannels(rows.rows)
}
