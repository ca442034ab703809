import { Hono, type Context } from 'hono'
import { deleteCookie, setCookie } from 'hono/cookie'
import { z } from 'zod'
import { LockForm } from '../../views/auth/lock.page.js'
import { LoginForm } from '../../views/auth/login.page.js'
import { PasswordForm } from '../../views/auth/password.page.js'
import { SignedOut } from '../../views/auth/signed-out.page.js'
import { recordAudit } from '../audit/audit.service.js'
import { allow } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { form } from '../http/forms.js'
import { isHtmx } from '../http/render.js'
import { SESSION_COOKIE } from '../http/middleware/session.js'
import { findStaffById, updateStaff } from '../staff/staff.queries.js'
import { endSessionsOfStaff, setSessionLocked } from './auth.queries.js'
import { login, logout } from './auth.service.js'
import {
  checkPasswordPolicy,
  hashPassword,
  MAX_PASSWORD_LENGTH,
  verifyPassword,
} from './password.js'

const loginForm = z.object({
  login: z.string().trim().max(100).default(''),
  password: z
    .string()
    .max(MAX_PASSWORD_LENGTH * 4)
    .default(''),
})

const passwordForm = z.object({
  current: z
    .string()
    .max(MAX_PASSWORD_LENGTH * 4)
    .default(''),
  password: z
    .string()
    .max(MAX_PASSWORD_LENGTH * 4)
    .default(''),
  repeat: z
    .string()
    .max(MAX_PASSWORD_LENGTH * 4)
    .default(''),
})

type Ctx = Context<AppEnv>

function actor(c: Ctx) {
  return {
    staffId: c.get('session')?.staffId ?? null,
    deviceId: c.get('device').id,
    zone: c.get('device').zone,
  }
}

function setSessionCookie(c: Ctx, token: string) {
  // __Host-: Secure, Path=/, no Domain; Strict and HttpOnly (checklist 14). No Max-Age:
  // the server decides the lifetime, and closing the browser forgets the cookie.
  setCookie(c, SESSION_COOKIE, token, {
    path: '/',
    secure: true,
    httpOnly: true,
    sameSite: 'Strict',
  })
}

