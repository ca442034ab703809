import { Hono, type Context } from 'hono'
import { FilesPage } from '../../views/medical-files/files.page.js'
import { UploadForm, type UploadValues } from '../../views/medical-files/upload-form.partial.js'
import { recordAudit } from '../audit/audit.service.js'
import { allow, auditActor, can } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { notFound } from '../http/errors.js'
import { isHtmx } from '../http/render.js'
import { isoDate, optionalLine } from '../plans/fields.js'
import { fullName, medicalPatient, pathId, type PatientHeader } from '../plans/medical-access.js'
import { findMedicalFile, listMedicalFiles } from './medical-files.queries.js'
import { storeMedicalFile } from './medical-files.service.js'
import { blobStoreFor } from './store.adapter.js'
import { checkUpload, MEDIA_TYPES } from './upload-check.js'

type Ctx = Context<AppEnv>

const EXT = { jpeg: 'jpg', png: 'png', pdf: 'pdf', dicom: 'dcm' } as const

// The bytes are ours (checked at upload), but a browser opening them directly gets nothing to
// run: no scripts, no frames, no fetches. PDFs skip `sandbox`, which stops Chromium's viewer.
const FILE_CSP =
  "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'"

const bar = (p: PatientHeader) => ({ ...p, full_name: fullName(p) })
const str = (v: unknown) => (typeof v === 'string' ? v : '')

function audit(
  c: Ctx,
  patientId: number,
  action: string,
  details: Record<string, string | number | boolean>,
  outcome: 'ok' | 'failed' = 'ok',
) {
  const s = c.get('services')
  return recordAudit(s.db, s.keys.audit, auditActor(c), {
    action,
    outcome,
    patientId,
    category: 'medical',
    details,
  })
}

/** X-rays, lab results and consent scans of a patient (issue 5, item 4). */
export function medicalFileRoutes() {
  const app = new Hono<AppEnv>()
  const maxMb = (c: Ctx) => Math.floor(c.get('services').config.uploadMaxBytes / (1024 * 1024))

  app.get('/patients/:patientId/files', allow('medical.files.read'), async (c) => {
    const patient = await medicalPatient(c)
    const files = await listMedicalFiles(c.get('services').db, patient.id)
    await audit(c, patient.id, 'medical_file.list', { count: files.length })
    return c.render(
      <FilesPage
        i18n={c.get('i18n')}
        csrfToken={c.get('csrfToken')}
        patient={bar(patient)}
        files={files}
        canUpload={await can(c, 'medical.files.write')}
        maxMb={maxMb(c)}
      />,
      { title: c.get('i18n').t('files.title') },
    )
  })

  app.post('/patients/:patientId/files', allow('medical.files.write'), async (c) => {
    const s = c.get('services')
    const { t } = c.get('i18n')
    const patient = await medicalPatient(c)
    const body = await c.req.parseBody()
    const values: UploadValues = {
      kind: str(body.kind),
      description: str(body.description).slice(0, 2000),
      taken_on: str(body.taken_on).slice(0, 20),
    }
    const errors: Record<string, string> = {}
    const kind = values.kind === 'lab' ? 'lab' : values.kind === 'xray' ? 'xray' : undefined
    if (!kind) errors.kind = t('files.error.kind')
    const description = optionalLine(values.description, 500)
    if (description === undefined) errors.description = t('files.error.description')
    const takenOn = values.taken_on.trim() === '' ? null : isoDate(values.taken_on)
    if (takenOn === undefined) errors.taken_on = t('files.error.date')
    const file = kind ? await checkUpload(body.file, kind, s.config.uploadMaxBytes) : undefined
    if (file && !file.ok) errors.file = t(`files.error.${file.problem}`, { mb: maxMb(c) })
    if (Object.keys(errors).length > 0 || !file?.ok || !kind) {
      await audit(
        c,
        patient.id,
        'medical_file.upload',
        { problem: file && !file.ok ? file.problem : 'form' },
        'failed',
      )
      c.status(422)
      const form = (
        <UploadForm
          i18n={c.get('i18n')}
          csrfToken={c.get('csrfToken')}
          patientId={patient.id}
          values={values}
          errors={errors}
          maxMb={maxMb(c)}
        />
      )
      return isHtmx(c)
        ? c.html(form)
        : c.render(<section class="card">{form}</section>, { title: t('files.title') })
    }
    await storeMedicalFile(
      s.db,
      { store: blobStoreFor(s), auditKey: s.keys.audit, now: s.now() },
      { ...auditActor(c), staffId: c.get('session')!.staffId },
      {
        patientId: patient.id,
        kind,
        file,
        description: description ?? '',
        takenOn: takenOn ?? null,
      },
    )
    const to = `/patients/${patient.id}/files`
    return isHtmx(c) ? (c.header('HX-Redirect', to), c.body(null, 204)) : c.redirect(to, 303)
  })

  const serve = async (c: Ctx, variant: 'original' | 'thumbnail') => {
    const s = c.get('services')
    const patient = await medicalPatient(c)
    const row = await findMedicalFile(s.db, patient.id, pathId(c, 'fileId'))
    const blobId = variant === 'original' ? row?.file_id : row?.thumbnail_file_id
    if (!row || blobId == null) throw notFound()
    // Read (and verify) before auditing: an event says the person saw the file, so it must be true.
    const bytes = await blobStoreFor(s).read(s.db, blobId)
    await audit(c, patient.id, 'medical_file.view', { medical_file: row.id, variant })
    const type = variant === 'thumbnail' ? 'image/jpeg' : MEDIA_TYPES[row.format]
    const download = variant === 'original' && row.format === 'dicom'
    const name = `${row.kind}-${row.id}${variant === 'thumbnail' ? '-thumb.jpg' : `.${EXT[row.format]}`}`
    c.header('Content-Type', type)
    c.header('Content-Disposition', `${download ? 'attachment' : 'inline'}; filename="${name}"`)
    c.header(
      'Content-Security-Policy',
      row.format === 'pdf' && variant === 'original' ? FILE_CSP : `${FILE_CSP}; sandbox`,
    )
    return c.body(new Uint8Array(bytes))
  }

  app.get('/patients/:patientId/files/:fileId', allow('medical.files.read'), (c) =>
    serve(c, 'original'),
  )
  app.get('/patients/:patientId/files/:fileId/thumbnail', allow('medical.files.read'), (c) =>
    serve(c, 'thumbnail'),
  )

  return app
}
