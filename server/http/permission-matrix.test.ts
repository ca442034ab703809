import { beforeAll, describe, expect, it } from 'vitest'
import { ZONES, type Zone } from '../config.js'
import { effectivePermissions, type Role } from '../policy/permissions.js'
import { createTestApp, type TestApp } from '../testing/test-app.js'
import { routeAccessTable, type Access } from './access.js'

/**
 * THE table of every route and what it requires. A route missing here, or declaring something
 * else, fails the suite: adding a route means deciding its rule in review.
 */
const EXPECTED: Record<string, Access> = {
  'GET /static/*': 'public',
  'GET /healthz': 'public',
  'GET /login': 'public',
  'POST /login': 'public',
  'POST /logout': 'session',
  'POST /switch-user': 'session',
  'GET /lock': 'session',
  'POST /lock': 'session',
  'POST /unlock': 'session',
  'GET /password': 'session',
  'POST /password': 'session',
  'POST /language': 'staff',
  'GET /': 'staff',
}

const ROLES: Role[] = ['owner', 'doctor', 'assistant', 'receptionist']

describe('permission matrix', () => {
  let t: TestApp
  const sessions = new Map<string, ReturnType<TestApp['browser']>>()

  beforeAll(async () => {
    t = await createTestApp()
    for (const role of ROLES) {
      await t.addStaff(role, role)
      for (const zone of ZONES) {
        const b = t.browser(await t.addDevice(zone))
        await b.login(role)
        sessions.set(`${role}@${zone}`, b)
      }
    }
  })

  it('every registered route declares exactly the expected access', () => {
    const actual = Object.fromEntries(
      routeAccessTable(t.app.routes).map((r) => [`${r.method} ${r.path}`, r.access]),
    )
    expect(actual).toEqual(EXPECTED)
  })

  it('allows and denies each permission route for every role in every zone', async () => {
    const checked: string[] = []
    for (const [route, access] of Object.entries(EXPECTED)) {
      if (['public', 'session', 'staff'].includes(access)) continue
      const [method, pattern] = route.split(' ') as [string, string]
      const path = pattern.replace(/:[a-zA-Z]+/g, '1').replace('*', 'x')
      for (const role of ROLES) {
        for (const zone of ZONES) {
          const b = sessions.get(`${role}@${zone}`)!
          const res = method === 'GET' ? await b.request(path) : await b.post(path, {})
          const allowed = effectivePermissions(role, { grants: [], denials: [] }, zone as Zone).has(
            access as never,
          )
          const label = `${role}@${zone} ${route} (${access})`
          if (allowed) expect(res.status, label).not.toBe(403)
          else expect(res.status, label).toBe(403)
          expect(res.status, label).toBeLessThan(500)
          checked.push(label)
        }
      }
    }
    expect(checked.length).toBe(
      Object.values(EXPECTED).filter((a) => !['public', 'session', 'staff'].includes(a)).length *
        ROLES.length *
        ZONES.length,
    )
  })
})
