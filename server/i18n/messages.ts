// The ru/en catalogue, one file per feature under catalogue/ so features do not collide.
// Russian is the source; each feature's English must have every key (checked by the type).
import * as audit from './catalogue/audit.js'
import * as backups from './catalogue/backups.js'
import * as core from './catalogue/core.js'
import * as devices from './catalogue/devices.js'
import * as staff from './catalogue/staff.js'

export const ru = {
  ...core.ru,
  ...staff.ru,
  ...devices.ru,
  ...audit.ru,
  ...backups.ru,
} as const

export type MessageKey = keyof typeof ru

export const en: Record<MessageKey, string> = {
  ...core.en,
  ...staff.en,
  ...devices.en,
  ...audit.en,
}
