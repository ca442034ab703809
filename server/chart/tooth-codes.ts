// Tooth-state codes as written on Russian dental charts (CLINIC.md): С кариес, Р пульпит,
// Pt периодонтит, П пломба, К коронка, О отсутствует, R корень, И искусственный зуб,
// ИЗ имплантат, А пародонтоз, and a few more a doctor needs. Stored by these stable ids;
// the letters and words come from the catalogue.

export const TOOTH_CODES = [
  'caries',
  'pulpitis',
  'periodontitis',
  'filling',
  'temporary',
  'endo',
  'crown',
  'inlay',
  'veneer',
  'root',
  'missing',
  'artificial',
  'implant',
  'periodontosis',
  'retained',
  'hypoplasia',
  'fluorosis',
] as const
export type ToothCode = (typeof TOOTH_CODES)[number]

export const SURFACES = ['M', 'D', 'V', 'L', 'O'] as const
export type Surface = (typeof SURFACES)[number]

export const SURFACE_MARKS = ['caries', 'filling'] as const
export type SurfaceMark = (typeof SURFACE_MARKS)[number]

export const MOBILITY_DEGREES = [0, 1, 2, 3] as const

/** A tooth's whole state as the chart shows it and the editor edits it. */
export interface ToothMarks {
  codes: ToothCode[]
  surfaces: Partial<Record<Surface, SurfaceMark>>
  mobility: number
  note: string
}

export const EMPTY_MARKS: ToothMarks = { codes: [], surfaces: {}, mobility: 0, note: '' }

const isCode = (v: string): v is ToothCode => (TOOTH_CODES as readonly string[]).includes(v)
const isSurface = (v: string): v is Surface => (SURFACES as readonly string[]).includes(v)
const isMark = (v: string): v is SurfaceMark => (SURFACE_MARKS as readonly string[]).includes(v)

/** Stored text → marks; unknown tokens (from a future version) are skipped, never thrown on. */
export function parseMarks(row: {
  codes: string
  surfaces: string
  mobility: number
  note: string
}): ToothMarks {
  const codes = row.codes.split(' ').filter(isCode)
  const surfaces: ToothMarks['surfaces'] = {}
  for (const token of row.surfaces.split(' ')) {
    const [s, m] = token.split(':')
    if (s && m && isSurface(s) && isMark(m)) surfaces[s] = m
  }
  return { codes: sortCodes(codes), surfaces, mobility: row.mobility, note: row.note }
}

export function serializeCodes(codes: readonly ToothCode[]): string {
  return sortCodes(codes).join(' ')
}

export function serializeSurfaces(surfaces: ToothMarks['surfaces']): string {
  return SURFACES.filter((s) => surfaces[s])
    .map((s) => `${s}:${surfaces[s]}`)
    .join(' ')
}

function sortCodes(codes: readonly ToothCode[]): ToothCode[] {
  return TOOTH_CODES.filter((c) => codes.includes(c))
}

/** Codes that mean the natural crown is gone: nothing else is marked on such a tooth. */
export const ABSENT_CODES: readonly ToothCode[] = ['missing', 'artificial', 'implant']

export type MarksProblem = 'unknown_code' | 'absent_with_marks' | 'bad_mobility' | 'note_too_long'

/** Checks marks from a form; undefined when they make sense together. */
export function checkMarks(
  input: { codes: string[]; surfaces: Record<string, string>; mobility: number; note: string },
  noteMax: number,
): MarksProblem | undefined {
  if (!input.codes.every(isCode)) return 'unknown_code'
  for (const [s, m] of Object.entries(input.surfaces)) {
    if (!isSurface(s) || (m !== '' && !isMark(m))) return 'unknown_code'
  }
  if (!(MOBILITY_DEGREES as readonly number[]).includes(input.mobility)) return 'bad_mobility'
  if (input.note.length > noteMax) return 'note_too_long'
  const absent = input.codes.some((c) => ABSENT_CODES.includes(c as ToothCode))
  const natural = input.codes.filter(
    (c) => !ABSENT_CODES.includes(c as ToothCode) && c !== 'crown' && c !== 'periodontosis',
  )
  const marked = Object.values(input.surfaces).some((m) => m !== '')
  if (absent && (natural.length > 0 || marked)) return 'absent_with_marks'
  return undefined
}

export function isEmptyMarks(m: ToothMarks): boolean {
  return m.codes.length === 0 && Object.keys(m.surfaces).length === 0 && m.mobility === 0
}
