import { describe, expect, it } from 'vitest'
import { changedFields, diffLines } from './diff.js'

describe('readable diff', () => {
  it('marks kept, removed and added lines', () => {
    expect(
      diffLines(
        'Боль от холодного\nС месяц\nАллергии нет',
        'Боль от холодного\nДве недели\nАллергии нет',
      ),
    ).toEqual([
      { op: 'same', text: 'Боль от холодного' },
      { op: 'del', text: 'С месяц' },
      { op: 'add', text: 'Две недели' },
      { op: 'same', text: 'Аллергии нет' },
    ])
    expect(diffLines('', 'новое')).toEqual([{ op: 'add', text: 'новое' }])
    expect(diffLines('старое', '')).toEqual([{ op: 'del', text: 'старое' }])
  })

  it('lists only the fields that changed, in order', () => {
    const before = { a: 'x', b: 'y', c: 'z' }
    const after = { a: 'x', b: 'Y', c: '' }
    expect(changedFields(['a', 'b', 'c'], before, after).map((c) => c.field)).toEqual(['b', 'c'])
    expect(changedFields(['a', 'b'], undefined, { a: '', b: 'new' }).map((c) => c.field)).toEqual([
      'b',
    ])
  })

  it('stays quick on a very long text', () => {
    const long = Array.from({ length: 2000 }, (_, i) => `line ${i}`).join('\n')
    const lines = diffLines(long, `${long}\nmore`)
    expect(lines.filter((l) => l.op === 'add')).toHaveLength(2001)
  })
})
