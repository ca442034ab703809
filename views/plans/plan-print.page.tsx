import type { I18n } from '../../server/i18n/i18n.js'
import { formatDay } from '../../server/plans/fields.js'
import { itemCost, planTotals } from '../../server/plans/plan-totals.js'
import type { ItemRow } from '../../server/plans/plans.queries.js'
import type { FormatMoney } from '../../server/prices/money.js'
import { PrintDocument } from './print-layout.js'

/** The plan as the patient takes it home: what, which tooth, in which order, for how much. */
export function PlanPrintPage(props: {
  i18n: I18n
  clinicName: string
  patient: { id: number; full_name: string; birth_date: string; card_number: string }
  plan: { id: number; title: string; created_by_name: string }
  stages: { id: number; position: number; title: string }[]
  items: ItemRow[]
  money?: FormatMoney
  today: string
}) {
  const { t } = props.i18n
  const live = props.items.filter((i) => i.status !== 'cancelled')
  const totals = planTotals(live)
  const sections = [
    ...props.stages.map((s) => ({
      key: s.id as number | null,
      title: `${t('plans.stage')} ${s.position}. ${s.title}`,
    })),
    { key: null, title: t('plans.no_stage') },
  ].filter((s) => live.some((i) => i.stage_id === s.key))
  return (
    <PrintDocument
      i18n={props.i18n}
      title={t('plans.print_doc_title')}
      backHref={`/patients/${props.patient.id}/plans/${props.plan.id}`}
    >
      <p class="doc-clinic">{props.clinicName}</p>
      <h1>{t('plans.print_doc_title')}</h1>
      <p>
        {t('plans.print_patient', {
          name: props.patient.full_name,
          birth: formatDay(props.i18n.locale, props.patient.birth_date),
          card: props.patient.card_number,
        })}
      </p>
      <p>{props.plan.title}</p>
      {sections.map((s) => (
        <table class="doc-table">
          <caption>{s.title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('plans.col.tooth')}</th>
              <th scope="col">{t('plans.col.procedure')}</th>
              <th scope="col" class="num">
                {t('plans.col.quantity')}
              </th>
              {props.money && (
                <th scope="col" class="num">
                  {t('plans.col.sum')}
                </th>
              )}
              <th scope="col">{t('plans.col.status')}</th>
            </tr>
          </thead>
          <tbody>
            {live
              .filter((i) => i.stage_id === s.key)
              .map((i) => (
                <tr>
                  <td>{i.tooth ?? '—'}</td>
                  <td>{i.name}</td>
                  <td class="num">{i.quantity}</td>
                  {props.money && <td class="num">{props.money(itemCost(i))}</td>}
                  <td>{t(`plans.status.${i.status ?? 'proposed'}`)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      ))}
      {props.money && (
        <p class="doc-total">{t('plans.print_total', { sum: props.money(totals.total) })}</p>
      )}
      <p class="hint">{t('plans.print_note')}</p>
      <div class="signatures">
        <p>{t('plans.print_doctor', { name: props.plan.created_by_name })}</p>
        <p>{t('plans.print_patient_sign')}</p>
        <p>{t('plans.print_date', { date: formatDay(props.i18n.locale, props.today) })}</p>
      </div>
    </PrintDocument>
  )
}
