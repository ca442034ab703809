import { Hono, type Context } from 'hono'
import { DocumentPage } from '../../views/patients/document.page.js'
import { DocumentsPage } from '../../views/patients/documents.page.js'
import { fullName } from '../../views/patients/format.js'
import { fileStoreOf } from '../files/file-store.js'
import { saveFile } from '../files/files.service.js'
import { allow, can } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { notFound } from '../http/errors.js'
import {
  findDocument,
  insertDocument,
  listDocuments,
  markDocumentRemoved,
} from './documents.queries.js'
import { sendVerifiedFile } from './file-response.js'
import { auditPatient, pathId, patientFromPath } from './patient-access.js'
import { patientTabs } from './patient-tabs.js'
import { DOCUMENT_KINDS, type DocumentKind, type Patient } from './patients.table.js'
import { megabytes, readMultipart, REFUSAL_MESSAGE, scanProblemMessage } from './upload.js'

type Ctx = Context<AppEnv>

async function renderList(
  c: Ctx,
  patient: Patient,
  state: { kind?: string; error?: string; notice?: string } = {},
) {
  const s = c.get('services')
  return c.render(
    <DocumentsPage
      i18n={c.get('i18n')}
      csrfToken={c.get('csrfToken')}
      patient={patient}
      tabs={await patientTabs(c)}
      documents={await listDocuments(s.db, patient.id)}
      canWrite={await can(c, 'patients.documents.write')}
      maxMb={megabytes(s.config.uploadMaxBytes)}
      {...state}
    />,
    { title: fullName(patient) },
  )
}

async function documentFromPath(c: Ctx, patient: Patient) {
  const docId = pathId(c, 'docId')
  const doc =
    docId === undefined ? undefined : await findDocument(c.get('services').db, patient.id, docId)
  if (!doc) throw notFound()
  return doc
}

/** Identity-document and policy scans: JPEG, PNG or PDF by content, encrypted at rest. */
export function documentRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/patients/:id/documents', allow('patients.documents.read'), async (c) => {
    const patient = await patientFromPath(c)
    await auditPatient(c, c.get('services').db, {
      action: 'patient.documents.view',
      patientId: patient.id,
      category: 'documents',
    })
    const { t } = c.get('i18n')
    const flag = c.req.query('done')
    return renderList(c, patient, {
      notice:
        flag === 'uploaded'
          ? t('patients.documents.uploaded')
          : flag === 'removed'
            ? t('patients.documents.removed')
            : undefined,
    })
  })

  app.post('/patients/:id/documents/upload', allow('patients.documents.write'), async (c) => {
    const s = c.get('services')
    const { t } = c.get('i18n')
    const patient = await patientFromPath(c)
    const { fields, file } = await readMultipart(c, 'file')
    const kind = (fields.kind ?? '') as DocumentKind
    const refuse = async (error: string, reason: string) => {
      await auditPatient(c, s.db, {
        action: 'patient.document.upload',
        outcome: 'failed',
        patientId: patient.id,
        category: 'documents',
        details: { reason },
      })
      c.status(422)
      return renderList(c, patient, { kind, error })
    }
    if (!DOCUMENT_KINDS.includes(kind)) return refuse(t('patients.error.choose'), 'kind')
    if (!file) return refuse(t('patients.documents.error.missing'), 'empty')
    if (file.problem) {
      return refuse(scanProblemMessage(t, file.problem, s.config.uploadMaxBytes), file.problem)
    }
    const saved = await saveFile(
      s.db,
      fileStoreOf(s),
      { data: file.data, at: s.now().toISOString() },
      async (trx, fileId, type) => {
        const id = await insertDocument(trx, {
          patient_id: patient.id,
          file_id: fileId,
          kind,
          original_name: file.name,
          uploaded_at: s.now().toISOString(),
          uploaded_by: c.get('session')!.staffId,
        })
        await auditPatient(c, trx, {
          action: 'patient.document.upload',
          patientId: patient.id,
          category: 'documents',
          details: { document: id, kind, type: type.mediaType },
        })
        return id
      },
    )
    if (!saved.ok) {
      return refuse(
        t(REFUSAL_MESSAGE[saved.reason], { mb: megabytes(s.config.uploadMaxBytes) }),
        saved.reason,
      )
    }
    return c.redirect(`/patients/${patient.id}/documents?done=uploaded`, 303)
  })

  app.get('/patients/:id/documents/:docId', allow('patients.documents.read'), async (c) => {
    const patient = await patientFromPath(c)
    const doc = await documentFromPath(c, patient)
    return c.render(
      <DocumentPage
        i18n={c.get('i18n')}
        patient={patient}
        tabs={await patientTabs(c)}
        document={doc}
      />,
      { title: fullName(patient) },
    )
  })

  app.get('/patients/:id/documents/:docId/file', allow('patients.documents.read'), async (c) => {
    const patient = await patientFromPath(c)
    const doc = await documentFromPath(c, patient)
    return sendVerifiedFile(
      c,
      { id: doc.file_id, name: doc.original_name },
      { action: 'patient.document.view', patientId: patient.id, details: { document: doc.id } },
    )
  })

  app.post(
    '/patients/:id/documents/:docId/remove',
    allow('patients.documents.write'),
    async (c) => {
      const s = c.get('services')
      const patient = await patientFromPath(c)
      const doc = await documentFromPath(c, patient)
      await s.db.transaction().execute(async (trx) => {
        await markDocumentRemoved(trx, doc.id, s.now().toISOString(), c.get('session')!.staffId)
        await auditPatient(c, trx, {
          action: 'patient.document.remove',
          patientId: patient.id,
          category: 'documents',
          details: { document: doc.id },
        })
      })
      return c.redirect(`/patients/${patient.id}/documents?done=removed`, 303)
    },
  )

  return app
}
