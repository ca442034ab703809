import type { AppointmentStatus } from './schedule.table.js'

// The schedule's fixed rules, in one place so routes, service, views and tests agree.

/** Bookings start and last in whole slots: the grid has one row per slot. */
export const SLOT_MINUTES = 15
/** The day grid always shows at least these hours (clinic-local); earlier or later bookings widen it. */
export const GRID_FROM_MINUTES = 8 * 60
export const GRID_TO_MINUTES = 21 * 60
/** The longest appointment (a long implant surgery); also bounds the overlap queries' scans. */
export const MAX_DURATION_MINUTES = 8 * 60
export const MAX_SPAN_MS = MAX_DURATION_MINUTES * 60_000
export const DURATION_CHOICES = [15, 30, 45, 60, 75, 90, 120, 150, 180, 240, 300, 360, 480]
export const REASON_MAX = 500

/** Statuses that still hold the doctor and the chair; a no-show or a cancellation frees them. */
export const BLOCKING: readonly AppointmentStatus[] = [
  'booked',
  'confirmed',
  'arrived',
  'in_chair',
  'done',
]

/** Statuses in which the time, doctor and chair may still change. */
export const MOVABLE: readonly AppointmentStatus[] = ['booked', 'confirmed', 'arrived', 'in_chair']

/**
 * Allowed status changes. The chain booked → confirmed → arrived → in_chair → done may skip
 * the confirmation call (a patient often just comes). No-show only before arrival: a patient
 * who came did show. A no-show may turn into an arrival (a patient half an hour late), which
 * re-checks the overlaps because the slot was freed. Done and cancelled are final.
 */
export const TRANSITIONS: Readonly<Record<AppointmentStatus, readonly AppointmentStatus[]>> = {
  booked: ['confirmed', 'arrived', 'no_show', 'cancelled'],
  confirmed: ['arrived', 'no_show', 'cancelled'],
  arrived: ['in_chair', 'cancelled'],
  in_chair: ['done', 'cancelled'],
  done: [],
  no_show: ['arrived'],
  cancelled: [],
}

/** Marks that only make sense once the appointment's day has come. */
export const ON_THE_DAY: readonly AppointmentStatus[] = ['arrived', 'in_chair', 'done', 'no_show']

export function canTransition(from: AppointmentStatus, to: AppointmentStatus): boolean {
  return TRANSITIONS[from].includes(to)
}
