import type { I18n } from '../../server/i18n/i18n.js'
import { PrintDocument } from './print-layout.js'

/** An ИДС filled from its template, ready to sign on paper. The text is plain (escaped). */
export function IdsPrintPage(props: {
  i18n: I18n
  clinicName: string
  title: string
  text: string
  backHref: string
  signerName: string
  doctorName: string
}) {
  const { t } = props.i18n
  return (
    <PrintDocument i18n={props.i18n} title={props.title} backHref={props.backHref}>
      <p class="doc-clinic">{props.clinicName}</p>
      <h1>{props.title}</h1>
      {props.text.split(/\n{2,}/).map((para) => (
        <p class="doc-para">{para}</p>
      ))}
      <div class="signatures">
        <p>{t('ids.print_signer', { name: props.signerName })}</p>
        <p>{t('ids.print_doctor', { name: props.doctorName })}</p>
      </div>
    </PrintDocument>
  )
}
