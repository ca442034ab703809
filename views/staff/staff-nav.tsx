import type { I18n } from '../../server/i18n/i18n.js'

type Section = 'list' | 'matrix' | 'history' | 'settings' | 'totp'

const LINKS = [
  { section: 'list', href: '/admin/staff', label: 'staff.nav.list' },
  { section: 'matrix', href: '/admin/staff/matrix', label: 'staff.nav.matrix' },
  { section: 'history', href: '/admin/staff/history', label: 'staff.nav.history' },
  { section: 'settings', href: '/admin/settings', label: 'staff.nav.settings' },
  { section: 'totp', href: '/account/totp', label: 'staff.nav.totp' },
] as const

/** The owner's staff pages, one link each; the current one is marked for screen readers. */
export function StaffNav(props: { i18n: I18n; current?: Section }) {
  const { t } = props.i18n
  return (
    <nav class="subnav" aria-label={t('staff.nav.label')}>
      {LINKS.map((l) => (
        <a href={l.href} aria-current={l.section === props.current ? 'page' : undefined}>
          {t(l.label)}
        </a>
      ))}
    </nav>
  )
}
