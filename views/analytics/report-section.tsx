import type { I18n } from '../../server/i18n/i18n.js'
import { chartData, type FormatCell } from '../../server/analytics/format.js'
import type { Report } from '../../server/analytics/report.js'

const NUMERIC = new Set(['int', 'money', 'percent', 'minutes', 'milli'])

/**
 * One report: heading, chart, the table with the same numbers (the source of truth; the canvas
 * is hidden from screen readers), the definitions, and its CSV link. The chart's data rides in
 * a data- attribute (CSP: no inline script), read by /static/charts.js.
 */
export function ReportSection(props: {
  i18n: I18n
  report: Report
  format: FormatCell
  csvHref: string
}) {
  const { t } = props.i18n
  const r = props.report
  const title = t(r.title)
  const chart = chartData(r, props.format, props.i18n)
  const align = (i: number) => (NUMERIC.has(r.columns[i]!.kind) ? 'num' : undefined)
  return (
    <section class="analytics-report" id={`report-${r.id}`} aria-labelledby={`report-${r.id}-h`}>
      <h2 id={`report-${r.id}-h`}>{title}</h2>
      {r.rows.length === 0 ? (
        <p class="muted">{t('analytics.no_data')}</p>
      ) : (
        <div class="analytics-body">
          {chart && (
            <div class="analytics-chart">
              <canvas aria-hidden="true" data-chart={JSON.stringify(chart)}></canvas>
            </div>
          )}
          {/* Focusable so a keyboard can scroll a wide table (axe scrollable-region-focusable). */}
          <div class="table-scroll" tabindex={0} role="region" aria-label={title}>
            <table class="data-table analytics-table" data-report={r.id}>
              <caption>{title}</caption>
              <thead>
                <tr>
                  {r.columns.map((c, i) => (
                    <th scope="col" class={align(i)}>
                      {t(c.label)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {r.rows.map((row) => (
                  <tr>
                    {row.map((v, i) =>
                      i === 0 ? (
                        <th scope="row">{props.format(r.columns[0]!.kind, v)}</th>
                      ) : (
                        <td class={align(i)}>{props.format(r.columns[i]!.kind, v)}</td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
              {r.total && (
                <tfoot>
                  <tr>
                    <th scope="row">{t('analytics.total')}</th>
                    {r.total.slice(1).map((v, i) => (
                      <td class={align(i + 1)}>{props.format(r.columns[i + 1]!.kind, v)}</td>
                    ))}
                  </tr>
                </tfoot>
              )}
            </table>
          </div>
        </div>
      )}
      <ul class="analytics-notes">
        {r.notes.map((n) => (
          <li class="hint">{t(n)}</li>
        ))}
      </ul>
      <p>
        <a class="button" href={props.csvHref} download>
          {t('analytics.export_csv')}
          <span class="visually-hidden">: {title}</span>
        </a>
      </p>
    </section>
  )
}

/** The chart library and its initialiser, on analytics pages only. */
export function ChartScripts() {
  return (
    <>
      <script src="/static/vendor/chart.umd.min.js" defer></script>
      <script src="/static/charts.js" defer></script>
    </>
  )
}
