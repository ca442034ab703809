import { describe, expect, it } from 'vitest'
import { applyTemplate, checkVisit, emptyVisit, readVisit } from './visit-form.js'

const ctx = { today: '2026-11-29', doctorIds: new Set([7]), needReason: false }

describe('visit record form', () => {
  it('reads what was typed and checks it against the rules of a record', () => {
    const { values, errors } = readVisit({
      visit_date: '2026-11-29',
      doctor_id: '7',
      complaints: 'Боль\r\nот холодного   ',
      diagnosis_code: 'к02.1',
      diagnosis_first: '1',
    })
    expect(errors).toEqual({})
    expect(values.complaints).toBe('Боль\nот холодного')
    const content = checkVisit(values, errors, ctx)
    expect(content).toMatchObject({ doctor_id: 7, diagnosis_code: 'K02.1', diagnosis_first: 1 })
  })

  it('names each problem and returns no content', () => {
    const { values, errors } = readVisit({
      visit_date: '2026-11-30',
      doctor_id: '8',
      complaints: ['a', 'b'],
      objective: 'x\u0007',
      diagnosis_code: 'K99.9',
    })
    expect(checkVisit(values, errors, { ...ctx, needReason: true })).toBeUndefined()
    expect(Object.keys(errors).sort()).toEqual(
      ['complaints', 'diagnosis_code', 'doctor_id', 'objective', 'reason', 'visit_date'].sort(),
    )
  })

  it('adds template text to what is written, once', () => {
    const v = { ...emptyVisit('2026-11-29', 7), complaints: 'Со слов пациента' }
    const tpl = {
      ...emptyVisit('', null),
      complaints: 'Боль от сладкого',
      treatment: 'Пломба',
      diagnosis_code: 'K02.1',
    }
    const once = applyTemplate(v, tpl)
    expect(once.complaints).toBe('Со слов пациента\nБоль от сладкого')
    expect(once.treatment).toBe('Пломба')
    expect(once.diagnosis_code).toBe('K02.1')
    expect(applyTemplate(once, tpl)).toEqual(once)
  })
})
