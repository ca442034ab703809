import type { I18n } from '../../server/i18n/i18n.js'
import { MaterialForm, type MaterialValues, type StockErrors } from './material-form.js'
import { StockNav } from './stock-nav.js'

export function MaterialNewPage(props: {
  i18n: I18n
  csrfToken: string
  values: MaterialValues
  errors?: StockErrors
}) {
  const { t } = props.i18n
  return (
    <section class="card narrow">
      <h1>{t('stock.new_material')}</h1>
      <StockNav i18n={props.i18n} current="materials" canWrite />
      {props.errors && (
        <p class="error-box" role="alert">
          {t('stock.form_has_errors')}
        </p>
      )}
      <MaterialForm
        i18n={props.i18n}
        csrfToken={props.csrfToken}
        action="/stock/materials"
        values={props.values}
        errors={props.errors}
        editing={false}
      />
    </section>
  )
}
