import type { DbOrTrx } from '../database.js'
import type { Role } from '../policy/permissions.js'
import { CURRENT_LAYOUT } from './layout.js'
import type { MedicalEntry } from './medical.table.js'
import type { VisitContent } from './visit-form.js'
import { findLatestRevision, insertRevision } from './visits.queries.js'

// The life of a visit record, each step one new revision (947н p.21): drafts are saved by a
// doctor or an assistant; the record's doctor signs; a signed record changes only through a
// correction with a reason, which is signed again; "deleting" is a revision with a reason.

export type VisitProblem =
  'signed' | 'deleted' | 'conflict' | 'not_draft' | 'not_signed' | 'not_doctor' | 'not_found'

/** A step the record's state does not allow; routes map it to 404/409 and re-render. */
export class VisitError extends Error {
  override name = 'VisitError'
  constructor(readonly problem: VisitProblem) {
    super(problem)
  }
}

export interface Author {
  staffId: number
  role: Role
  deviceId: number
}

function stamp(author: Author, at: string) {
  return {
    author_id: author.staffId,
    author_role: author.role,
    device_id: author.deviceId,
    created_at: at,
  }
}

/** The record as it is now, checked to be this patient's and at the revision the form saw. */
async function current(db: DbOrTrx, patientId: number, recordId: number, base: number) {
  const latest = await findLatestRevision(db, patientId, recordId)
  if (!latest) throw new VisitError('not_found')
  if (latest.status === 'deleted') throw new VisitError('deleted')
  if (latest.revision !== base) throw new VisitError('conflict')
  return latest
}

function next(latest: MedicalEntry, author: Author, at: string) {
  return {
    ...stamp(author, at),
    record_id: latest.record_id,
    revision: latest.revision + 1,
    supersedes_id: latest.id,
    patient_id: latest.patient_id,
    layout: latest.layout,
    signed_by: null,
    signed_at: null,
  }
}

/** A new record: its first revision, a draft. */
export function createVisit(
  db: DbOrTrx,
  author: Author,
  at: string,
  patientId: number,
  content: VisitContent,
) {
  return insertRevision(db, {
    ...stamp(author, at),
    ...content,
    revision: 1,
    supersedes_id: null,
    patient_id: patientId,
    layout: CURRENT_LAYOUT,
    status: 'draft',
    reason: null,
    corrects_id: null,
    signed_by: null,
    signed_at: null,
  })
}

/** Another draft revision; a correction in progress keeps its reason and what it corrects. */
export async function saveDraft(
  db: DbOrTrx,
  author: Author,
  at: string,
  ref: { patientId: number; recordId: number; base: number },
  content: VisitContent,
) {
  const latest = await current(db, ref.patientId, ref.recordId, ref.base)
  if (latest.status === 'signed') throw new VisitError('signed')
  return insertRevision(db, {
    ...next(latest, author, at),
    ...content,
    status: 'draft',
    reason: latest.reason,
    corrects_id: latest.corrects_id,
  })
}

/** The doctor named in the record signs the draft they saw; the content is carried unchanged. */
export async function signVisit(
  db: DbOrTrx,
  author: Author,
  at: string,
  ref: { patientId: number; recordId: number; base: number },
) {
  const latest = await current(db, ref.patientId, ref.recordId, ref.base)
  if (latest.status !== 'draft') throw new VisitError('not_draft')
  if (latest.doctor_id !== author.staffId) throw new VisitError('not_doctor')
  const { id: _id, ...content } = latest
  return insertRevision(db, {
    ...content,
    ...next(latest, author, at),
    status: 'signed',
    signed_by: author.staffId,
    signed_at: at,
  })
}

/** A correction of a signed record: a new draft that says why and points at what it corrects. */
export async function correctVisit(
  db: DbOrTrx,
  author: Author,
  at: string,
  ref: { patientId: number; recordId: number; base: number },
  content: VisitContent,
  reason: string,
) {
  const latest = await current(db, ref.patientId, ref.recordId, ref.base)
  if (latest.status !== 'signed') throw new VisitError('not_signed')
  return insertRevision(db, {
    ...next(latest, author, at),
    ...content,
    status: 'draft',
    reason,
    corrects_id: latest.id,
  })
}

/** "Deleting": a last revision with the content kept and the reason given. */
export async function deleteVisit(
  db: DbOrTrx,
  author: Author,
  at: string,
  ref: { patientId: number; recordId: number; base: number },
  reason: string,
) {
  const latest = await current(db, ref.patientId, ref.recordId, ref.base)
  const { id: _id, ...content } = latest
  return insertRevision(db, {
    ...content,
    ...next(latest, author, at),
    status: 'deleted',
    reason,
  })
}
