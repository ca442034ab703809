import type { I18n } from '../../server/i18n/i18n.js'
import { paragraphs } from '../../server/patients/consent-text.js'

/** A filled consent form for printing (the print stylesheet hides everything else). */
export function ConsentPrintPage(props: {
  i18n: I18n
  title: string
  text: string
  version: number
  back: string
}) {
  const { t } = props.i18n
  return (
    <article class="card printable">
      <p class="no-print">
        <a href={props.back}>{t('patients.print.back')}</a>
      </p>
      <h1>{props.title}</h1>
      {paragraphs(props.text).map((lines) => (
        <p>
          {lines.map((line, i) => (
            <>
              {i > 0 && <br />}
              {line}
            </>
          ))}
        </p>
      ))}
      <p class="muted print-version">
        {t('patients.consents.version', { version: props.version })}
      </p>
    </article>
  )
}
