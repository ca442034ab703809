import type { I18n, MessageKey } from '../../server/i18n/i18n.js'

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const

/** "1,5 МБ" / "1.5 MB" in the clinic's locale. */
export function formatBytes(i18n: I18n, bytes: number | null | undefined): string {
  let n = bytes ?? 0
  let unit = 0
  while (n >= 1024 && unit < UNITS.length - 1) {
    n /= 1024
    unit++
  }
  return new Intl.NumberFormat(i18n.locale === 'ru' ? 'ru-RU' : 'en-GB', {
    style: 'unit',
    unit: UNITS[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(n)
}

export function formatSeconds(i18n: I18n, ms: number): string {
  const seconds = new Intl.NumberFormat(i18n.locale === 'ru' ? 'ru-RU' : 'en-GB', {
    maximumFractionDigits: 1,
  }).format(ms / 1000)
  return i18n.t('backups.seconds', { seconds })
}

const ERRORS = [
  'wrong_password',
  'repo_unreachable',
  'no_space',
  'locked',
  'repo_missing',
  'incomplete',
  'missing_paths',
  'not_installed',
  'busy',
  'interrupted',
  'no_snapshot',
  'manifest_mismatch',
  'integrity',
  'row_counts',
  'audit_chain',
  'keys',
  'check_failed',
] as const

/** What to do about a failure, translated; restic's own words are shown beside it. */
export function errorAdvice(i18n: I18n, code: string | null | undefined): string {
  const known = (ERRORS as readonly string[]).includes(code ?? '')
  return i18n.t((known ? `backups.error.${code}` : 'backups.error.failed') as MessageKey)
}
