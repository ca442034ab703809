import type { Zone } from '../config.js'

/** The permission catalogue: everything a route can require (DESIGN.md §1). */
export const PERMISSIONS = [
  'patients.contacts.read',
  'patients.contacts.write',
  'patients.documents.read',
  'patients.documents.write',
  'patients.notes.read',
  'patients.notes.write',
  'patients.consents.write',
  'schedule.read',
  'schedule.write',
  'medical.read',
  'medical.write',
  'medical.sign',
  'medical.files.read',
  'medical.files.write',
  'billing.read',
  'billing.write',
  'billing.payroll',
  'stock.read',
  'stock.write',
  'analytics.read',
  'marketing.lists',
  'patients.export',
  'admin.staff',
  'admin.devices',
  'admin.backups',
  'audit.read',
] as const

export type Permission = (typeof PERMISSIONS)[number]
export type Role = 'owner' | 'doctor' | 'assistant' | 'receptionist'

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value)
}

const all = (prefix: string) => PERMISSIONS.filter((p) => p.startsWith(prefix))

/** What each role starts with; the owner adjusts individuals with grants and denials. */
export const ROLE_TEMPLATES: Readonly<Record<Role, readonly Permission[]>> = {
  owner: PERMISSIONS,
  doctor: [
    'patients.contacts.read',
    'patients.notes.read',
    'patients.consents.write',
    'schedule.read',
    'schedule.write',
    'medical.read',
    'medical.write',
    'medical.sign',
    'medical.files.read',
    'medical.files.write',
    'billing.read',
    'stock.read',
  ],
  // Prepares drafts and chart marks; the doctor signs.
  assistant: [
    'patients.contacts.read',
    'schedule.read',
    'medical.read',
    'medical.write',
    'medical.files.read',
    'medical.files.write',
    'stock.read',
    'stock.write',
  ],
  // The front desk: everything but medical data, administration and the audit trail.
  receptionist: [
    ...all('patients.'),
    'schedule.read',
    'schedule.write',
    'billing.read',
    'billing.write',
    'marketing.lists',
  ],
}

/** Read only at the owner's desk: the audit trail, doctors' pay and the clinic's numbers. */
const OFFICE_ONLY: readonly Permission[] = ['audit.read', 'billing.payroll', 'analytics.read']

/**
 * The most a terminal's zone allows, whoever sits at it (DESIGN.md §1): the reception desk
 * never shows medical data, administration or the audit trail; the chair never administers
 * and does not show the audit trail either (DESIGN.md §1 puts audit in the office only).
 */
export const ZONE_CEILINGS: Readonly<Record<Zone, readonly Permission[]>> = {
  reception: PERMISSIONS.filter(
    (p) => !p.startsWith('medical.') && !p.startsWith('admin.') && !OFFICE_ONLY.includes(p),
  ),
  surgery: PERMISSIONS.filter((p) => !p.startsWith('admin.') && !OFFICE_ONLY.includes(p)),
  office: PERMISSIONS,
}

export interface Overrides {
  grants: readonly Permission[]
  denials: readonly Permission[]
}

/** Effective = (role ∪ grants − denials) ∩ zone ceiling. */
export function effectivePermissions(
  role: Role,
  overrides: Overrides,
  zone: Zone,
): Set<Permission> {
  const denied = new Set(overrides.denials)
  const ceiling = new Set(ZONE_CEILINGS[zone])
  const out = new Set<Permission>()
  for (const p of [...ROLE_TEMPLATES[role], ...overrides.grants]) {
    if (!denied.has(p) && ceiling.has(p)) out.add(p)
  }
  return out
}
