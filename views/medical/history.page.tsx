import type { I18n } from '../../server/i18n/i18n.js'
import type { HistoryEntry } from '../../server/medical/history.js'
import { PatientBanner, type BannerPatient } from './patient-banner.js'

/**
 * Who changed what (947н: the journal of creation, changes and deletion): every revision with
 * its author, terminal and time, and a line diff of each field that changed.
 */
export function HistoryPage(props: {
  i18n: I18n
  patient: BannerPatient
  title: string
  back: { href: string; label: string }
  entries: HistoryEntry[]
}) {
  const { t } = props.i18n
  return (
    <article class="card">
      <PatientBanner i18n={props.i18n} patient={props.patient} current="other" />
      <h1>{props.title}</h1>
      <p class="no-print">
        <a href={props.back.href}>{props.back.label}</a>
      </p>
      {props.entries.length === 0 && <p class="muted">{t('medical.history.empty')}</p>}
      <ol class="revisions" reversed>
        {[...props.entries].reverse().map((e) => (
          <li class="revision" data-testid={`revision-${e.revision}`}>
            <h2 class="revision-head">
              {t('medical.history.revision', { n: e.revision, at: props.i18n.dateTime(e.at) })}{' '}
              {e.status && (
                <span class={`badge badge-${e.status}`}>{t(`medical.status.${e.status}`)}</span>
              )}
            </h2>
            <p class="muted">
              {t('medical.history.who', {
                name: e.author,
                role: roleLabel(props.i18n, e.role),
                device: e.device,
              })}
            </p>
            {e.notes.map((n) => (
              <p class="revision-note">{n}</p>
            ))}
            {e.revision === 1 && <p>{t('medical.history.created')}</p>}
            {e.revision > 1 && e.changes.length === 0 && (
              <p class="muted">{t('medical.history.no_changes')}</p>
            )}
            {e.changes.map((c) => (
              <section class="change">
                <h3>{c.label}</h3>
                <pre class="diff">
                  {c.lines.map((l) =>
                    l.op === 'del' ? (
                      <del>
                        <span class="visually-hidden">{t('medical.history.was')}: </span>
                        {l.text === '' ? ' ' : l.text}
                        {'\n'}
                      </del>
                    ) : l.op === 'add' ? (
                      <ins>
                        <span class="visually-hidden">{t('medical.history.now')}: </span>
                        {l.text === '' ? ' ' : l.text}
                        {'\n'}
                      </ins>
                    ) : (
                      <span>
                        {l.text}
                        {'\n'}
                      </span>
                    ),
                  )}
                </pre>
              </section>
            ))}
          </li>
        ))}
      </ol>
    </article>
  )
}

function roleLabel(i18n: I18n, role: string): string {
  return role === 'owner' || role === 'doctor' || role === 'assistant' || role === 'receptionist'
    ? i18n.t(`role.${role}`)
    : role
}
