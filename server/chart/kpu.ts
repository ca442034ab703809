import { isAnterior, isPrimary } from './fdi.js'
import type { ToothCode, ToothMarks } from './tooth-codes.js'

// The КПУ index (WHO DMF): К кариозные (decayed), П пломбированные (filled), У удалённые
// (missing), per tooth (КПУз) and per surface (КПУп), for permanent teeth; кп for primary
// teeth, where a missing tooth is usually physiological shedding and so not counted.
// The chart does not know why a tooth is missing; every absent permanent tooth counts as У.

const DECAY: readonly ToothCode[] = ['caries', 'pulpitis', 'periodontitis', 'root', 'temporary']
const FILLED: readonly ToothCode[] = ['filling', 'endo', 'crown', 'inlay']
const ABSENT: readonly ToothCode[] = ['missing', 'artificial', 'implant']

export interface Kpu {
  k: number
  p: number
  u: number
  total: number
}

export interface KpuResult {
  /** КПУз: permanent teeth. */
  teeth: Kpu
  /** КПУп: surfaces of permanent teeth. */
  surfaces: Kpu
  /** кп: primary teeth (у is always 0). */
  primary: Kpu
}

type ToothClass = 'k' | 'p' | 'u' | undefined

function classify(m: ToothMarks): ToothClass {
  const has = (list: readonly ToothCode[]) => m.codes.some((c) => list.includes(c))
  const marks = Object.values(m.surfaces)
  if (has(ABSENT)) return 'u'
  // A filled tooth with new caries is decayed (secondary caries counts as К).
  if (has(DECAY) || marks.includes('caries')) return 'k'
  if (has(FILLED) || marks.includes('filling')) return 'p'
  return undefined
}

/** Decayed and filled surfaces of one permanent tooth (4 for front teeth, 5 for the rest). */
function surfaceCounts(tooth: number, m: ToothMarks): { k: number; p: number; u: number } {
  const all = isAnterior(tooth) ? 4 : 5
  const has = (list: readonly ToothCode[]) => m.codes.some((c) => list.includes(c))
  if (has(ABSENT)) return { k: 0, p: 0, u: all }
  // A root left without a crown: the whole crown is lost to caries.
  if (m.codes.includes('root')) return { k: all, p: 0, u: 0 }
  const marks = Object.values(m.surfaces)
  let k = marks.filter((x) => x === 'caries').length
  let p = marks.filter((x) => x === 'filling').length
  // A tooth-level code without surface marks still counts one surface.
  if (k === 0 && has(DECAY)) k = 1
  if (p === 0 && has(FILLED)) p = 1
  k = Math.min(k, all)
  // An artificial crown covers every surface not decayed.
  p = m.codes.includes('crown') ? all - k : Math.min(p, all - k)
  return { k, p, u: 0 }
}

const kpu = (k: number, p: number, u: number): Kpu => ({ k, p, u, total: k + p + u })

/** The index over the chart's current (or as-of-date) marks, keyed by FDI tooth number. */
export function computeKpu(chart: ReadonlyMap<number, ToothMarks>): KpuResult {
  const teeth = { k: 0, p: 0, u: 0 }
  const surfaces = { k: 0, p: 0, u: 0 }
  const primary = { k: 0, p: 0 }
  for (const [tooth, marks] of chart) {
    const cls = classify(marks)
    if (isPrimary(tooth)) {
      if (cls === 'k') primary.k++
      else if (cls === 'p') primary.p++
      continue
    }
    if (cls) teeth[cls]++
    const s = surfaceCounts(tooth, marks)
    surfaces.k += s.k
    surfaces.p += s.p
    surfaces.u += s.u
  }
  return {
    teeth: kpu(teeth.k, teeth.p, teeth.u),
    surfaces: kpu(surfaces.k, surfaces.p, surfaces.u),
    primary: kpu(primary.k, primary.p, 0),
  }
}
