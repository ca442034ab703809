import type { FilterErrors, FilterValues } from '../../server/audit/audit-filter.js'
import type { I18n } from '../../server/i18n/i18n.js'
import { AuditFilterForm, type FilterChoices } from './audit-filter.js'
import { AuditTable, type AuditTableProps } from './audit-table.partial.js'

export interface AuditPageProps {
  i18n: I18n
  pageSize: number
  unreviewedBreakGlass: number
  values: FilterValues
  errors: FilterErrors
  choices: FilterChoices
  table: Omit<AuditTableProps, 'i18n'>
}

/** The owner's audit trail: break-glass reminder, filter, results (DESIGN.md §3). */
export function AuditPage(props: AuditPageProps) {
  const { t } = props.i18n
  return (
    <section class="card">
      <h1>{t('audit.title')}</h1>
      <p class="muted">{t('audit.intro', { n: props.pageSize })}</p>
      {props.unreviewedBreakGlass > 0 ? (
        <p class="notice audit-unreviewed" role="status">
          {t('audit.unreviewed', { n: props.unreviewedBreakGlass })}{' '}
          <a href="/audit/break-glass">{t('audit.unreviewed_link')}</a>
        </p>
      ) : (
        <p class="no-print">
          <a href="/audit/break-glass">{t('audit.queue_link')}</a>
        </p>
      )}
      <AuditFilterForm
        i18n={props.i18n}
        values={props.values}
        errors={props.errors}
        choices={props.choices}
      />
      <AuditTable i18n={props.i18n} {...props.table} />
    </section>
  )
}
