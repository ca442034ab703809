import type { Requisites } from '../../server/billing/requisites.js'
import type { I18n } from '../../server/i18n/i18n.js'
import type { MessageKey } from '../../server/i18n/messages.js'
import { CsrfField } from '../components/csrf-field.js'
import { Field } from '../components/field.js'

const LABELS = {
  legal_name: 'billing.req.legal_name',
  inn: 'billing.req.inn',
  kpp: 'billing.req.kpp',
  licence: 'billing.req.licence',
  address: 'billing.req.address',
  signer: 'billing.req.signer',
} as const satisfies Record<keyof Requisites, MessageKey>

/** The owner's form for the clinic's legal details printed on the tax certificate. */
export function RequisitesPage(props: {
  i18n: I18n
  csrfToken: string
  values: Requisites
  errors?: Partial<Record<string, MessageKey>>
  notice?: string
}) {
  const { t } = props.i18n
  return (
    <section class="card" id="billing-requisites">
      <h1>{t('billing.req.title')}</h1>
      <p class="hint">{t('billing.req.intro')}</p>
      {props.notice && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      <form method="post" action="/admin/requisites" class="stacked-form">
        <CsrfField token={props.csrfToken} />
        {(Object.keys(LABELS) as (keyof Requisites)[]).map((f) => {
          const key = props.errors?.[f]
          return (
            <Field
              id={`req-${f}`}
              name={f}
              label={t(LABELS[f])}
              value={props.values[f]}
              error={key ? t(key) : undefined}
            />
          )
        })}
        <button type="submit">{t('billing.req.save')}</button>
      </form>
    </section>
  )
}
