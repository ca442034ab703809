import type { I18n } from '../../server/i18n/i18n.js'
import type { MarketingRow } from '../../server/patients/marketing.queries.js'
import { formatPhone, fullName, showDate } from './format.js'

export interface MarketingPageProps {
  i18n: I18n
  list: 'birthdays' | 'lapsed'
  days?: number
  rows: MarketingRow[]
  /** The lapsed list needs the schedule, which this installation does not have yet. */
  unavailable?: boolean
}

/** A mailing list: who may be written to today, and where. */
export function MarketingPage(props: MarketingPageProps) {
  const { t } = props.i18n
  const birthdays = props.list === 'birthdays'
  return (
    <section class="card">
      <h1>
        {birthdays
          ? t('marketing.birthdays.title', { days: props.days ?? 7 })
          : t('marketing.lapsed.title')}
      </h1>
      {birthdays && (
        <form method="get" action="/marketing/birthdays" class="inline-form">
          <label for="marketing-days">{t('marketing.days')}</label>{' '}
          <input
            id="marketing-days"
            type="number"
            name="days"
            min={1}
            max={31}
            value={String(props.days ?? 7)}
          />{' '}
          <button type="submit">{t('marketing.show')}</button>
        </form>
      )}
      <p class="muted">{t('marketing.intro')}</p>
      {props.unavailable ? (
        <p class="notice">{t('marketing.lapsed.no_schedule')}</p>
      ) : props.rows.length === 0 ? (
        <p class="muted">{t('marketing.none')}</p>
      ) : (
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">{t('patients.col.name')}</th>
              <th scope="col">
                {birthdays ? t('marketing.col.birthday') : t('marketing.col.last_visit')}
              </th>
              <th scope="col">{t('marketing.col.channels')}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr>
                <td>
                  <a href={`/patients/${r.id}`}>{fullName(r)}</a>
                </td>
                <td>
                  {birthdays
                    ? showDate(props.i18n, r.birth_date)
                    : r.last_visit && props.i18n.date(r.last_visit)}
                </td>
                <td>
                  {r.channels
                    .map(
                      (ch) =>
                        `${t(`patients.channel.${ch}`)}: ${ch === 'email' ? r.email : formatPhone(r.phone ?? '')}`,
                    )
                    .join('; ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
