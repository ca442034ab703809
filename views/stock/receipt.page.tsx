import type { I18n } from '../../server/i18n/i18n.js'
import type { StockUnit } from '../../server/stock/stock.table.js'
import { CsrfField } from '../components/csrf-field.js'
import { Field } from '../components/field.js'
import { SelectField } from '../plans/inputs.js'
import { DocumentLines, type DocumentValues } from './document-lines.js'
import type { StockErrors } from './material-form.js'
import { StockNav } from './stock-nav.js'

/** A delivery from a supplier: one form, one document, one transaction. */
export function ReceiptPage(props: {
  i18n: I18n
  csrfToken: string
  materials: { id: number; name: string; unit: StockUnit }[]
  suppliers: { id: number; name: string; inn: string | null }[]
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
      <h1>{t('stock.receipt_title')}</h1>
      <StockNav i18n={props.i18n} current="receipt" canWrite />
      {props.posted && (
        <p class="notice" role="status">
          {t('stock.posted')}
        </p>
      )}
      <p class="hint">{t('stock.receipt_intro')}</p>
      {props.errors && (
        <p class="error-box" role="alert">
          {t('stock.form_has_errors')}
        </p>
      )}
      <form method="post" action="/stock/receipts" class="stacked-form">
        <CsrfField token={props.csrfToken} />
        <Field
          id="receipt-date"
          name="on_date"
          type="date"
          label={t('stock.field.date')}
          value={v('on_date')}
          hint={t('stock.date_hint')}
          error={e('on_date')}
        />
        <SelectField
          id="receipt-supplier"
          name="supplier_id"
          label={t('stock.field.supplier')}
          value={v('supplier_id')}
          options={[
            { value: '', label: t('stock.choose_supplier') },
            ...props.suppliers.map((s) => ({
              value: String(s.id),
              label: s.inn ? `${s.name} (${s.inn})` : s.name,
            })),
          ]}
          error={e('supplier_id')}
        />
        <Field
          id="receipt-new-supplier"
          name="supplier_name"
          label={t('stock.field.new_supplier')}
          value={v('supplier_name')}
          hint={t('stock.new_supplier_hint')}
          error={e('supplier_name')}
        />
        <Field
          id="receipt-inn"
          name="supplier_inn"
          label={t('stock.field.inn')}
          value={v('supplier_inn')}
          hint={t('stock.inn_hint')}
          error={e('supplier_inn')}
        />
        <DocumentLines
          i18n={props.i18n}
          materials={props.materials}
          values={props.values}
          errors={props.errors}
          costed
        />
        <button type="submit">{t('stock.post_receipt')}</button>
      </form>
    </section>
  )
}
