import type { FilterErrors, FilterField, FilterValues } from '../../server/audit/audit-filter.js'
import type { I18n } from '../../server/i18n/i18n.js'
import { Field } from '../components/field.js'
import { AUDIT_TABLE_ID } from './audit-table.partial.js'
import { zoneText } from './event-cells.js'

export interface FilterChoices {
  staff: { id: number; full_name: string }[]
  devices: { id: number; name: string; zone: string }[]
  /** Known action codes with their readable names. */
  actions: { code: string; label: string }[]
  outcomes: { code: string; label: string }[]
}

export interface AuditFilterProps {
  i18n: I18n
  values: FilterValues
  errors: FilterErrors
  choices: FilterChoices
}

function Choice(props: {
  i18n: I18n
  name: FilterField
  label: string
  value?: string
  error?: string
  options: { value: string; label: string }[]
}) {
  const id = `filter-${props.name}`
  return (
    <div class={props.error ? 'field has-error' : 'field'}>
      <label for={id}>{props.label}</label>
      <select
        id={id}
        name={props.name}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
      >
        <option value="">{props.i18n.t('audit.filter.any')}</option>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
      {props.error && (
        <p class="error" id={`${id}-error`} role="alert">
          {props.error}
        </p>
      )}
    </div>
  )
}

/**
 * A plain GET form (works without JS); with htmx it swaps only the table. The URL is not
 * pushed: it holds only ids and dates, but the page need not grow a history either.
 */
export function AuditFilterForm(props: AuditFilterProps) {
  const { t } = props.i18n
  const { values, choices } = props
  const err = (f: FilterField) => (props.errors[f] ? t(props.errors[f]) : undefined)
  return (
    <form
      method="get"
      action="/audit"
      class="audit-filter no-print"
      hx-get="/audit"
      hx-target={`#${AUDIT_TABLE_ID}`}
      hx-swap="outerHTML"
      hx-push-url="false"
    >
      <fieldset>
        <legend>{t('audit.filter.legend')}</legend>
        <div class="audit-filter-grid">
          <Field
            id="filter-patient"
            name="patient"
            type="number"
            label={t('audit.filter.patient')}
            value={values.patient}
            error={err('patient')}
          />
          <Choice
            i18n={props.i18n}
            name="staff"
            label={t('audit.filter.staff')}
            value={values.staff}
            error={err('staff')}
            options={choices.staff.map((s) => ({ value: String(s.id), label: s.full_name }))}
          />
          <Choice
            i18n={props.i18n}
            name="device"
            label={t('audit.filter.device')}
            value={values.device}
            error={err('device')}
            options={choices.devices.map((d) => ({
              value: String(d.id),
              label: [d.name, zoneText(t, d.zone)].filter(Boolean).join(' · '),
            }))}
          />
          <Choice
            i18n={props.i18n}
            name="action"
            label={t('audit.filter.action')}
            value={values.action}
            error={err('action')}
            options={choices.actions.map((a) => ({ value: a.code, label: a.label }))}
          />
          <Field
            id="filter-prefix"
            name="prefix"
            label={t('audit.filter.prefix')}
            hint={t('audit.filter.prefix_hint')}
            value={values.prefix}
            error={err('prefix')}
          />
          <Choice
            i18n={props.i18n}
            name="outcome"
            label={t('audit.filter.outcome')}
            value={values.outcome}
            error={err('outcome')}
            options={choices.outcomes.map((o) => ({ value: o.code, label: o.label }))}
          />
          <Field
            id="filter-from"
            name="from"
            type="date"
            label={t('audit.filter.from')}
            value={values.from}
            error={err('from')}
          />
          <Field
            id="filter-to"
            name="to"
            type="date"
            label={t('audit.filter.to')}
            value={values.to}
            error={err('to')}
          />
        </div>
        <button type="submit" class="primary">
          {t('audit.filter.submit')}
        </button>{' '}
        <a class="button" href="/audit">
          {t('audit.filter.reset')}
        </a>
      </fieldset>
    </form>
  )
}
