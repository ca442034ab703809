import type { DbOrTrx } from '../database.js'
import type { Author } from '../medical/visits.service.js'
import { chartState, findCurrentTooth, insertToothState } from './chart.queries.js'
import type { ToothState } from './chart.table.js'
import { parseMarks, serializeCodes, serializeSurfaces, type ToothMarks } from './tooth-codes.js'

// Chart marks are saved as drafts, by a doctor or an assistant at the chair, and take effect
// when a doctor signs them (the assistant workflow). Signing appends signed copies; nothing
// is ever updated, so the chart at any past moment stays readable.

export type ChartProblem = 'conflict' | 'drafts_changed' | 'no_drafts'

export class ChartError extends Error {
  override name = 'ChartError'
  constructor(readonly problem: ChartProblem) {
    super(problem)
  }
}

function same(a: ToothMarks, b: ToothMarks): boolean {
  return (
    serializeCodes(a.codes) === serializeCodes(b.codes) &&
    serializeSurfaces(a.surfaces) === serializeSurfaces(b.surfaces) &&
    a.mobility === b.mobility &&
    a.note === b.note
  )
}

/**
 * Records one tooth's new state as a draft, if it differs from the current one.
 * @param base the id of the row the editor showed (0 for a tooth never marked).
 * @throws ChartError('conflict') when the tooth was marked meanwhile.
 */
export async function saveToothMarks(
  db: DbOrTrx,
  author: Author,
  at: string,
  ref: { patientId: number; tooth: number; base: number },
  marks: ToothMarks,
): Promise<number | undefined> {
  const current = await findCurrentTooth(db, ref.patientId, ref.tooth)
  if ((current?.id ?? 0) !== ref.base) throw new ChartError('conflict')
  if (current && same(parseMarks(current), marks)) return undefined
  return insertToothState(db, {
    patient_id: ref.patientId,
    tooth: ref.tooth,
    supersedes_id: current?.id ?? null,
    status: 'draft',
    codes: serializeCodes(marks.codes),
    surfaces: serializeSurfaces(marks.surfaces),
    mobility: marks.mobility,
    note: marks.note,
    author_id: author.staffId,
    author_role: author.role,
    device_id: author.deviceId,
    created_at: at,
    signed_by: null,
    signed_at: null,
  })
}

/** The teeth whose current state is an unsigned draft. */
export async function currentDrafts(db: DbOrTrx, patientId: number): Promise<ToothState[]> {
  return (await chartState(db, patientId)).filter((r) => r.status === 'draft')
}

/**
 * A doctor signs exactly the drafts they reviewed (their ids, as shown), each becoming a
 * signed row that supersedes it.
 * @throws ChartError: no_drafts, or drafts_changed when the set differs from what was shown.
 */
export async function signChart(
  db: DbOrTrx,
  signer: Author,
  at: string,
  patientId: number,
  shown: readonly number[],
): Promise<number[]> {
  const drafts = await currentDrafts(db, patientId)
  if (drafts.length === 0) throw new ChartError('no_drafts')
  const ids = drafts.map((d) => d.id).sort((a, b) => a - b)
  const seen = [...new Set(shown)].sort((a, b) => a - b)
  if (ids.join(',') !== seen.join(',')) throw new ChartError('drafts_changed')
  const out: number[] = []
  for (const d of drafts) {
    out.push(
      await insertToothState(db, {
        patient_id: patientId,
        tooth: d.tooth,
        supersedes_id: d.id,
        status: 'signed',
        codes: d.codes,
        surfaces: d.surfaces,
        mobility: d.mobility,
        note: d.note,
        author_id: signer.staffId,
        author_role: signer.role,
        device_id: signer.deviceId,
        created_at: at,
        signed_by: signer.staffId,
        signed_at: at,
      }),
    )
  }
  return out
}
