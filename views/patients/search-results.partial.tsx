import type { I18n } from '../../server/i18n/i18n.js'
import type { PatientHit } from '../../server/patients/patients.search.js'
import { formatPhone, fullName, showDate } from './format.js'

/** Search results: a list of links to cards. Swapped in by htmx, also inside the results page. */
export function SearchResults(props: { i18n: I18n; hits: PatientHit[]; query: string }) {
  const { t } = props.i18n
  if (!props.query.trim()) return <p class="muted">{t('patients.search.hint')}</p>
  if (props.hits.length === 0) return <p class="muted">{t('patients.search.none')}</p>
  return (
    <ul class="search-hits" aria-label={t('patients.search.results', { count: props.hits.length })}>
      {props.hits.map((h) => (
        <li>
          <a href={`/patients/${h.id}`}>
            <span class="hit-name">{fullName(h)}</span>{' '}
            <span class="hit-meta">
              {showDate(props.i18n, h.birth_date)}
              {h.phone && `, ${formatPhone(h.phone)}`}, {t('patients.col.card')} {h.card_number}
            </span>
          </a>
        </li>
      ))}
    </ul>
  )
}
