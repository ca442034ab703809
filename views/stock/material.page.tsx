import type { I18n } from '../../server/i18n/i18n.js'
import { formatDay } from '../../server/plans/fields.js'
import type { FormatMoney } from '../../server/prices/money.js'
import { splitReason } from '../../server/stock/documents.service.js'
import type { FormatQuantity } from '../../server/stock/quantity.js'
import type { MaterialRow, MovementRow } from '../../server/stock/stock.queries.js'
import { MaterialForm, type MaterialValues, type StockErrors } from './material-form.js'
import { StockNav } from './stock-nav.js'
import { StockState } from './stock-state.js'

const REASONS = new Set(['expired', 'damaged', 'lost', 'defective', 'other'])

function Why(props: { i18n: I18n; m: MovementRow; money: FormatMoney }) {
  const { t } = props.i18n
  const m = props.m
  switch (m.kind) {
    case 'receipt':
      return (
        <>
          {t('stock.why.receipt', {
            supplier: m.supplier_name ?? '—',
            cost: m.unit_cost_kopecks === null ? '—' : props.money(m.unit_cost_kopecks),
          })}
        </>
      )
    case 'procedure':
    case 'reversal':
      return <>{m.service_code ? `${m.service_code} ${m.service_name ?? ''}` : '—'}</>
    case 'stocktake':
      return m.stocktake_id ? (
        <a href={`/stock/stocktakes/${m.stocktake_id}`}>
          {t('stock.why.stocktake', { id: m.stocktake_id })}
        </a>
      ) : (
        <>—</>
      )
    case 'write_off': {
      const r = splitReason(m.reason ?? '')
      const label = REASONS.has(r.code)
        ? t(`stock.reason.${r.code}` as 'stock.reason.other')
        : r.code
      return <>{r.comment ? `${label}: ${r.comment}` : label}</>
    }
  }
}

/** One material: balance, state, the edit form (stock.write) and its whole ledger. */
export function MaterialPage(props: {
  i18n: I18n
  csrfToken: string
  material: MaterialRow
  movements: MovementRow[]
  quantity: FormatQuantity
  money: FormatMoney
  canWrite: boolean
  values: MaterialValues
  errors?: StockErrors
}) {
  const { t } = props.i18n
  const m = props.material
  return (
    <section class="card">
      <h1>{t('stock.material_title', { name: m.name })}</h1>
      <StockNav i18n={props.i18n} current="materials" canWrite={props.canWrite} />
      <dl class="facts">
        <dt>{t('stock.balance_now')}</dt>
        <dd data-testid="balance">{props.quantity(m.balance_milli, m.unit)}</dd>
        <dt>{t('stock.col.min')}</dt>
        <dd>{props.quantity(m.min_quantity_milli, m.unit)}</dd>
        <dt>{t('stock.col.state')}</dt>
        <dd>
          <StockState i18n={props.i18n} material={m} />
        </dd>
      </dl>
      {props.canWrite && (
        <details open={props.errors ? true : undefined}>
          <summary>{t('stock.edit')}</summary>
          {props.errors && (
            <p class="error-box" role="alert">
              {t('stock.form_has_errors')}
            </p>
          )}
          <MaterialForm
            i18n={props.i18n}
            csrfToken={props.csrfToken}
            action={`/stock/materials/${m.id}`}
            values={props.values}
            errors={props.errors}
            editing
          />
        </details>
      )}
      <h2>{t('stock.history')}</h2>
      {props.movements.length === 0 ? (
        <p class="empty">{t('stock.history_empty')}</p>
      ) : (
        <div class="table-scroll">
          <table class="data-table" data-testid="movements">
            <thead>
              <tr>
                <th scope="col">{t('stock.col.date')}</th>
                <th scope="col">{t('stock.col.kind')}</th>
                <th scope="col" class="num">
                  {t('stock.col.quantity')}
                </th>
                <th scope="col">{t('stock.col.why')}</th>
                <th scope="col">{t('stock.col.who')}</th>
                <th scope="col">{t('stock.col.when')}</th>
              </tr>
            </thead>
            <tbody>
              {props.movements.map((mv) => (
                <tr>
                  <td>{formatDay(props.i18n.locale, mv.on_date)}</td>
                  <td>{t(`stock.kind.${mv.kind}`)}</td>
                  <td class="num">
                    {mv.quantity_milli > 0 ? '+' : ''}
                    {props.quantity(mv.quantity_milli, m.unit)}
                  </td>
                  <td>
                    <Why i18n={props.i18n} m={mv} money={props.money} />
                  </td>
                  <td>{mv.created_by_name}</td>
                  <td>{props.i18n.dateTime(mv.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.movements.length >= 500 && <p class="hint">{t('stock.history_limited')}</p>}
    </section>
  )
}
