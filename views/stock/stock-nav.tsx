import type { I18n } from '../../server/i18n/i18n.js'

export type StockSection =
  'materials' | 'receipt' | 'write_off' | 'stocktake' | 'tech_cards' | 'report'

const LINKS = [
  { section: 'materials', href: '/stock', label: 'stock.nav.materials', write: false },
  { section: 'receipt', href: '/stock/receipts/new', label: 'stock.nav.receipt', write: true },
  {
    section: 'write_off',
    href: '/stock/write-offs/new',
    label: 'stock.nav.write_off',
    write: true,
  },
  {
    section: 'stocktake',
    href: '/stock/stocktakes/new',
    label: 'stock.nav.stocktake',
    write: true,
  },
  { section: 'tech_cards', href: '/stock/tech-cards', label: 'stock.nav.tech_cards', write: false },
  { section: 'report', href: '/stock/report', label: 'stock.nav.report', write: false },
] as const

/** The stock pages; the ones that change stock only for people who may. */
export function StockNav(props: { i18n: I18n; current?: StockSection; canWrite: boolean }) {
  const { t } = props.i18n
  return (
    <nav class="subnav" aria-label={t('stock.nav.label')}>
      {LINKS.filter((l) => props.canWrite || !l.write).map((l) => (
        <a href={l.href} aria-current={l.section === props.current ? 'page' : undefined}>
          {t(l.label)}
        </a>
      ))}
    </nav>
  )
}
