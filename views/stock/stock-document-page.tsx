import type { Child } from 'hono/jsx'
import type { I18n } from '../../server/i18n/i18n.js'
import type { MessageKey } from '../../server/i18n/messages.js'
import type { StockUnit } from '../../server/stock/stock.table.js'
import { CsrfField } from '../components/csrf-field.js'
import { Field } from '../components/field.js'
import { DocumentLines, type DocumentValues } from './document-lines.js'
import type { StockErrors } from './material-form.js'
import { StockNav } from './stock-nav.js'

export interface StockDocumentProps {
  i18n: I18n
  csrfToken: string
  materials: { id: number; name: string; unit: StockUnit }[]
  values: DocumentValues
  errors?: StockErrors
  posted?: boolean
}

const KINDS = {
  receipt: {
    title: 'stock.receipt_title',
    intro: 'stock.receipt_intro',
    submit: 'stock.post_receipt',
    action: '/stock/receipts',
    idPrefix: 'receipt',
    costed: true,
  },
  write_off: {
    title: 'stock.write_off_title',
    intro: 'stock.write_off_intro',
    submit: 'stock.post_write_off',
    action: '/stock/write-offs',
    idPrefix: 'write-off',
    costed: false,
  },
} as const satisfies Record<
  string,
  { title: MessageKey; intro: MessageKey; submit: MessageKey; [k: string]: unknown }
>

/** A typed value and its translated error, for a document form's own fields. */
export function documentField(props: StockDocumentProps) {
  return {
    v: (k: string) => props.values[k] ?? '',
    e: (k: string) => {
      const key = props.errors?.[k]
      return key ? props.i18n.t(key) : undefined
    },
  }
}

/**
 * A stock document (a receipt, a write-off): one form, one document, one transaction. The
 * date and the lines are common; `children` are the document's own header fields.
 */
export function StockDocumentPage(
  props: StockDocumentProps & { kind: keyof typeof KINDS; children: Child },
) {
  const { t } = props.i18n
  const k = KINDS[props.kind]
  const { v, e } = documentField(props)
  return (
    <section class="card">
      <h1>{t(k.title)}</h1>
      <StockNav i18n={props.i18n} current={props.kind} canWrite />
      {props.posted && (
        <p class="notice" role="status">
          {t('stock.posted')}
        </p>
      )}
      <p class="hint">{t(k.intro)}</p>
      {props.errors && (
        <p class="error-box" role="alert">
          {t('stock.form_has_errors')}
        </p>
      )}
      <form method="post" action={k.action} class="stacked-form">
        <CsrfField token={props.csrfToken} />
        <Field
          id={`${k.idPrefix}-date`}
          name="on_date"
          type="date"
          label={t('stock.field.date')}
          value={v('on_date')}
          hint={t('stock.date_hint')}
          error={e('on_date')}
        />
        {props.children}
        <DocumentLines
          i18n={props.i18n}
          materials={props.materials}
          values={props.values}
          errors={props.errors}
          costed={k.costed}
        />
        <button type="submit">{t(k.submit)}</button>
      </form>
    </section>
  )
}
