import { describe, expect, it } from 'vitest'
import { csvCell, csvDelimiter, csvRow } from './csv.js'

describe('csv cells', () => {
  it('quotes per RFC 4180 only when needed, doubling quotes', () => {
    expect(csvCell('plain')).toBe('plain')
    expect(csvCell('Иванов')).toBe('Иванов')
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('a;b')).toBe('"a;b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"')
    expect(csvCell(null)).toBe('')
    expect(csvCell(undefined)).toBe('')
    expect(csvCell(42)).toBe('42')
  })

  it('defuses cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=1+1')).toBe("'=1+1")
    expect(csvCell('+7 999')).toBe("'+7 999")
    expect(csvCell('-2+3')).toBe("'-2+3")
    expect(csvCell('@SUM(A1:A2)')).toBe("'@SUM(A1:A2)")
    expect(csvCell('\t=cmd')).toBe("'\t=cmd")
    expect(csvCell('\r=cmd')).toBe('"\'\r=cmd"')
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"')
    expect(csvCell('a=b')).toBe('a=b')
  })

  it('ends each record with CRLF and uses the locale delimiter', () => {
    expect(csvRow(['a', 1, null, 'b;c'], ';')).toBe('a;1;;"b;c"\r\n')
    expect(csvRow(['a', 'b'])).toBe('a,b\r\n')
    expect(csvDelimiter('ru')).toBe(';')
    expect(csvDelimiter('en')).toBe(',')
  })
})
