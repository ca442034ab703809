import type { Generated, Insertable, Selectable } from 'kysely'

export const STATUSES = [
  'booked',
  'confirmed',
  'arrived',
  'in_chair',
  'done',
  'no_show',
  'cancelled',
] as const
export type AppointmentStatus = (typeof STATUSES)[number]

export interface ChairsTable {
  id: Generated<number>
  name: string
  /** 0 hides the chair from new bookings; old appointments keep pointing at it. */
  active: number
  created_at: string
}

/** A doctor's regular hours on one ISO weekday (1 = Monday), clinic-local "HH:MM". */
export interface WorkingHoursTable {
  id: Generated<number>
  doctor_id: number
  weekday: number
  starts: string
  ends: string
  chair_id: number | null
  created_at: string
}

export interface DaysOffTable {
  id: Generated<number>
  doctor_id: number
  /** Clinic-local calendar date. */
  date: string
  reason: string | null
  created_at: string
}

export interface AppointmentsTable {
  id: Generated<number>
  patient_id: number
  doctor_id: number
  chair_id: number
  /** UTC ISO-8601; compared as strings, so always written by Date#toISOString. */
  starts_at: string
  ends_at: string
  status: AppointmentStatus
  /** The reason for the visit as the patient put it: reception sees it, so never a diagnosis. */
  reason: string
  cancel_reason: string | null
  created_by: number | null
  created_at: string
  updated_at: string
}

/** Every status change with its moment and author (the creation is from_status null). */
export interface AppointmentStatusChangesTable {
  id: Generated<number>
  appointment_id: number
  from_status: AppointmentStatus | null
  to_status: AppointmentStatus
  at: string
  staff_id: number | null
  device_id: number | null
}

/**
 * A counter per clinic-local day ('*' for changes that touch every day: chairs, hours),
 * bumped in the same transaction as the change; open terminals poll it to refresh.
 */
export interface ScheduleVersionsTable {
  day: string
  version: number
}

/** Counters bumped by triggers whenever what a cached view shows changes (the T1200 migration). */
export interface ViewVersionsTable {
  name: 'schedule_day'
  version: number
}

export type Appointment = Selectable<AppointmentsTable>
export type NewAppointment = Insertable<AppointmentsTable>
export type Chair = Selectable<ChairsTable>
export type WorkingHours = Selectable<WorkingHoursTable>
export type DayOff = Selectable<DaysOffTable>
export type StatusChange = Selectable<AppointmentStatusChangesTable>
