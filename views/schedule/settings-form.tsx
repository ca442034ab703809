import type { Child } from 'hono/jsx'

export const SETTINGS_ID = 'schedule-settings'

/**
 * A settings form: plain POST without JS; with htmx the answer (the redirected page, or the
 * 422 page) is swapped in by selecting this section, so the server keeps one response.
 */
export function SettingsForm(props: { action: string; class?: string; children?: Child }) {
  return (
    <form
      method="post"
      action={props.action}
      hx-post={props.action}
      hx-target={`#${SETTINGS_ID}`}
      hx-select={`#${SETTINGS_ID}`}
      hx-swap="outerHTML"
      class={props.class}
    >
      {props.children}
    </form>
  )
}
