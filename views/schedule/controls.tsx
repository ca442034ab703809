import type { Child } from 'hono/jsx'

// Form controls the schedule needs beyond components/field.tsx (selects, text areas), with
// the same error wiring: aria-invalid + aria-describedby + a role="alert" message.

function describedBy(id: string, hint?: string, error?: string) {
  return [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined
}

function Messages(props: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {props.hint && (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="error" id={`${props.id}-error`} role="alert">
          {props.error}
        </p>
      )}
    </>
  )
}

export interface Option {
  value: string
  label: string
}

export function SelectField(props: {
  id: string
  name: string
  label: string
  options: readonly Option[]
  value?: string
  /** A first, empty choice ("— choose —"). */
  placeholder?: string
  error?: string
  hint?: string
  required?: boolean
}) {
  return (
    <div class={props.error ? 'field has-error' : 'field'}>
      <label for={props.id}>{props.label}</label>
      <select
        id={props.id}
        name={props.name}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.id, props.hint, props.error)}
      >
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Messages id={props.id} hint={props.hint} error={props.error} />
    </div>
  )
}

export function TextAreaField(props: {
  id: string
  name: string
  label: string
  value?: string
  error?: string
  hint?: string
  maxLength?: number
  required?: boolean
}) {
  return (
    <div class={props.error ? 'field has-error' : 'field'}>
      <label for={props.id}>{props.label}</label>
      <textarea
        id={props.id}
        name={props.name}
        rows={2}
        maxlength={props.maxLength}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.id, props.hint, props.error)}
      >
        {props.value ?? ''}
      </textarea>
      <Messages id={props.id} hint={props.hint} error={props.error} />
    </div>
  )
}

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