/** Sign-in, sign-out, lock and password change. */
export function authRoutes() {
  const app = new Hono<AppEnv>()

  // --- sign in ---
  app.get('/login', allow('public'), (c) => {
    const session = c.get('session')
    if (session && !session.locked) return c.redirect('/', 303)
    const { t } = c.get('i18n')
    return c.render(
      <LoginForm i18n={c.get('i18n')} csrfToken={c.get('csrfToken')} device={c.get('device')} />,
      { title: t('login.title') },
    )
  })

  app.post('/login', allow('public'), async (c) => {
    const s = c.get('services')
    const input = await form(c, loginForm)
    const { t } = c.get('i18n')
    const again = (status: 400 | 401 | 429, error: string) => {
      c.status(status)
      return c.render(
        <LoginForm
          i18n={c.get('i18n')}
          csrfToken={c.get('csrfToken')}
          device={c.get('device')}
          login={input.login}
          error={error}
        />,
        { title: t('login.title') },
      )
    }
    if (!input.login || !input.password) return again(400, t('login.required'))
    const result = await login(s, c.get('device'), input)
    if (!result.ok) {
      if (result.reason === 'throttled') {
        c.header('Retry-After', String(result.retryAfterSeconds))
        return again(429, t('login.throttled', { seconds: result.retryAfterSeconds }))
      }
      if (result.reason === 'locked') return again(429, t('login.locked'))
      return again(401, t('login.failed'))
    }
    // A new session id at every login (checklist 11): any session the cookie named ends.
    const replaced = c.get('session')
    if (replaced) await logout(s, actor(c), replaced.id, 'replaced')
    setSessionCookie(c, result.token)
    return c.redirect(result.mustChangePassword ? '/password' : '/', 303)
  })

  // --- sign out ---
  app.post('/logout', allow('session'), async (c) => {
    const session = c.get('session')!
    await logout(c.get('services'), actor(c), session.id, 'logout')
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true })
    // Wipe what the browser kept of patient pages (checklist 29).
    c.header('Clear-Site-Data', '"cache", "storage"')
    return c.render(<SignedOut i18n={c.get('i18n')} />, { title: c.get('i18n').t('logout.done') })
  })

  // --- switch user (shared chair-side terminals) ---
  app.post('/switch-user', allow('session'), async (c) => {
    await logout(c.get('services'), actor(c), c.get('session')!.id, 'switch_user')
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true })
    return c.redirect('/login', 303)
  })

  // --- lock screen ---
  app.get('/lock', allow('session'), (c) => {
    const session = c.get('session')!
    if (!session.locked) return c.redirect('/', 303)
    return c.render(
      <LockForm i18n={c.get('i18n')} csrfToken={c.get('csrfToken')} fullName={session.fullName} />,
      { title: c.get('i18n').t('lock.title') },
    )
  })

  app.post('/lock', allow('session'), async (c) => {
    const s = c.get('services')
    const session = c.get('session')!
    const at = s.now().toISOString()
    await s.db.transaction().execute(async (trx) => {
      await setSessionLocked(trx, session.id, at, at)
      await recordAudit(trx, s.keys.audit, actor(c), {
        action: 'session.lock',
        details: { session: session.id, reason: 'manual' },
      })
    })
    return isHtmx(c)
      ? (c.header('HX-Redirect', '/lock'), c.body(null, 204))
      : c.redirect('/lock', 303)
  })

  app.post('/unlock', allow('session'), async (c) => {
    const s = c.get('services')
    const session = c.get('session')!
    const { password } = await form(c, z.object({ password: z.string().max(1024).default('') }))
    const staff = await findStaffById(s.db, session.staffId)
    const ok = !!staff && (await verifyPassword(staff.password_hash, password))
    const at = s.now().toISOString()
    await s.db.transaction().execute(async (trx) => {
      if (ok) await setSessionLocked(trx, session.id, null, at)
      await recordAudit(trx, s.keys.audit, actor(c), {
        action: 'session.unlock',
        outcome: ok ? 'ok' : 'failed',
        details: { session: session.id },
      })
    })
    if (ok) return c.redirect('/', 303)
    c.status(401)
    return c.render(
      <LockForm
        i18n={c.get('i18n')}
        csrfToken={c.get('csrfToken')}
        fullName={session.fullName}
        error={c.get('i18n').t('login.failed')}
      />,
      { title: c.get('i18n').t('lock.title') },
    )
  })

  // --- own password ---
  app.get('/password', allow('session'), (c) => {
    const session = c.get('session')!
    if (session.locked) return c.redirect('/lock', 303)
    return c.render(
      <PasswordForm
        i18n={c.get('i18n')}
        csrfToken={c.get('csrfToken')}
        login={session.login}
        firstLogin={session.mustChangePassword}
      />,
      { title: c.get('i18n').t('password.title') },
    )
  })

  app.post('/password', allow('session'), async (c) => {
    const s = c.get('services')
    const session = c.get('session')!
    if (session.locked) return c.redirect('/lock', 303)
    const { t } = c.get('i18n')
    const input = await form(c, passwordForm)
    const staff = await findStaffById(s.db, session.staffId)
    const errors: { current?: string; password?: string; repeat?: string } = {}
    if (!staff || !(await verifyPassword(staff.password_hash, input.current))) {
      errors.current = t('password.wrong_current')
    }
    const problem = checkPasswordPolicy(input.password, session.login)
    if (problem) errors.password = t(`password.${problem}`)
    else if (input.password === input.current) errors.password = t('password.same')
    if (input.password !== input.repeat) errors.repeat = t('password.mismatch')
    if (Object.keys(errors).length > 0) {
      await recordAudit(s.db, s.keys.audit, actor(c), {
        action: 'staff.password_change',
        outcome: 'failed',
        details: { reasons: Object.keys(errors).join(',') },
      })
      c.status(422)
      return c.render(
        <PasswordForm
          i18n={c.get('i18n')}
          csrfToken={c.get('csrfToken')}
          login={session.login}
          firstLogin={session.mustChangePassword}
          errors={errors}
        />,
        { title: t('password.title') },
      )
    }
    const hash = await hashPassword(input.password)
    await s.db.transaction().execute(async (trx) => {
      const at = s.now().toISOString()
      await updateStaff(trx, session.staffId, {
        password_hash: hash,
        must_change_password: 0,
        updated_at: at,
      })
      // A session opened elsewhere (perhaps stolen) does not outlive the old password (ASVS 3.3.3).
      await endSessionsOfStaff(trx, session.staffId, at, 'password_changed', session.id)
      await recordAudit(trx, s.keys.audit, actor(c), { action: 'staff.password_change' })
    })
    return c.redirect('/', 303)
  })

  // --- per-user language ---
  app.post('/language', allow('staff'), async (c) => {
    const s = c.get('services')
    const { locale } = await form(c, z.object({ locale: z.enum(['ru', 'en']).default('ru') }))
    await updateStaff(s.db, c.get('session')!.staffId, {
      locale,
      updated_at: s.now().toISOString(),
    })
    return c.redirect('/', 303)
  })

  return app
}
