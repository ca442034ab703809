import { describe, expect, it } from 'vitest'
import { createTestApp } from '../testing/test-app.js'

async function insertRun(
  t: Awaited<ReturnType<typeof createTestApp>>,
  kind: string,
  outcome: string,
  at: string,
) {
  await t.db
    .insertInto('backup_runs')
    .values({
      kind: kind as 'run',
      trigger: 'schedule',
      started_at: at,
      finished_at: at,
      duration_ms: 1000,
      outcome: outcome as 'ok',
    })
    .execute()
}

describe('backup banner on every office and surgery page', () => {
  it('warns the office and the chair, never the reception desk, when the last backup is stale', async () => {
    const t = await createTestApp()
    await t.addStaff('owner', 'owner')
    await insertRun(t, 'run', 'ok', '2026-11-27T09:00:00.000Z') // two days before the test clock
    for (const zone of ['office', 'surgery'] as const) {
      const b = t.browser(await t.addDevice(zone))
      await b.login('owner')
      expect(await (await b.request('/')).text(), zone).toContain('site-banner')
    }
    const desk = t.browser(await t.addDevice('reception'))
    await desk.login('owner')
    expect(await (await desk.request('/')).text()).not.toContain('site-banner')
  })

  it('is silent after a recent successful backup', async () => {
    const t = await createTestApp()
    await t.addStaff('owner', 'owner')
    await insertRun(t, 'run', 'ok', '2026-11-29T08:30:00.000Z')
    const b = t.browser(await t.addDevice('office'))
    await b.login('owner')
    expect(await (await b.request('/')).text()).not.toContain('site-banner')
  })
})
