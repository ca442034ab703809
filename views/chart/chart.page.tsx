import { DENTITIONS } from '../../server/chart/fdi.js'
import { formatDay } from '../../server/medical/format.js'
import type { BannerPatient } from '../medical/patient-banner.js'
import { PatientBanner } from '../medical/patient-banner.js'
import { ChartSection, type ChartSectionProps } from './chart-section.partial.js'

export interface ChartPageProps extends ChartSectionProps {
  patient: BannerPatient
  /** YYYY-MM-DD when showing the chart as it stood at the end of that day. */
  at?: string
  atValue: string
  error?: string
}

/** The dental chart (FDI): now or at a past date, with the way to its history. */
export function ChartPage(props: ChartPageProps) {
  const { t } = props.i18n
  const base = `/patients/${props.patient.id}/chart`
  return (
    <article class="card">
      <PatientBanner i18n={props.i18n} patient={props.patient} current="chart" />
      <h1>{t('chart.title')}</h1>
      <p class="chart-when">
        {props.at
          ? t('chart.as_of', { date: formatDay(props.i18n, props.at) })
          : t('chart.current')}
        {props.at && (
          <>
            {' · '}
            <a href={base}>{t('chart.current')}</a>
          </>
        )}
        {' · '}
        <a href={`${base}/history`}>{t('chart.history')}</a>
      </p>
      {props.error && (
        <p class="error-box" role="alert">
          {props.error}
        </p>
      )}
      <form method="get" action={base} class="chart-filter no-print">
        <div class="field">
          <label for="chart-at">{t('chart.at_label')}</label>
          <input id="chart-at" name="at" type="date" value={props.atValue} />
        </div>
        <div class="field">
          <label for="chart-dentition">{t('chart.dentition')}</label>
          <select id="chart-dentition" name="dentition">
            {DENTITIONS.map((d) => (
              <option value={d} selected={d === props.dentition}>
                {t(`chart.dentition.${d}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('chart.show')}</button>
      </form>
      <ChartSection {...props} />
    </article>
  )
}
