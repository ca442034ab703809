// The ru/en catalogue, one file per feature under catalogue/ so features do not collide.
// Russian is the source; each feature's English must have every key (checked by the type).
import * as analytics from './catalogue/analytics.js'
import * as audit from './catalogue/audit.js'
import * as backups from './catalogue/backups.js'
import * as billing from './catalogue/billing.js'
import * as core from './catalogue/core.js'
import * as devices from './catalogue/devices.js'
import * as medical from './catalogue/medical.js'
import * as patients from './catalogue/patients.js'
import * as plans from './catalogue/plans.js'
import * as schedule from './catalogue/schedule.js'
import * as staff from './catalogue/staff.js'
import * as stock from './catalogue/stock.js'

export const ru = {
  ...core.ru,
  ...staff.ru,
  ...devices.ru,
  ...audit.ru,
  ...backups.ru,
  ...medical.ru,
  ...patients.ru,
  ...plans.ru,
  ...schedule.ru,
  ...billing.ru,
  ...stock.ru,
  ...analytics.ru,
} as const

export type MessageKey = keyof typeof ru

export const en: Record<MessageKey, string> = {
  ...core.en,
  ...staff.en,
  ...devices.en,
  ...audit.en,
  ...backups.en,
  ...medical.en,
  ...patients.en,
  ...plans.en,
  ...schedule.en,
  ...billing.en,
  ...stock.en,
  ...analytics.en,
}
