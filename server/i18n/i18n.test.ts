import { describe, expect, it } from 'vitest'
import { createI18n } from './i18n.js'
import { en, ru } from './messages.js'

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('catalogue', () => {
  it('has every key in both languages, none empty, with the same placeholders', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ru).sort())
    for (const [key, text] of Object.entries(ru)) {
      const english = en[key as keyof typeof en]
      expect(text.trim(), key).not.toBe('')
      expect(english.trim(), key).not.toBe('')
      expect(placeholders(english), key).toEqual(placeholders(text))
    }
  })

  it('formats dates in the clinic time zone and locale', () => {
    const ruI18n = createI18n('ru', 'Europe/Moscow')
    // 21:30 UTC is already the next day in Moscow (UTC+3).
    expect(ruI18n.date('2026-11-28T21:30:00Z')).toBe('29.11.2026')
    expect(ruI18n.dateTime('2026-11-28T21:30:00Z')).toBe('29.11.2026, 00:30')
    expect(createI18n('en', 'Asia/Vladivostok').date('2026-11-28T21:30:00Z')).toBe('29/11/2026')
    expect(ruI18n.t('login.throttled', { seconds: 30 })).toBe(
      'Слишком много неудачных попыток. Повторите через 30 с.',
    )
  })
})
