import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig, publicUrl } from './config.js'

describe('config: refusals', () => {
  const bad: [string, string, RegExp][] = [
    ['ENAMEL_PORT', 'eighty', /^ENAMEL_PORT: expected a port number 1-65535 \(got "eighty"\)$/],
    ['ENAMEL_PORT', '70000', /^ENAMEL_PORT: /],
    ['ENAMEL_LOCALE', 'de', /^ENAMEL_LOCALE: expected ru or en/],
    ['ENAMEL_TIMEZONE', 'Mars/Olympus', /^ENAMEL_TIMEZONE: expected an IANA time zone/],
    ['ENAMEL_PUBLIC_NAMES', 'ok.lan,bad name!', /^ENAMEL_PUBLIC_NAMES: /],
    [
      'ENAMEL_IDLE_RECEPTION_MINUTES',
      '0',
      /^ENAMEL_IDLE_RECEPTION_MINUTES: expected whole minutes/,
    ],
    ['ENAMEL_HOST', 'not a host', /^ENAMEL_HOST: /],
  ]
  for (const [name, value, message] of bad) {
    it(`names ${name} when it is ${JSON.stringify(value)}`, () => {
      expect(() => loadConfig({ [name]: value })).toThrow(ConfigError)
      expect(() => loadConfig({ [name]: value })).toThrow(message)
    })
  }

  it('gives one line even for a huge value', () => {
    try {
      loadConfig({ ENAMEL_LOCALE: 'x'.repeat(10_000) + '\n' })
      expect.fail('should throw')
    } catch (e) {
      expect((e as Error).message.split('\n')).toHaveLength(1)
      expect((e as Error).message.length).toBeLessThan(200)
    }
  })
})

describe('config: defaults', () => {
  it('has the documented defaults and is frozen', () => {
    const c = loadConfig({})
    expect(c.host).toBe('127.0.0.1')
    expect(c.port).toBe(8443)
    expect(c.locale).toBe('ru')
    expect(c.timeZone).toBe('Europe/Moscow')
    expect(c.publicNames).toEqual(expect.arrayContaining(['localhost', '127.0.0.1']))
    expect(c.idleMs.reception).toBe(15 * 60_000)
    expect(c.dataDir.endsWith('/data')).toBe(true)
    expect(c.masterKeyFile).toBe(`${c.dataDir}/keys/master.key`)
    expect(Object.isFrozen(c)).toBe(true)
    expect(Object.isFrozen(c.idleMs)).toBe(true)
    expect(publicUrl(c)).toBe('https://127.0.0.1:8443')
  })

  it('reads lists and ignores empty values like an unset variable', () => {
    const c = loadConfig({
      ENAMEL_PUBLIC_NAMES: ' enamel.clinic.lan , 192.168.1.10 ',
      ENAMEL_PORT: '',
      ENAMEL_HOST: '0.0.0.0',
    })
    expect(c.publicNames).toEqual(['enamel.clinic.lan', '192.168.1.10'])
    expect(c.port).toBe(8443)
    expect(publicUrl(c)).toBe('https://enamel.clinic.lan:8443')
  })
})
