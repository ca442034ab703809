import { describe, expect, it } from 'vitest'
import { contentDisposition, downloadName } from './file-response.js'
import { ageOn, parseDateInput } from './dates.js'
import { fillTemplate } from './consent-text.js'
import { patientSearchColumns } from './normalize.js'
import { formatPhone, normalizePhone } from './phone.js'
import { parseSearchQuery } from './search-query.js'
import { formatSnils, normalizeSnils } from './snils.js'
import { fromLatinLayout, transliterate } from './translit.js'
import { monthDaysAhead } from './marketing.routes.js'

describe('phones', () => {
  it('normalize what people type to +7XXXXXXXXXX, and refuse the rest', () => {
    for (const typed of [
      '8 (916) 123-45-67',
      '+7 916 123 45 67',
      '79161234567',
      '9161234567',
      '8-916-123-45-67',
    ]) {
      expect(normalizePhone(typed), typed).toBe('+79161234567')
    }
    for (const bad of [
      '12345',
      '+1 916 123 45 67',
      '8916123456',
      '89161234567890',
      'телефон',
      '+7 916 123 45 6x',
    ]) {
      expect(normalizePhone(bad), bad).toBeUndefined()
    }
    expect(formatPhone('+79161234567')).toBe('+7 916 123-45-67')
  })
})

describe('СНИЛС', () => {
  it('checks the control number, including sums of 100, 101 and above', () => {
    expect(normalizeSnils('112-233-445 95')).toBe('11223344595')
    expect(normalizeSnils('112-233-445 96')).toBeUndefined()
    expect(normalizeSnils('112-233-445')).toBeUndefined()
    expect(normalizeSnils('abc')).toBeUndefined()
    // 999-999-999: sum 405 → 405 mod 101 = 1.
    expect(normalizeSnils('999 999 999 01')).toBe('99999999901')
    // 000-000-000 and other numbers up to 001-001-998 were never checksummed.
    expect(normalizeSnils('000-000-000 00')).toBeUndefined()
    expect(formatSnils('11223344595')).toBe('112-233-445 95')
  })
})

describe('search text', () => {
  it('folds case and ё, keeps both trunk prefixes of phones', () => {
    expect(
      patientSearchColumns({
        surname: 'Ёлкина-Петрова',
        name: 'АЛЁНА',
        patronymic: null,
        phone: '+79161234567',
        phone_extra: null,
      }),
    ).toEqual({
      search_surname: 'елкина петрова',
      search_name: 'алена',
      search_patronymic: '',
      search_fio: 'елкина петрова алена',
      search_phones: '79161234567 89161234567',
    })
  })

  it('reads Latin typed by mistake both ways', () => {
    expect(transliterate('ivanov')).toBe('иванов')
    expect(transliterate('aleksey')).toBe('алексей')
    expect(transliterate('shchukina')).toBe('щукина')
    expect(transliterate('iskomaya')).toBe('искомая')
    expect(fromLatinLayout('bdfyjd')).toBe('иванов')
    expect(fromLatinLayout(';tkfyjdf')).toBe('желанова')
  })

  it('splits a query into words, digit runs and a birth date', () => {
    expect(parseSearchQuery('  ')).toBeUndefined()
    expect(parseSearchQuery('8 (916) 123-45-67')).toMatchObject({
      variants: [],
      digits: ['89161234567'],
    })
    expect(parseSearchQuery('Иванов 12.03.1987')).toMatchObject({
      variants: [['иванов']],
      date: '1987-03-12',
    })
    expect(parseSearchQuery('31.02.1987')).toBeUndefined()
    expect(parseSearchQuery('ivan')?.variants).toEqual([['ivan'], ['иван'], ['шмфт']])
    expect(parseSearchQuery('S1234')?.variants).toEqual([['s1234']])
  })
})

describe('dates', () => {
  it('accept the date input and дд.мм.гггг, count full years', () => {
    expect(parseDateInput('1987-03-12')).toBe('1987-03-12')
    expect(parseDateInput('12.3.1987')).toBe('1987-03-12')
    expect(parseDateInput('2023-02-29')).toBeUndefined()
    expect(ageOn('2011-11-30', '2026-11-29')).toBe(14)
    expect(ageOn('2011-11-29', '2026-11-29')).toBe(15)
    expect(monthDaysAhead('2027-02-27', 3)).toEqual(['02-27', '02-28', '02-29', '03-01'])
  })
})

describe('consent templates and download names', () => {
  it('fill only known placeholders', () => {
    expect(
      fillTemplate('{patient}, {unknown}, {date}', {
        patient: 'А',
        birth_date: '',
        document: '',
        address: '',
        representative: '',
        clinic: '',
        date: 'Д',
      }),
    ).toBe('А, {unknown}, Д')
  })

  it('give the real extension and an ASCII fallback with an RFC 5987 name', () => {
    expect(downloadName('C:\\scans\\паспорт.exe', 'image/png')).toBe('паспорт.png')
    expect(downloadName('', 'application/pdf')).toBe('document.pdf')
    expect(contentDisposition("скан (1)'.pdf")).toBe(
      `inline; filename="____ (1)'.pdf"; filename*=UTF-8''%D1%81%D0%BA%D0%B0%D0%BD%20%281%29%27.pdf`,
    )
  })
})
