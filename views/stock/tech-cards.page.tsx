import type { I18n } from '../../server/i18n/i18n.js'
import { StockNav } from './stock-nav.js'

/** The active price list's services, each with how many materials its card lists. */
export function TechCardsPage(props: {
  i18n: I18n
  services: { id: number; code: string; name: string; group_name: string; lines: number | null }[]
  canWrite: boolean
}) {
  const { t } = props.i18n
  const groups = [...new Set(props.services.map((s) => s.group_name))]
  return (
    <section class="card">
      <h1>{t('stock.tech_cards_title')}</h1>
      <StockNav i18n={props.i18n} current="tech_cards" canWrite={props.canWrite} />
      <p class="hint">{t('stock.tech_cards_intro')}</p>
      {groups.map((g) => (
        <table class="data-table">
          <caption>{g}</caption>
          <thead>
            <tr>
              <th scope="col">{t('stock.col.code')}</th>
              <th scope="col">{t('stock.col.service')}</th>
              <th scope="col" class="num">
                {t('stock.col.lines')}
              </th>
            </tr>
          </thead>
          <tbody>
            {props.services
              .filter((s) => s.group_name === g)
              .map((s) => (
                <tr>
                  <td>{s.code}</td>
                  <td>
                    <a href={`/stock/tech-cards/${s.id}`}>{s.name}</a>
                  </td>
                  <td class="num">{s.lines ? s.lines : t('stock.no_card')}</td>
                </tr>
              ))}
          </tbody>
        </table>
      ))}
    </section>
  )
}
