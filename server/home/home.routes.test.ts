import { describe, expect, it } from 'vitest'
import { createTestApp } from '../testing/test-app.js'
import { enamelVersion } from '../system/version.js'

describe('home page', () => {
  it('shows a receptionist who and where, but no system panel and no admin links', async () => {
    const t = await createTestApp()
    await t.addStaff('anna', 'receptionist')
    const b = t.browser(await t.addDevice('reception', 'Стойка 1'))
    await b.login('anna')
    const html = await (await b.request('/')).text()
    expect(html).toContain('Вы вошли как Test anna (Администратор).')
    expect(html).toContain('Терминал: Стойка 1, зона «Регистратура».')
    expect(html).not.toContain('Версия Enamel')
    expect(html).not.toContain('href="/admin/')
    expect(html).not.toContain('href="/audit"')
  })

  it('shows the owner in the office the version and the admin sections', async () => {
    const t = await createTestApp()
    await t.addStaff('owner', 'owner')
    const b = t.browser(await t.addDevice('office'))
    await b.login('owner')
    const html = await (await b.request('/')).text()
    expect(html).toContain(`Версия Enamel: ${enamelVersion()}.`)
    expect(html).toContain('href="/admin/staff"')
    expect(html).toContain('href="/audit"')
  })

  it('hides the admin sections from the owner at a surgery terminal (zone ceiling)', async () => {
    const t = await createTestApp()
    await t.addStaff('owner', 'owner')
    const b = t.browser(await t.addDevice('surgery'))
    await b.login('owner')
    const html = await (await b.request('/')).text()
    expect(html).not.toContain('href="/admin/')
    expect(html).not.toContain('href="/audit"')
    expect(html).toContain('Сменить пользователя')
  })
})
