import type { Context } from 'hono'
import { ChartSection, type ChartSectionProps } from '../../views/chart/chart-section.partial.js'
import { ChartPage } from '../../views/chart/chart.page.js'
import { can } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { isHtmx } from '../http/render.js'
import type { MedicalGate } from '../medical/medical-access.js'
import { clinicDay } from '../medical/request.js'
import { addDays, fromClinic, isIsoDate } from '../schedule/clinic-time.js'
import { chartState } from './chart.queries.js'
import { defaultDentition, marksByTooth } from './chart-state.js'
import { DENTITIONS, type Dentition } from './fdi.js'
import { computeKpu } from './kpu.js'

type Ctx = Context<AppEnv>

export interface ChartView {
  /** YYYY-MM-DD: the chart as it stood at the end of that clinic day. */
  at?: string
  dentition?: string
  editor?: ChartSectionProps['editor']
  error?: string
}

/** The chart's data for a page or for the htmx section; reads only, the caller audits. */
export async function chartProps(c: Ctx, gate: MedicalGate, view: ChartView) {
  const s = c.get('services')
  const today = clinicDay(c)
  const at = view.at && isIsoDate(view.at) && view.at <= today ? view.at : undefined
  const before = at ? fromClinic(addDays(at, 1), 0, s.config.timeZone) : undefined
  const rows = await chartState(s.db, gate.patient.id, { before })
  const marks = marksByTooth(rows)
  const dentition = DENTITIONS.includes(view.dentition as Dentition)
    ? (view.dentition as Dentition)
    : defaultDentition(gate.patient.birth_date, at ?? today)
  const section: ChartSectionProps = {
    i18n: c.get('i18n'),
    csrfToken: c.get('csrfToken'),
    patientId: gate.patient.id,
    dentition,
    marks,
    drafts: rows.filter((r) => r.status === 'draft').map((r) => ({ id: r.id, tooth: r.tooth })),
    kpu: computeKpu(marks),
    editable: !at && (await can(c, 'medical.write')),
    canSign: await can(c, 'medical.sign'),
    editor: at ? undefined : view.editor,
  }
  return { section, at, badDate: view.at !== undefined && view.at !== '' && !at }
}

/** The whole chart page, or only its section for an htmx request. */
export async function renderChart(
  c: Ctx,
  gate: MedicalGate,
  view: ChartView,
  status: 200 | 409 | 422 = 200,
) {
  const { section, at, badDate } = await chartProps(c, gate, view)
  c.status(status)
  if (isHtmx(c)) return c.html(<ChartSection {...section} />)
  const error = view.error ?? (badDate ? c.get('i18n').t('chart.error.date') : undefined)
  return c.render(
    <ChartPage {...section} patient={gate.patient} at={at} atValue={at ?? ''} error={error} />,
    { title: c.get('i18n').t('chart.title') },
  )
}
