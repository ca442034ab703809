import { actionLabel, outcomeLabel } from '../../server/audit/actions.js'
import type { AuditRow } from '../../server/audit/audit.queries.js'
import type { I18n } from '../../server/i18n/i18n.js'
import { detailsText, isFlagged, patientText, personText, TerminalCell } from './event-cells.js'

export const AUDIT_TABLE_ID = 'audit-table'

export interface AuditTableProps {
  i18n: I18n
  rows: AuditRow[]
  /** Messages of a filter that could not be applied: then no rows are shown. */
  errors?: string[]
  /** Links with the same filter; present only where such a page exists. */
  links: { newer?: string; older?: string; newest?: string; export?: string }
}

function PageLink(props: { href?: string; label: string; rel?: string }) {
  if (!props.href) return null
  return (
    <a
      href={props.href}
      rel={props.rel}
      hx-get={props.href}
      hx-target={`#${AUDIT_TABLE_ID}`}
      hx-swap="outerHTML"
      hx-push-url="false"
    >
      {props.label}
    </a>
  )
}

/** The trail's results: the swap target of the filter form and of the page links. */
export function AuditTable(props: AuditTableProps) {
  const { t } = props.i18n
  const { links } = props
  if (props.errors && props.errors.length > 0) {
    return (
      <div id={AUDIT_TABLE_ID}>
        <div class="error-box" role="alert">
          <p>{t('audit.error.summary')}</p>
          <ul>
            {props.errors.map((m) => (
              <li>{m}</li>
            ))}
          </ul>
        </div>
      </div>
    )
  }
  return (
    <div id={AUDIT_TABLE_ID}>
      {links.export && (
        <p class="no-print">
          <a class="button" href={links.export}>
            {t('audit.export')}
          </a>
        </p>
      )}
      {props.rows.length === 0 ? (
        <p class="muted">{t('audit.empty')}</p>
      ) : (
        <table class="audit-table">
          <thead>
            <tr>
              <th scope="col">{t('audit.col.time')}</th>
              <th scope="col">{t('audit.col.staff')}</th>
              <th scope="col">{t('audit.col.device')}</th>
              <th scope="col">{t('audit.col.action')}</th>
              <th scope="col">{t('audit.col.patient')}</th>
              <th scope="col">{t('audit.col.outcome')}</th>
              <th scope="col">{t('audit.col.details')}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((e) => (
              <tr
                id={`event-${e.id}`}
                class={isFlagged(e.details) ? 'audit-flagged' : undefined}
                data-outcome={e.outcome}
              >
                <td>
                  <time datetime={e.at}>{props.i18n.dateTime(e.at)}</time>
                </td>
                <td>{personText(t, e)}</td>
                <td>
                  <TerminalCell t={t} e={e} />
                </td>
                <td>
                  {actionLabel(t, e.action, e.outcome)}
                  {isFlagged(e.details) && <span class="audit-flag">{t('audit.flagged')}</span>}
                </td>
                <td>
                  {e.patient_id === null ? (
                    '—'
                  ) : (
                    <a href={`/audit/patients/${e.patient_id}`}>{patientText(t, e)}</a>
                  )}
                </td>
                <td class={`audit-outcome-${e.outcome}`}>{outcomeLabel(t, e.outcome)}</td>
                <td class="audit-details">{detailsText(e.details)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav class="audit-pages no-print" aria-label={t('audit.pages')}>
        <PageLink href={links.newest} label={t('audit.newest')} />
        <PageLink href={links.newer} label={t('audit.newer')} rel="prev" />
        <PageLink href={links.older} label={t('audit.older')} rel="next" />
      </nav>
    </div>
  )
}
