import { describe, expect, it } from 'vitest'
import { chartRows, dentitionForAge, isTooth } from './fdi.js'
import { computeKpu } from './kpu.js'
import { checkMarks, parseMarks, serializeSurfaces, type ToothMarks } from './tooth-codes.js'
import { ageOn } from '../patients/dates.js'

const marks = (m: Partial<ToothMarks>): ToothMarks => ({
  codes: [],
  surfaces: {},
  mobility: 0,
  note: '',
  ...m,
})

describe('КПУ', () => {
  it('counts decayed, filled and missing permanent teeth and their surfaces', () => {
    const k = computeKpu(
      new Map([
        [36, marks({ codes: ['caries'], surfaces: { O: 'caries', M: 'caries' } })],
        [37, marks({ codes: ['filling'], surfaces: { O: 'filling' } })],
        // Secondary caries under a filling: the tooth is К, its surfaces one К and one П.
        [46, marks({ surfaces: { O: 'filling', D: 'caries' } })],
        [11, marks({ codes: ['crown'] })],
        [18, marks({ codes: ['missing'] })],
        [21, marks({ codes: ['implant', 'crown'] })],
        [47, marks({ codes: ['root'] })],
        [26, marks({ codes: ['pulpitis'] })],
        [24, marks({ codes: ['veneer'] })],
      ]),
    )
    expect(k.teeth).toEqual({ k: 4, p: 2, u: 2, total: 8 })
    // К: 36 two, 46 one, 47 all five, 26 one; П: 37 one, 46 one, 11 four; У: 18 five, 21 four.
    expect(k.surfaces).toEqual({ k: 9, p: 6, u: 9, total: 24 })
    expect(k.primary).toEqual({ k: 0, p: 0, u: 0, total: 0 })
  })

  it('counts кп for primary teeth, where a missing tooth is not counted', () => {
    const k = computeKpu(
      new Map([
        [75, marks({ codes: ['caries'] })],
        [54, marks({ surfaces: { O: 'filling' } })],
        [85, marks({ codes: ['missing'] })],
      ]),
    )
    expect(k.primary).toEqual({ k: 1, p: 1, u: 0, total: 2 })
    expect(k.teeth.total).toBe(0)
  })
})

describe('FDI numbering', () => {
  it('knows the 52 teeth, the jaws as the doctor faces the patient, and the dentition by age', () => {
    expect(isTooth(11) && isTooth(48) && isTooth(55) && isTooth(85)).toBe(true)
    expect(isTooth(19) || isTooth(56) || isTooth(90) || isTooth(10)).toBe(false)
    expect(chartRows('permanent', new Set()).map((r) => r.teeth.join(' '))).toEqual([
      '18 17 16 15 14 13 12 11 21 22 23 24 25 26 27 28',
      '48 47 46 45 44 43 42 41 31 32 33 34 35 36 37 38',
    ])
    expect(chartRows('primary', new Set()).map((r) => r.teeth.join(' '))).toEqual([
      '55 54 53 52 51 61 62 63 64 65',
      '85 84 83 82 81 71 72 73 74 75',
    ])
    expect(chartRows('mixed', new Set())).toHaveLength(4)
    expect(chartRows('permanent', new Set([75]))).toHaveLength(4)
    expect([3, 6, 12, 13, 40].map(dentitionForAge)).toEqual([
      'primary',
      'mixed',
      'mixed',
      'permanent',
      'permanent',
    ])
    expect(ageOn('2016-02-01', '2026-01-31')).toBe(9)
    expect(ageOn('2016-02-01', '2026-02-01')).toBe(10)
  })
})

describe('tooth marks', () => {
  it('round-trips stored text, skipping what it does not know', () => {
    const m = parseMarks({
      codes: 'filling caries future_code',
      surfaces: 'O:filling M:caries X:caries D:gold',
      mobility: 2,
      note: '',
    })
    expect(m.codes).toEqual(['caries', 'filling'])
    expect(serializeSurfaces(m.surfaces)).toBe('M:caries O:filling')
  })

  it('refuses unknown codes, odd degrees and marks on an absent tooth', () => {
    const ok = { codes: ['caries'], surfaces: { M: 'caries' }, mobility: 0, note: '' }
    expect(checkMarks(ok, 100)).toBeUndefined()
    expect(checkMarks({ ...ok, codes: ['gold'] }, 100)).toBe('unknown_code')
    expect(checkMarks({ ...ok, surfaces: { Q: 'caries' } }, 100)).toBe('unknown_code')
    expect(checkMarks({ ...ok, mobility: 4 }, 100)).toBe('bad_mobility')
    expect(checkMarks({ ...ok, note: 'x'.repeat(101) }, 100)).toBe('note_too_long')
    expect(checkMarks({ ...ok, codes: ['missing'], surfaces: {} }, 100)).toBeUndefined()
    expect(checkMarks({ ...ok, codes: ['missing', 'caries'], surfaces: {} }, 100)).toBe(
      'absent_with_marks',
    )
    expect(checkMarks({ ...ok, codes: ['implant', 'crown'], surfaces: {} }, 100)).toBeUndefined()
  })
})
