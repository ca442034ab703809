// A readable diff for the history view (947н: the journal shows what changed): for each
// field that changed, its lines marked kept, removed or added. Lines, not characters, because
// doctors write in lines and read changes the same way.

export type DiffLine = { op: 'same' | 'del' | 'add'; text: string }

export interface FieldChange<F extends string = string> {
  field: F
  before: string
  after: string
  lines: DiffLine[]
}

/** Beyond this many lines a side, the diff shows the whole old and new text instead. */
const MAX_LINES = 400

/** Line diff by longest common subsequence; small inputs only (a record, not a book). */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before === '' ? [] : before.split('\n')
  const b = after === '' ? [] : after.split('\n')
  if (a.length > MAX_LINES || b.length > MAX_LINES) {
    return [
      ...a.map((text) => ({ op: 'del' as const, text })),
      ...b.map((text) => ({ op: 'add' as const, text })),
    ]
  }
  // lcs[i][j]: length of the LCS of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0))
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] =
        a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!)
    }
  }
  const out: DiffLine[] = []
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ op: 'same', text: a[i]! })
      i++
      j++
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) {
      out.push({ op: 'del', text: a[i++]! })
    } else {
      out.push({ op: 'add', text: b[j++]! })
    }
  }
  while (i < a.length) out.push({ op: 'del', text: a[i++]! })
  while (j < b.length) out.push({ op: 'add', text: b[j++]! })
  return out
}

/** The fields whose (display) value differs between two versions, in the given order. */
export function changedFields<F extends string>(
  fields: readonly F[],
  before: Record<F, string> | undefined,
  after: Record<F, string>,
): FieldChange<F>[] {
  const out: FieldChange<F>[] = []
  for (const field of fields) {
    const was = before?.[field] ?? ''
    const now = after[field]
    if (was === now) continue
    out.push({ field, before: was, after: now, lines: diffLines(was, now) })
  }
  return out
}
