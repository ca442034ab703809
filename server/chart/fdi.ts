// FDI two-digit tooth numbering (ISO 3950, recommended by СтАР): the first digit is the
// quadrant (1–4 permanent, 5–8 primary), clockwise from the patient's upper right; the second
// the position from the midline. Rows below are as the doctor faces the patient: the
// patient's right on the left of the screen (CLINIC.md).

export type Dentition = 'permanent' | 'primary' | 'mixed'
export const DENTITIONS: readonly Dentition[] = ['permanent', 'mixed', 'primary']

const range = (from: number, to: number) => {
  const out: number[] = []
  for (let n = from; from > to ? n >= to : n <= to; from > to ? n-- : n++) out.push(n)
  return out
}

export const PERMANENT_UPPER = [...range(18, 11), ...range(21, 28)]
export const PERMANENT_LOWER = [...range(48, 41), ...range(31, 38)]
export const PRIMARY_UPPER = [...range(55, 51), ...range(61, 65)]
export const PRIMARY_LOWER = [...range(85, 81), ...range(71, 75)]
export const ALL_TEETH: readonly number[] = [
  ...PERMANENT_UPPER,
  ...PERMANENT_LOWER,
  ...PRIMARY_UPPER,
  ...PRIMARY_LOWER,
]
const VALID = new Set(ALL_TEETH)

export function isTooth(n: number): boolean {
  return VALID.has(n)
}

export function isPrimary(tooth: number): boolean {
  return Math.floor(tooth / 10) >= 5
}

export function isUpper(tooth: number): boolean {
  const q = Math.floor(tooth / 10)
  return q === 1 || q === 2 || q === 5 || q === 6
}

/** Incisors and canines: the biting surface is the incisal edge, and 4 surfaces in КПУп. */
export function isAnterior(tooth: number): boolean {
  return tooth % 10 <= 3
}

/**
 * Which teeth a child of this age has, roughly: primary until the first permanent molars
 * erupt (about 6), mixed until the last primary teeth are shed (about 12–13), then permanent.
 * Only the default view: the doctor switches it, and marked teeth always show.
 */
export function dentitionForAge(ageYears: number): Dentition {
  if (ageYears < 6) return 'primary'
  if (ageYears < 13) return 'mixed'
  return 'permanent'
}

/** The rows of the chart to draw: each row one jaw of one dentition, right to left of the patient. */
export function chartRows(dentition: Dentition, marked: ReadonlySet<number>) {
  const showPermanent = dentition !== 'primary' || [...marked].some((t) => !isPrimary(t))
  const showPrimary = dentition !== 'permanent' || [...marked].some((t) => isPrimary(t))
  const rows: { jaw: 'upper' | 'lower'; primary: boolean; teeth: number[] }[] = []
  if (showPermanent) rows.push({ jaw: 'upper', primary: false, teeth: PERMANENT_UPPER })
  if (showPrimary) rows.push({ jaw: 'upper', primary: true, teeth: PRIMARY_UPPER })
  if (showPrimary) rows.push({ jaw: 'lower', primary: true, teeth: PRIMARY_LOWER })
  if (showPermanent) rows.push({ jaw: 'lower', primary: false, teeth: PERMANENT_LOWER })
  return rows
}
