import type { Child } from 'hono/jsx'
import type { I18n } from '../../server/i18n/i18n.js'

/**
 * A standalone A4 document (print CSS in app.css) without the app's navigation: what goes on
 * paper is the card only. The print button is wired by /static/print.js (no inline script).
 */
export function MedicalPrintDocument(props: {
  i18n: I18n
  title: string
  backHref: string
  children?: Child
}) {
  const { t } = props.i18n
  return (
    <html lang={props.i18n.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <link rel="stylesheet" href="/static/app.css" />
        <script src="/static/print.js" defer></script>
      </head>
      <body class="print-doc">
        <nav class="print-controls no-print" aria-label={t('medical.print.controls')}>
          <a href={props.backHref}>{t('medical.card.back')}</a>{' '}
          <button type="button" data-print>
            {t('medical.print.button')}
          </button>{' '}
          <span class="muted">{t('medical.print.hint')}</span>
        </nav>
        <main class="a4 medical-print">{props.children}</main>
      </body>
    </html>
  )
}
