import type { Translate } from '../../server/i18n/i18n.js'
import type { MessageKey } from '../../server/i18n/messages.js'

/** Looks up a form's field errors (catalogue keys) and gives each field its translated text. */
export function errorText(t: Translate, errors: Partial<Record<string, MessageKey>> | undefined) {
  return (field: string): string | undefined => {
    const key = errors?.[field]
    return key ? t(key) : undefined
  }
}
