import { describe, expect, it } from 'vitest'
import { ICD10_K00_K14 } from './icd10-k00-k14.js'
import { allIcd10, findIcd10, normalizeIcd10, searchIcd10 } from './icd10.js'

describe('МКБ-10 K00–K14', () => {
  it('ships every rubric K00…K14 with subcodes in order and Russian names', () => {
    expect(ICD10_K00_K14.map((r) => r.code)).toEqual(
      Array.from({ length: 15 }, (_, i) => `K${String(i).padStart(2, '0')}`),
    )
    const codes = allIcd10().map((c) => c.code)
    expect(new Set(codes).size).toBe(codes.length)
    expect(codes.every((c) => /^K(0\d|1[0-4])\.\d$/.test(c))).toBe(true)
    expect(codes.length).toBeGreaterThan(100)
    expect(allIcd10().every((c) => /[а-яё]/i.test(c.name))).toBe(true)
    expect(findIcd10('K04.5')?.name).toBe('Хронический апикальный периодонтит')
    expect(findIcd10('K02')).toBeUndefined()
  })

  it('finds codes by code as typed on either keyboard, and by words', () => {
    expect(searchIcd10('K02.1').map((c) => c.code)).toEqual(['K02.1'])
    expect(searchIcd10('к021').map((c) => c.code)).toEqual(['K02.1'])
    expect(searchIcd10('k02,1').map((c) => c.code)).toEqual(['K02.1'])
    expect(searchIcd10('K04').map((c) => c.code)).toHaveLength(10)
    expect(searchIcd10('кариес дентина').map((c) => c.code)).toEqual(['K02.1'])
    expect(searchIcd10('хрон').map((c) => c.code)).toEqual(
      expect.arrayContaining(['K04.5', 'K05.1', 'K05.3']),
    )
    // The rubric's name counts: «Одонтоклазия» is a caries (K02).
    expect(searchIcd10('кариес').map((c) => c.code)).toContain('K02.4')
    expect(searchIcd10('неуточненный')[0]?.code).toBe('K02.9')
    expect(searchIcd10('')).toEqual([])
    expect(searchIcd10('<script>')).toEqual([])
    expect(searchIcd10('.*+?')).toEqual([])
  })

  it('normalizes a typed code for storage', () => {
    expect(normalizeIcd10(' к02,1 ')).toBe('K02.1')
    expect(normalizeIcd10('k4.5')).toBe('K04.5')
    expect(normalizeIcd10('z99')).toBe('Z99')
  })
})
