import { Hono, type Context } from 'hono'
import {
  CardEditPage,
  type CardEditProps,
  type CardValues,
} from '../../views/medical/card-edit.page.js'
import { CardPage } from '../../views/medical/card.page.js'
import { HistoryPage } from '../../views/medical/history.page.js'
import { PrintCard } from '../../views/medical/print-card.page.js'
import { MedicalPrintDocument } from '../../views/medical/print-document.js'
import { chartState } from '../chart/chart.queries.js'
import { defaultDentition, marksByTooth } from '../chart/chart-state.js'
import { allow } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { findLatestCard, insertCardRevision, listCardRevisions } from './card.queries.js'
import { cardHistory } from './history.js'
import { CARD_TEXT_FIELDS, CURRENT_LAYOUT, TEXT_MAX } from './layout.js'
import { openMedical } from './medical-access.js'
import { BLOOD_GROUPS, RH_VALUES, type BloodGroup, type Rh } from './medical.table.js'
import { authorOf, baseRevision, clinicDay, medicalPowers } from './request.js'
import { formBody, readChoice, readText } from './text-input.js'
import { listFinalDiagnoses, listSignedRecords, listVisits } from './visits.queries.js'

class CardConflict extends Error {}

/** The card page, the medical part of its title page (revised, never overwritten), printing. */
export function cardRoutes() {
  const app = new Hono<AppEnv>()

  // --- the card ---
  app.get('/patients/:id/medical', allow('medical.read'), async (c) => {
    const gate = await openMedical(c, { action: 'medical.card.open', category: 'card' })
    const { db } = c.get('services')
    const id = gate.patient.id
    const card = await findLatestCard(db, id)
    const diagnoses = await listFinalDiagnoses(db, id)
    const visits = await listVisits(db, id)
    await gate.ok(db)
    return c.render(
      <CardPage
        i18n={c.get('i18n')}
        patient={gate.patient}
        card={card}
        diagnoses={diagnoses}
        visits={visits}
        canWrite={(await medicalPowers(c)).write}
      />,
      { title: c.get('i18n').t('medical.card.title') },
    )
  })

  // --- the title page's medical part ---
  app.get('/patients/:id/medical/title', allow('medical.write'), async (c) => {
    const gate = await openMedical(c, { action: 'medical.section.view', category: 'title' })
    const { db } = c.get('services')
    const card = await findLatestCard(db, gate.patient.id)
    await gate.ok(db, { form: 'edit' })
    const values: CardValues = {
      blood_group: card?.blood_group ?? '',
      rh: card?.rh ?? '',
      allergies: card?.allergies ?? '',
      chronic_conditions: card?.chronic_conditions ?? '',
      dispensary_conditions: card?.dispensary_conditions ?? '',
    }
    return renderEdit(c, {
      patient: gate.patient,
      values,
      baseRevision: card?.revision ?? 0,
      errors: {},
    })
  })

  app.post('/patients/:id/medical/title', allow('medical.write'), async (c) => {
    const gate = await openMedical(c, { action: 'medical.card.save', category: 'title' })
    const s = c.get('services')
    const body = await formBody(c)
    const errors: CardEditProps['errors'] = {}
    const values = {
      blood_group: readChoice(body, 'blood_group'),
      rh: readChoice(body, 'rh'),
    } as CardValues
    if (!BLOOD_GROUPS.includes(values.blood_group as BloodGroup))
      errors.blood_group = { key: 'medical.error.invalid' }
    if (!RH_VALUES.includes(values.rh as Rh)) errors.rh = { key: 'medical.error.invalid' }
    for (const f of CARD_TEXT_FIELDS) {
      const r = readText(body, f, TEXT_MAX)
      values[f] = r.value
      if (r.error) errors[f] = r.error
    }
    const base = baseRevision(body.base_revision)
    const again = async (status: 409 | 422, errs: CardEditProps['errors']) => {
      await gate.failed({ status })
      c.status(status)
      return renderEdit(c, { patient: gate.patient, values, baseRevision: base, errors: errs })
    }
    if (Object.keys(errors).length > 0)
      return again(422, { ...errors, form: { key: 'medical.error.form' } })
    try {
      await s.db.transaction().execute(async (trx) => {
        const latest = await findLatestCard(trx, gate.patient.id)
        if ((latest?.revision ?? 0) !== base) throw new CardConflict()
        const a = authorOf(c)
        await insertCardRevision(trx, {
          ...values,
          blood_group: values.blood_group as BloodGroup,
          rh: values.rh as Rh,
          patient_id: gate.patient.id,
          revision: base + 1,
          supersedes_id: latest?.id ?? null,
          layout: CURRENT_LAYOUT,
          author_id: a.staffId,
          author_role: a.role,
          device_id: a.deviceId,
          created_at: s.now().toISOString(),
        })
        await gate.ok(trx, { revision: base + 1 })
      })
    } catch (err) {
      if (err instanceof CardConflict)
        return again(409, { form: { key: 'medical.error.conflict' } })
      throw err
    }
    return c.redirect(`/patients/${gate.patient.id}/medical`, 303)
  })

  app.get('/patients/:id/medical/title/history', allow('medical.read'), async (c) => {
    const gate = await openMedical(c, { action: 'medical.history.view', category: 'title' })
    const { db } = c.get('services')
    const rows = await listCardRevisions(db, gate.patient.id)
    await gate.ok(db)
    const { t } = c.get('i18n')
    return c.render(
      <HistoryPage
        i18n={c.get('i18n')}
        patient={gate.patient}
        title={t('medical.history.card_title')}
        back={{ href: `/patients/${gate.patient.id}/medical`, label: t('medical.card.back') }}
        entries={cardHistory(rows, c.get('i18n'))}
      />,
      { title: t('medical.history.card_title') },
    )
  })

  // --- printing (audited as medical.print) ---
  app.get('/patients/:id/medical/print', allow('medical.read'), async (c) => {
    const gate = await openMedical(c, { action: 'medical.print', category: 'card' })
    const s = c.get('services')
    const id = gate.patient.id
    const card = await findLatestCard(s.db, id)
    const diagnoses = await listFinalDiagnoses(s.db, id)
    const visits = await listSignedRecords(s.db, id)
    const marks = marksByTooth(await chartState(s.db, id, { signedOnly: true }))
    await gate.ok(s.db, { records: visits.length })
    const i18n = c.get('i18n')
    const html = await (
      <MedicalPrintDocument
        i18n={i18n}
        title={i18n.t('medical.print.title')}
        backHref={`/patients/${id}/medical`}
      >
        <PrintCard
          i18n={i18n}
          patient={gate.patient}
          card={card}
          diagnoses={diagnoses}
          visits={visits}
          chart={{ dentition: defaultDentition(gate.patient.birth_date, clinicDay(c)), marks }}
          printedAt={s.now().toISOString()}
          printedBy={c.get('session')!.fullName}
        />
      </MedicalPrintDocument>
    ).toString()
    return c.html(`<!DOCTYPE html>${html}`)
  })

  return app
}

function renderEdit(c: Context<AppEnv>, props: Omit<CardEditProps, 'i18n' | 'csrfToken'>) {
  return c.render(<CardEditPage i18n={c.get('i18n')} csrfToken={c.get('csrfToken')} {...props} />, {
    title: c.get('i18n').t('medical.card.edit_title'),
  })
}
