import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { NotesPage } from '../../views/patients/notes.page.js'
import { fullName } from '../../views/patients/format.js'
import { allow, can } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { form } from '../http/forms.js'
import { listNotes, insertNote } from './notes.queries.js'
import { auditPatient, patientFromPath } from './patient-access.js'
import { patientTabs } from './patient-tabs.js'
import type { Patient } from './patients.table.js'

const NOTE_MAX = 2000
// Line breaks and tabs are text; other control characters are not.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/
const noteForm = z.object({ body: z.string().max(20_000).default('') })

async function renderNotes(
  c: Context<AppEnv>,
  patient: Patient,
  state: { body?: string; error?: string; notice?: string } = {},
) {
  return c.render(
    <NotesPage
      i18n={c.get('i18n')}
      csrfToken={c.get('csrfToken')}
      patient={patient}
      tabs={await patientTabs(c)}
      notes={await listNotes(c.get('services').db, patient.id)}
      canWrite={await can(c, 'patients.notes.write')}
      {...state}
    />,
    { title: fullName(patient) },
  )
}

/** Non-medical notes (preferences, service): their own permission, apart from the card. */
export function noteRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/patients/:id/notes', allow('patients.notes.read'), async (c) => {
    const patient = await patientFromPath(c)
    await auditPatient(c, c.get('services').db, {
      action: 'patient.notes.view',
      patientId: patient.id,
      category: 'notes',
    })
    return renderNotes(c, patient, {
      notice: c.req.query('added') === '1' ? c.get('i18n').t('patients.notes.added') : undefined,
    })
  })

  app.post('/patients/:id/notes/add', allow('patients.notes.write'), async (c) => {
    const s = c.get('services')
    const { t } = c.get('i18n')
    const patient = await patientFromPath(c)
    const { body: raw } = await form(c, noteForm)
    const body = raw.trim()
    const error = !body
      ? t('patients.error.required')
      : [...body].length > NOTE_MAX
        ? t('patients.error.too_long', { max: NOTE_MAX })
        : CONTROL.test(body)
          ? t('patients.error.control')
          : undefined
    if (error) {
      c.status(422)
      return renderNotes(c, patient, { body: raw, error })
    }
    await s.db.transaction().execute(async (trx) => {
      const id = await insertNote(trx, {
        patient_id: patient.id,
        body,
        created_at: s.now().toISOString(),
        created_by: c.get('session')!.staffId,
      })
      await auditPatient(c, trx, {
        action: 'patient.note.add',
        patientId: patient.id,
        category: 'notes',
        details: { note: id },
      })
    })
    return c.redirect(`/patients/${patient.id}/notes?added=1`, 303)
  })

  return app
}
