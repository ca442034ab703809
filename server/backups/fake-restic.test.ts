import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  FAKE_RESTIC_DIR,
  miniClinic,
  passwordFile,
  tempRoot,
} from '../../tests/support/backup-fixture.js'
import { CLI_ACTOR } from '../audit/audit.service.js'
import { backup } from '../restic/commands.js'
import { ResticError } from '../restic/errors.js'
import { runRestic, type ResticRepo } from '../restic/run.js'
import { runBackup } from './backup.service.js'
import { listRecentRuns } from './backups.queries.js'

// restic's exit codes read strictly (checklist 38), against a fake restic on PATH.
describe('a fake restic on PATH', () => {
  const tmp = tempRoot('enamel-fake-restic-')
  let clinic: Awaited<ReturnType<typeof miniClinic>>
  const state = path.join(tmp.root, 'state')
  const repoWith = (env: Record<string, string>): ResticRepo => ({
    repository: '/nonexistent/fake-repo',
    passwordFile: path.join(tmp.root, 'restic-password'),
    env: {
      PATH: `${FAKE_RESTIC_DIR}:${process.env.PATH}`,
      FAKE_RESTIC_STATE: state,
      ...env,
    },
  })

  beforeAll(async () => {
    mkdirSync(state)
    passwordFile(tmp.root)
    clinic = await miniClinic(tmp.root, repoWith({}))
  })
  afterAll(async () => {
    await clinic.close()
    tmp.cleanup()
  })

  it('only exit 0 is success for the driver: 1, 3, 11, 12 and 130 throw, classified', async () => {
    const expected: [string, string | undefined][] = [
      ['0', undefined],
      ['1', 'failed'],
      ['3', 'incomplete'],
      ['11', 'locked'],
      ['12', 'wrong_password'],
      ['130', 'interrupted'],
    ]
    for (const [exit, code] of expected) {
      const run = backup(repoWith({ FAKE_RESTIC_EXIT: exit }), clinic.dataDir, ['pki'], ['enamel'])
      if (code === undefined) await expect(run).resolves.toMatchObject({ snapshotId: '0123abcd' })
      else {
        const err = await run.then(
          () => undefined,
          (e: unknown) => e,
        )
        expect(err, `exit ${exit}`).toBeInstanceOf(ResticError)
        expect((err as ResticError).code, `exit ${exit}`).toBe(code)
        expect((err as ResticError).exitCode).toBe(Number(exit))
      }
    }
  })

  it('malformed JSON with exit 0 is not a success; junk around a valid summary is tolerated', async () => {
    await expect(
      backup(repoWith({ FAKE_RESTIC_OUTPUT: 'garbage' }), clinic.dataDir, ['pki'], ['enamel']),
    ).rejects.toMatchObject({ code: 'bad_output' })
    const seen: number[] = []
    const summary = await backup(
      repoWith({ FAKE_RESTIC_OUTPUT: 'mixed' }),
      clinic.dataDir,
      ['pki'],
      ['enamel'],
      { onProgress: (p) => seen.push(p.percent) },
    )
    expect(summary).toMatchObject({ snapshotId: '0123abcd', dataAdded: 42, filesNew: 1 })
    expect(seen).toEqual([50])
  })

  it('a whole run is recorded ok only for exit 0 with a summary and every path present', async () => {
    const cases: [Record<string, string>, string | null][] = [
      [{}, null],
      [{ FAKE_RESTIC_EXIT: '1' }, 'failed'],
      [{ FAKE_RESTIC_EXIT: '3' }, 'incomplete'],
      [{ FAKE_RESTIC_EXIT: '11' }, 'locked'],
      [{ FAKE_RESTIC_EXIT: '12' }, 'wrong_password'],
      [{ FAKE_RESTIC_EXIT: '130' }, 'interrupted'],
      [{ FAKE_RESTIC_OUTPUT: 'garbage' }, 'bad_output'],
    ]
    for (const [env, code] of cases) {
      const r = await runBackup(
        { ...clinic.deps, repo: repoWith(env) },
        { trigger: 'cli', actor: CLI_ACTOR },
      )
      expect(r.ok, JSON.stringify(env)).toBe(code === null)
      expect(r.error?.code ?? null).toBe(code)
    }
    const rows = await listRecentRuns(clinic.db, 20)
    expect(rows.map((r) => [r.outcome, r.error_code]).reverse()).toEqual(
      cases.map(([, code]) => [code === null ? 'ok' : 'failed', code]),
    )
    expect(rows.at(-1)).toMatchObject({ snapshot_id: '0123abcd', bytes_added: 42, files_new: 1 })
  })

  it('a missing restic is reported as such', async () => {
    await expect(
      runRestic(repoWith({ PATH: '/nonexistent' }), ['snapshots']),
    ).rejects.toMatchObject({ code: 'not_installed' })
  })
})
