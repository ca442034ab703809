import type { Child } from 'hono/jsx'

// The schedule's htmx form wrapper. Selects and text areas: views/components/form-controls.tsx.

/** An htmx-enhanced POST form: a plain form without JS, a swap of `target` with it. */
export function HxForm(props: {
  action: string
  target: string
  class?: string
  children?: Child
}) {
  return (
    <form
      method="post"
      action={props.action}
      hx-post={props.action}
      hx-target={`#${props.target}`}
      hx-swap="outerHTML"
      class={props.class}
    >
      {props.children}
    </form>
  )
}
