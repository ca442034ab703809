import type { ToothState } from './chart.table.js'
import { dentitionForAge, type Dentition } from './fdi.js'
import { parseMarks, type ToothMarks } from './tooth-codes.js'
import { ageOn } from '../patients/dates.js'

/** Chart rows as marks keyed by tooth number. */
export function marksByTooth(rows: readonly ToothState[]): Map<number, ToothMarks> {
  return new Map(rows.map((r) => [r.tooth, parseMarks(r)]))
}

/** The dentition to show by default: by the patient's age on that day. */
export function defaultDentition(birthDate: string, day: string): Dentition {
  return dentitionForAge(ageOn(birthDate, day))
}
