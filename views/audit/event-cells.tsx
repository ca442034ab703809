import type { I18n } from '../../server/i18n/i18n.js'

// Small pieces shared by the trail, the patient report and the break-glass queue, so an
// event reads the same wherever it is shown.

type T = I18n['t']
const ZONES = ['reception', 'surgery', 'office'] as const

/** Who: the name, or why there is none (a failed sign-in, the server console). */
export function personText(
  t: T,
  e: { staff_id: number | null; staff_name: string | null; zone: string | null },
): string {
  if (e.staff_name) return e.staff_name
  if (e.staff_id !== null) return t('audit.staff_no', { id: e.staff_id })
  return e.zone === 'cli' ? t('audit.cli') : t('audit.no_staff')
}

export function terminalText(
  t: T,
  e: { device_id: number | null; device_name: string | null; zone: string | null },
): string {
  if (e.device_name) return e.device_name
  if (e.device_id !== null) return t('audit.device_no', { id: e.device_id })
  return e.zone === 'cli' ? t('audit.cli') : '—'
}

export function zoneText(t: T, zone: string | null): string | undefined {
  const known = ZONES.find((z) => z === zone)
  return known ? t(`zone.${known}`) : undefined
}

export function patientText(
  t: T,
  e: { patient_id: number | null; patient_name: string | null },
): string {
  if (e.patient_id === null) return '—'
  return e.patient_name ?? t('audit.patient_no', { id: e.patient_id })
}

/** The terminal with its zone, as one cell. */
export function TerminalCell(props: {
  t: T
  e: { device_id: number | null; device_name: string | null; zone: string | null }
}) {
  const zone = zoneText(props.t, props.e.zone)
  return (
    <>
      {terminalText(props.t, props.e)}
      {zone && <span class="audit-zone"> · {zone}</span>}
    </>
  )
}

const DETAILS_MAX = 240

/** Parsed details, or undefined when the stored text is not a JSON object. */
export function parseDetails(details: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(details)
    return v && typeof v === 'object' && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

/** "reason: …; session: 12", shortened; JSX escapes it, whatever a login field held. */
export function detailsText(details: string): string {
  const d = parseDetails(details)
  const text = d
    ? Object.entries(d)
        .filter(([k]) => k !== 'flagged')
        .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
        .join('; ')
    : details
  return text.length > DETAILS_MAX ? `${text.slice(0, DETAILS_MAX - 1)}…` : text
}

/** Break-glass and other events recorded with `flagged: true` stand out for review. */
export function isFlagged(details: string): boolean {
  return parseDetails(details)?.flagged === true
}
