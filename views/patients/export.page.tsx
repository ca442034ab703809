import type { I18n } from '../../server/i18n/i18n.js'
import type { ExportData, ExportRecord } from '../../server/patients/export.registry.js'
import { PatientHeader, type PatientHeaderProps } from './patient-header.js'

export interface ExportPart {
  name: string
  title: string
  labels: Record<string, string>
  data: ExportData
}

export interface ExportPageProps {
  i18n: I18n
  patient: PatientHeaderProps['patient']
  tabs: PatientHeaderProps['tabs']
  at: string
  parts: ExportPart[]
  medicalOmitted: boolean
}

/** The readable, printable answer to a patient's request for their data. */
export function ExportPage(props: ExportPageProps) {
  const { t } = props.i18n
  return (
    <section class="card printable">
      <PatientHeader i18n={props.i18n} patient={props.patient} tabs={props.tabs} current="export" />
      <h2>{t('patients.export.title')}</h2>
      <p>{t('patients.export.intro', { at: props.i18n.dateTime(props.at) })}</p>
      <p class="no-print">
        <a class="button" href={`/patients/${props.patient.id}/export.json`} download>
          {t('patients.export.json')}
        </a>
      </p>
      {props.medicalOmitted && <p class="notice">{t('patients.export.omitted')}</p>}
      {props.parts.map((part) => (
        <section class="export-section" aria-labelledby={`export-${part.name}`}>
          <h3 id={`export-${part.name}`}>{part.title}</h3>
          <Data i18n={props.i18n} part={part} />
        </section>
      ))}
    </section>
  )
}

function show(value: ExportRecord[string], none: string): string {
  return value === null || value === '' ? none : String(value)
}

function Data(props: { i18n: I18n; part: ExportPart }) {
  const { t } = props.i18n
  const none = t('patients.none')
  const label = (k: string) => props.part.labels[k] ?? k
  const data = props.part.data
  if (!Array.isArray(data)) {
    return (
      <dl class="facts">
        {Object.entries(data).map(([k, v]) => (
          <>
            <dt>{label(k)}</dt>
            <dd>{show(v, none)}</dd>
          </>
        ))}
      </dl>
    )
  }
  if (data.length === 0) return <p class="muted">{t('patients.export.empty')}</p>
  const keys = [...new Set(data.flatMap((r) => Object.keys(r)))]
  return (
    <div class="grid-scroll">
      <table class="data-table">
        <thead>
          <tr>
            {keys.map((k) => (
              <th scope="col">{label(k)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.map((row) => (
            <tr>
              {keys.map((k) => (
                <td>{show(row[k] ?? null, none)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
