import type { I18n } from '../../server/i18n/i18n.js'
import { fullName, showDate } from './format.js'

export interface DuplicateCard {
  id: number
  card_number: string
  surname: string
  name: string
  patronymic: string | null
  birth_date: string
}

/**
 * Cards that may be the same person, shown before saving (never merged silently): open one,
 * or submit the same form again with confirm_duplicate=1.
 */
export function DuplicateWarning(props: { i18n: I18n; duplicates: DuplicateCard[] }) {
  const { t } = props.i18n
  return (
    <section class="notice duplicate-warning" role="alert" aria-labelledby="duplicate-heading">
      <h2 id="duplicate-heading">{t('patients.duplicate.title')}</h2>
      <p>{t('patients.duplicate.text')}</p>
      <ul>
        {props.duplicates.map((d) => (
          <li>
            {fullName(d)}, {showDate(props.i18n, d.birth_date)}, {t('patients.col.card')}{' '}
            {d.card_number} — <a href={`/patients/${d.id}`}>{t('patients.duplicate.open')}</a>
          </li>
        ))}
      </ul>
      <button type="submit" name="confirm_duplicate" value="1">
        {t('patients.duplicate.save_anyway')}
      </button>
    </section>
  )
}
