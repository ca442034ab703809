import type { I18n } from '../../server/i18n/i18n.js'
import { AccessMatrix, MatrixLegend, type MatrixPerson } from './access-matrix.partial.js'
import { StaffNav } from './staff-nav.js'

/** Who may do what at which terminal, for every active employee. */
export function MatrixPage(props: { i18n: I18n; people: MatrixPerson[] }) {
  const { t } = props.i18n
  return (
    <>
      <h1>{t('staff.matrix.title')}</h1>
      <StaffNav i18n={props.i18n} current="matrix" />
      <section class="card staff-card">
        <p>{t('staff.matrix.intro')}</p>
        <MatrixLegend i18n={props.i18n} />
        {props.people.length > 0 ? (
          <AccessMatrix i18n={props.i18n} people={props.people} />
        ) : (
          <p>{t('staff.matrix.empty')}</p>
        )}
      </section>
    </>
  )
}
