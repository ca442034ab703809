import type { I18n } from '../../server/i18n/i18n.js'
import { WRITE_OFF_REASONS } from '../../server/stock/documents.service.js'
import type { StockUnit } from '../../server/stock/stock.table.js'
import { CsrfField } from '../components/csrf-field.js'
import { Field } from '../components/field.js'
import { SelectField } from '../plans/inputs.js'
import { DocumentLines, type DocumentValues } from './document-lines.js'
import type { StockErrors } from './material-form.js'
import { StockNav } from './stock-nav.js'

/** Materials leaving other than in a procedure; the reason is required. */
export function WriteOffPage(props: {
  i18n: I18n
  csrfToken: string
  materials: { id: number; name: string; unit: StockUnit }[]
  values: DocumentValues
  errors?: StockErrors
  posted?: boolean
}) {
  const { t } = props.i18n
  const v = (k: string) => props.values[k] ?? ''
  const e = (k: string) => {
    const key = props.errors?.[k]
    return key ? t(key) : undefined
  }
  return (
    <section class="card">
      <h1>{t('stock.write_off_title')}</h1>
      <StockNav i18n={props.i18n} current="write_off" canWrite />
      {props.posted && (
        <p class="notice" role="status">
          {t('stock.posted')}
        </p>
      )}
      <p class="hint">{t('stock.write_off_intro')}</p>
      {props.errors && (
        <p class="error-box" role="alert">
          {t('stock.form_has_errors')}
        </p>
      )}
      <form method="post" action="/stock/write-offs" class="stacked-form">
        <CsrfField token={props.csrfToken} />
        <Field
          id="write-off-date"
          name="on_date"
          type="date"
          label={t('stock.field.date')}
          value={v('on_date')}
          hint={t('stock.date_hint')}
          error={e('on_date')}
        />
        <SelectField
          id="write-off-reason"
          name="reason"
          label={t('stock.field.reason')}
          value={v('reason')}
          required
          options={[
            { value: '', label: t('stock.choose_reason') },
            ...WRITE_OFF_REASONS.map((r) => ({ value: r, label: t(`stock.reason.${r}`) })),
          ]}
          error={e('reason')}
        />
        <Field
          id="write-off-comment"
          name="comment"
          label={t('stock.field.comment')}
          value={v('comment')}
          hint={t('stock.comment_hint')}
          error={e('comment')}
        />
        <DocumentLines
          i18n={props.i18n}
          materials={props.materials}
          values={props.values}
          errors={props.errors}
          costed={false}
        />
        <button type="submit">{t('stock.post_write_off')}</button>
      </form>
    </section>
  )
}
