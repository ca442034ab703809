import type { I18n } from '../../server/i18n/i18n.js'
import { isLow, isShortage, type MaterialRow } from '../../server/stock/stock.queries.js'

/** A material's state in words (not by colour alone), with a badge class for the eye. */
export function StockState(props: { i18n: I18n; material: MaterialRow }) {
  const { t } = props.i18n
  const m = props.material
  if (isShortage(m)) return <span class="badge badge-deleted">{t('stock.state.shortage')}</span>
  if (isLow(m)) return <span class="badge badge-draft">{t('stock.state.low')}</span>
  if (!m.active) return <span class="muted">{t('stock.state.inactive')}</span>
  return <span>{t('stock.state.ok')}</span>
}
