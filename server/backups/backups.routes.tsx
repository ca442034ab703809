import { Hono, type Context } from 'hono'
import { BackupsPage } from '../../views/backups/backups.page.js'
import { BackupStatus } from '../../views/backups/status.partial.js'
import { allow, auditActor } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { UserFacingError } from '../http/errors.js'
import { isHtmx } from '../http/render.js'
import { backupControlFor, type JobKind } from './backup-control.js'
import { loadBackupView } from './backup-page.service.js'

type Ctx = Context<AppEnv>

/** The owner's backup page (office): status, snapshots, back up now, verify now. */
export function backupRoutes() {
  const app = new Hono<AppEnv>()

  // --- the page and its polled status partial ---
  app.get('/admin/backups', allow('admin.backups'), async (c) => {
    const view = await loadBackupView(c.get('services'), c.get('i18n'), c.get('csrfToken'))
    return c.render(<BackupsPage {...view} />, { title: c.get('i18n').t('backups.title') })
  })

  app.get('/admin/backups/progress', allow('admin.backups'), async (c) => {
    const view = await loadBackupView(c.get('services'), c.get('i18n'), c.get('csrfToken'))
    return c.html(<BackupStatus {...view} />)
  })

  // --- start a job in the background (works without JS: redirect back to the page) ---
  app.post('/admin/backups/run', allow('admin.backups'), (c) => start(c, 'run'))
  app.post('/admin/backups/verify', allow('admin.backups'), (c) => start(c, 'drill'))

  return app
}

async function start(c: Ctx, kind: JobKind) {
  const control = backupControlFor(c.get('services').db)
  if (!control) throw new UserFacingError(409, 'backups.not_configured')
  const outcome = control.startJob(kind, auditActor(c))
  if (!isHtmx(c)) return c.redirect('/admin/backups', 303)
  const view = await loadBackupView(c.get('services'), c.get('i18n'), c.get('csrfToken'))
  return c.html(<BackupStatus {...view} notice={outcome === 'busy' ? 'busy' : 'started'} />)
}
