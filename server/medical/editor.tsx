import type { Context } from 'hono'
import { VisitEditorPage } from '../../views/medical/visit-editor.page.js'
import { VisitEditor, type EditorMode } from '../../views/medical/visit-editor.partial.js'
import type { AppEnv } from '../http/app-env.js'
import { isHtmx } from '../http/render.js'
import { listDoctors } from './doctors.queries.js'
import { searchIcd10 } from './icd10.js'
import type { PatientTitle } from './patient-title.queries.js'
import { listTemplates } from './templates.queries.js'
import type { VisitErrors, VisitValues } from './visit-form.js'

type Ctx = Context<AppEnv>

const TITLES = {
  new: 'medical.editor.new_title',
  edit: 'medical.editor.edit_title',
  correct: 'medical.editor.correct_title',
} as const

/** The clinic's doctors, and the templates of the writer and of the record's doctor. */
export async function editorChoices(c: Ctx, doctorId: string) {
  const db = c.get('services').db
  const me = c.get('session')!.staffId
  const other = /^[1-9][0-9]{0,9}$/.test(doctorId) ? Number(doctorId) : me
  const doctors = await listDoctors(db)
  // An assistant drafting for a doctor fills from that doctor's templates as well as their own.
  const templates = await listTemplates(db, other === me ? [me] : [me, other])
  return { doctors, templates }
}

export interface EditorState {
  patient: PatientTitle
  mode: EditorMode
  recordId?: number
  baseRevision?: number
  values: VisitValues
  errors?: VisitErrors
  icdQuery?: string
  notice?: string
}

/** The editor as a page, or only the form for htmx (template fill swaps the form in place). */
export async function renderEditor(c: Ctx, state: EditorState, status: 200 | 409 | 422 = 200) {
  const { doctors, templates } = await editorChoices(c, state.values.doctor_id)
  const icdQuery = state.icdQuery ?? ''
  const props = {
    i18n: c.get('i18n'),
    csrfToken: c.get('csrfToken'),
    patientId: state.patient.id,
    mode: state.mode,
    recordId: state.recordId,
    baseRevision: state.baseRevision,
    values: state.values,
    errors: state.errors ?? {},
    doctors,
    templates,
    icdQuery,
    icdFound: searchIcd10(icdQuery),
  }
  c.status(status)
  if (isHtmx(c) && status === 200) return c.html(<VisitEditor {...props} />)
  return c.render(<VisitEditorPage {...props} patient={state.patient} notice={state.notice} />, {
    title: c.get('i18n').t(TITLES[state.mode]),
  })
}
