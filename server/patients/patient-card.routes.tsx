import { Hono, type Context } from 'hono'
import { PatientCard } from '../../views/patients/patient-card.page.js'
import { PatientEditPage } from '../../views/patients/patient-edit.page.js'
import { fullName } from '../../views/patients/format.js'
import { allow, can } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { form } from '../http/forms.js'
import { ageOn } from './dates.js'
import { auditPatient, patientFromPath, today } from './patient-access.js'
import {
  emptyPatientForm,
  formFromPatient,
  patientFormSchema,
  validatePatient,
  type PatientFormErrors,
  type PatientFormInput,
} from './patient-form.js'
import { patientTabs } from './patient-tabs.js'
import {
  findPatientBrief,
  insertPatient,
  listWards,
  nextCardNumber,
  updatePatient,
} from './patients.queries.js'
import {
  changedColumns,
  checkPatientAgainstDb,
  guardianCardOf,
  possibleDuplicates,
} from './patients.service.js'
import type { Patient } from './patients.table.js'

type Ctx = Context<AppEnv>

interface FormState {
  values: PatientFormInput
  errors: PatientFormErrors
  duplicates?: Awaited<ReturnType<typeof possibleDuplicates>>
}

async function renderForm(c: Ctx, state: FormState, patient?: Patient) {
  const { t } = c.get('i18n')
  return c.render(
    <PatientEditPage
      i18n={c.get('i18n')}
      csrfToken={c.get('csrfToken')}
      action={patient ? `/patients/${patient.id}/update` : '/patients'}
      cancelHref={patient ? `/patients/${patient.id}` : '/patients'}
      header={patient && { patient, tabs: await patientTabs(c), current: 'card' }}
      {...state}
    />,
    { title: patient ? fullName(patient) : t('patients.new') },
  )
}

/**
 * Validates a submitted card: 422 with the form for errors or for possible duplicates not
 * yet confirmed, else the column values to store.
 */
async function validateSubmission(c: Ctx, patient?: Patient) {
  const s = c.get('services')
  const { t } = c.get('i18n')
  const input = await form(c, patientFormSchema)
  const day = today(c)
  const checked = validatePatient(input, t, day)
  let errors = checked.errors
  let guardianId: number | null = null
  if (checked.values) {
    const db = await checkPatientAgainstDb(s.db, checked.values, t, {
      selfId: patient?.id,
      today: day,
    })
    errors = { ...errors, ...db.errors }
    guardianId = db.guardianId
  }
  const values = checked.values
  if (!values || Object.keys(errors).length > 0) {
    c.status(422)
    return { response: await renderForm(c, { values: input, errors }, patient) }
  }
  if (input.confirm_duplicate !== '1') {
    const duplicates = await possibleDuplicates(s.db, values, patient?.id)
    if (duplicates.length > 0) {
      c.status(422)
      return { response: await renderForm(c, { values: input, errors, duplicates }, patient) }
    }
  }
  const { guardian_card: _card, ...columns } = values
  return {
    columns: { ...columns, guardian_id: guardianId },
    confirmed: input.confirm_duplicate === '1',
  }
}

/** The patient card: register, view, edit. */
export function patientCardRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/patients/new', allow('patients.contacts.write'), (c) =>
    renderForm(c, { values: emptyPatientForm(), errors: {} }),
  )

  app.post('/patients', allow('patients.contacts.write'), async (c) => {
    const s = c.get('services')
    const result = await validateSubmission(c)
    if ('response' in result) return result.response
    const at = s.now().toISOString()
    const id = await s.db.transaction().execute(async (trx) => {
      const card = result.columns.card_number ?? (await nextCardNumber(trx))
      const id = await insertPatient(trx, {
        ...result.columns,
        card_number: card,
        created_at: at,
        updated_at: at,
        created_by: c.get('session')!.staffId,
      })
      await auditPatient(c, trx, {
        action: 'patient.create',
        patientId: id,
        category: 'contacts',
        details: { duplicate_confirmed: result.confirmed },
      })
      return id
    })
    return c.redirect(`/patients/${id}?saved=1`, 303)
  })

  app.get('/patients/:id', allow('patients.contacts.read'), async (c) => {
    const s = c.get('services')
    const patient = await patientFromPath(c)
    await auditPatient(c, s.db, {
      action: 'patient.view',
      patientId: patient.id,
      category: 'contacts',
    })
    const guardian =
      patient.guardian_id === null ? undefined : await findPatientBrief(s.db, patient.guardian_id)
    return c.render(
      <PatientCard
        i18n={c.get('i18n')}
        patient={patient}
        age={ageOn(patient.birth_date, today(c))}
        guardian={guardian}
        wards={await listWards(s.db, patient.id)}
        tabs={await patientTabs(c)}
        canEdit={await can(c, 'patients.contacts.write')}
        notice={c.req.query('saved') === '1' ? c.get('i18n').t('patients.saved') : undefined}
      />,
      { title: fullName(patient) },
    )
  })

  app.get('/patients/:id/edit', allow('patients.contacts.write'), async (c) => {
    const s = c.get('services')
    const patient = await patientFromPath(c)
    await auditPatient(c, s.db, {
      action: 'patient.view',
      patientId: patient.id,
      category: 'contacts',
      details: { view: 'edit' },
    })
    const values = formFromPatient(patient, await guardianCardOf(s.db, patient.guardian_id))
    return renderForm(c, { values, errors: {} }, patient)
  })

  app.post('/patients/:id/update', allow('patients.contacts.write'), async (c) => {
    const s = c.get('services')
    const patient = await patientFromPath(c)
    const result = await validateSubmission(c, patient)
    if ('response' in result) return result.response
    const columns = {
      ...result.columns,
      card_number: result.columns.card_number ?? patient.card_number,
    }
    const changed = changedColumns(patient, columns)
    await s.db.transaction().execute(async (trx) => {
      if (changed.length > 0) {
        await updatePatient(trx, patient.id, { ...columns, updated_at: s.now().toISOString() })
      }
      // Which fields changed, never their values: the trail must not copy personal data.
      await auditPatient(c, trx, {
        action: 'patient.update',
        patientId: patient.id,
        category: 'contacts',
        details: { fields: changed.join(',') },
      })
    })
    return c.redirect(`/patients/${patient.id}?saved=1`, 303)
  })

  return app
}
