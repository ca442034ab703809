import type { I18n } from '../../server/i18n/i18n.js'
import type { PlanStatus } from '../../server/plans/plans.table.js'
import { CsrfField } from '../components/csrf-field.js'
import { Field } from '../components/field.js'
import { PatientBar, type PatientBarProps } from './patient-bar.js'

export const NEW_PLAN_FORM_ID = 'new-plan'

/** A patient's treatment plans, newest first, and a form to start one. */
export function PlansListPage(props: {
  i18n: I18n
  csrfToken: string
  patient: PatientBarProps['patient']
  plans: {
    id: number
    title: string
    created_at: string
    created_by_name: string
    status: PlanStatus | null
  }[]
  canWrite: boolean
  title?: string
  error?: string
}) {
  const { t } = props.i18n
  const base = `/patients/${props.patient.id}/plans`
  return (
    <section class="card">
      <PatientBar i18n={props.i18n} patient={props.patient} />
      <h1>{t('plans.list_title')}</h1>
      {props.plans.length === 0 ? (
        <p class="empty">{t('plans.empty')}</p>
      ) : (
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">{t('plans.col.title')}</th>
              <th scope="col">{t('plans.col.status')}</th>
              <th scope="col">{t('plans.col.created')}</th>
            </tr>
          </thead>
          <tbody>
            {props.plans.map((p) => (
              <tr>
                <td>
                  <a href={`${base}/${p.id}`}>{p.title}</a>
                </td>
                <td>
                  <span class={`status status-${p.status ?? 'proposed'}`}>
                    {t(`plans.status.${p.status ?? 'proposed'}`)}
                  </span>
                </td>
                <td>
                  {props.i18n.dateTime(p.created_at)}, {p.created_by_name}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.canWrite && (
        <form id={NEW_PLAN_FORM_ID} method="post" action={base} class="stacked-form">
          <h2>{t('plans.new_title')}</h2>
          <CsrfField token={props.csrfToken} />
          <Field
            id="plan-title"
            name="title"
            label={t('plans.field.title')}
            value={props.title ?? ''}
            hint={t('plans.title_hint')}
            error={props.error}
          />
          <button type="submit">{t('plans.create')}</button>
        </form>
      )}
    </section>
  )
}
