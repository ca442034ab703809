import { ICD10_K00_K14 } from './icd10-k00-k14.js'

export interface Icd10Code {
  code: string
  name: string
  /** The rubric's name, so "кариес" also finds «Одонтоклазия» under K02 «Кариес зубов». */
  rubric: string
}

const ALL: readonly Icd10Code[] = ICD10_K00_K14.flatMap((r) =>
  r.codes.map(([code, name]) => ({ code, name, rubric: r.name })),
)
const BY_CODE = new Map(ALL.map((c) => [c.code, c]))

/** Every pickable code (four characters, K00.0…K14.9), in classification order. */
export function allIcd10(): readonly Icd10Code[] {
  return ALL
}

/** A code as typed ("к02,1", "k021 ") written the way records store it ("K02.1"). */
export function normalizeIcd10(typed: string): string {
  return normalizeCode(typed.trim()) ?? typed.trim().toUpperCase()
}

/** The code as written in a record, or undefined when it is not a K00–K14 subcode. */
export function findIcd10(code: string): Icd10Code | undefined {
  return BY_CODE.get(code)
}

// Doctors type "к02.1" on a Russian keyboard, "K021" or "k02,1": all mean K02.1.
function normalizeCode(q: string): string | undefined {
  const m = /^[kк]\s*(\d{1,2})(?:[.,]?\s*(\d))?$/i.exec(q)
  if (!m) return undefined
  return `K${m[1]!.padStart(2, '0')}${m[2] ? `.${m[2]}` : ''}`
}

const fold = (s: string) => s.toLowerCase().replaceAll('ё', 'е')

/**
 * Codes matching what the doctor typed: a code or its prefix ("K02", "к04.5"), or words that
 * all occur in the name or the rubric name ("хрон пульп", "кариес дентина"). Code matches come
 * first, then names where a word starts a word of the name. Empty or junk input finds nothing.
 */
export function searchIcd10(query: string, limit = 20): Icd10Code[] {
  const q = query.trim().slice(0, 100)
  if (q === '') return []
  const code = normalizeCode(q)
  if (code) {
    const exact = code.length === 5
    return ALL.filter((c) => (exact ? c.code === code : c.code.startsWith(code))).slice(0, limit)
  }
  const words = fold(q)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
  if (words.length === 0) return []
  const scored: { c: Icd10Code; score: number }[] = []
  for (const c of ALL) {
    const name = fold(c.name)
    const hay = `${name} ${fold(c.rubric)}`
    if (!words.every((w) => hay.includes(w))) continue
    const starts = words.filter((w) => new RegExp(`(^|[^\\p{L}])${escape(w)}`, 'u').test(name))
    scored.push({ c, score: starts.length * 2 + (words.every((w) => name.includes(w)) ? 1 : 0) })
  }
  return scored
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((s) => s.c)
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
