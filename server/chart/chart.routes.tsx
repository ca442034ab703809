import { Hono, type Context } from 'hono'
import { ChartHistoryPage } from '../../views/chart/chart-history.page.js'
import { ToothEditor } from '../../views/chart/tooth-editor.partial.js'
import { allow } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { isHtmx } from '../http/render.js'
import { openMedical, type MedicalGate } from '../medical/medical-access.js'
import { authorOf } from '../medical/request.js'
import { formBody, readAll, readChoice, readText } from '../medical/text-input.js'
import { toClinic } from '../schedule/clinic-time.js'
import { findCurrentTooth, listChartHistory, listVisitDates } from './chart.queries.js'
import { renderChart } from './chart-page.js'
import { ChartError, saveToothMarks, signChart } from './chart.service.js'
import { isTooth } from './fdi.js'
import { checkMarks, EMPTY_MARKS, parseMarks, SURFACES, type ToothMarks } from './tooth-codes.js'

type Ctx = Context<AppEnv>

const NOTE_MAX = 1000

async function toothOf(c: Ctx, gate: MedicalGate): Promise<number> {
  const raw = c.req.param('tooth') ?? ''
  const n = /^[1-8][1-8]$/.test(raw) ? Number(raw) : NaN
  if (!isTooth(n)) throw await gate.refuse(404, { tooth: raw.slice(0, 8) })
  return n
}

/** The dental chart: the teeth now or at a past date, marks as drafts, signing, history. */
export function chartRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/patients/:id/chart', allow('medical.read'), async (c) => {
    const gate = await openMedical(c, { action: 'medical.chart.view', category: 'chart' })
    const at = c.req.query('at')?.slice(0, 10)
    await gate.ok(c.get('services').db, { at: at ?? null })
    return renderChart(c, gate, { at, dentition: c.req.query('dentition') })
  })

  app.get('/patients/:id/chart/history', allow('medical.read'), async (c) => {
    const gate = await openMedical(c, { action: 'medical.history.view', category: 'chart' })
    const s = c.get('services')
    const rows = await listChartHistory(s.db, gate.patient.id)
    const visits = await listVisitDates(s.db, gate.patient.id)
    await gate.ok(s.db, { marks: rows.length })
    const days = new Set([
      ...visits.map((v) => v.visit_date),
      ...rows.map((r) => toClinic(r.created_at, s.config.timeZone).date),
    ])
    return c.render(
      <ChartHistoryPage
        i18n={c.get('i18n')}
        patient={gate.patient}
        rows={rows}
        days={[...days].sort().reverse()}
      />,
      { title: c.get('i18n').t('chart.history') },
    )
  })

  // --- one tooth's editor: the side panel (htmx) or the chart page with it open ---
  app.get('/patients/:id/chart/teeth/:tooth', allow('medical.write'), async (c) => {
    const gate = await openMedical(c, { action: 'medical.section.view', category: 'chart' })
    const tooth = await toothOf(c, gate)
    const current = await findCurrentTooth(c.get('services').db, gate.patient.id, tooth)
    await gate.ok(c.get('services').db, { tooth })
    const editor = {
      tooth,
      base: current?.id ?? 0,
      values: current ? parseMarks(current) : EMPTY_MARKS,
    }
    if (isHtmx(c)) {
      return c.html(
        <ToothEditor
          i18n={c.get('i18n')}
          csrfToken={c.get('csrfToken')}
          patientId={gate.patient.id}
          {...editor}
        />,
      )
    }
    return renderChart(c, gate, { editor })
  })

  app.post('/patients/:id/chart/teeth/:tooth', allow('medical.write'), async (c) => {
    const gate = await openMedical(c, { action: 'medical.chart.mark', category: 'chart' })
    const tooth = await toothOf(c, gate)
    const s = c.get('services')
    const body = await formBody(c)
    const surfaces: Record<string, string> = {}
    for (const sf of SURFACES) surfaces[sf] = readChoice(body, `surface_${sf}`)
    const note = readText(body, 'note', NOTE_MAX)
    const mobilityRaw = readChoice(body, 'mobility') || '0'
    const input = {
      codes: readAll(body, 'code'),
      surfaces,
      mobility: /^[0-9]$/.test(mobilityRaw) ? Number(mobilityRaw) : -1,
      note: note.value.trim(),
    }
    const base = /^[0-9]{1,15}$/.test(readChoice(body, 'base'))
      ? Number(readChoice(body, 'base'))
      : -1
    const values = parseMarks({
      codes: input.codes.join(' '),
      surfaces: Object.entries(surfaces)
        .map(([k, v]) => `${k}:${v}`)
        .join(' '),
      mobility: Math.max(0, Math.min(3, input.mobility)),
      note: input.note,
    })
    // htmx swaps 422 only (the layout's responseHandling), so a refused form is 422 there.
    const again = async (status: 409 | 422, message: string) => {
      await gate.failed({ status, tooth })
      return renderChart(
        c,
        gate,
        { editor: { tooth, base, values, error: message } },
        isHtmx(c) ? 422 : status,
      )
    }
    const problem = note.error ? 'note_too_long' : checkMarks(input, NOTE_MAX)
    if (problem) return again(422, c.get('i18n').t(`chart.error.${problem}`))
    try {
      await s.db.transaction().execute(async (trx) => {
        const marks: ToothMarks = { ...values, mobility: input.mobility }
        const id = await saveToothMarks(
          trx,
          authorOf(c),
          s.now().toISOString(),
          { patientId: gate.patient.id, tooth, base },
          marks,
        )
        await gate.ok(trx, { tooth, entry: id ?? null })
      })
    } catch (err) {
      if (err instanceof ChartError) return again(409, c.get('i18n').t('chart.error.conflict'))
      throw err
    }
    if (isHtmx(c)) return renderChart(c, gate, {})
    return c.redirect(`/patients/${gate.patient.id}/chart`, 303)
  })

  // --- the doctor signs the marks they reviewed (the assistant's drafts included) ---
  app.post('/patients/:id/chart/sign', allow('medical.sign'), async (c) => {
    const gate = await openMedical(c, { action: 'medical.chart.sign', category: 'chart' })
    const s = c.get('services')
    // The ids of the drafts the doctor was shown; anything malformed signs nothing.
    const tokens = readChoice(await formBody(c), 'drafts').split(',')
    const shown = tokens.every((x) => /^[0-9]{1,15}$/.test(x)) ? tokens.map(Number) : []
    try {
      await s.db.transaction().execute(async (trx) => {
        const ids = await signChart(trx, authorOf(c), s.now().toISOString(), gate.patient.id, shown)
        await gate.ok(trx, { marks: ids.length })
      })
    } catch (err) {
      if (!(err instanceof ChartError)) throw err
      throw await gate.refuse(409, { problem: err.problem }, `chart.error.${err.problem}`)
    }
    return c.redirect(`/patients/${gate.patient.id}/chart`, 303)
  })

  return app
}
