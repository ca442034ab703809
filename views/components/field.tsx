import type { Child } from 'hono/jsx'

/** The attributes that tie a control to its hint and error for screen readers. */
export function controlAria(props: { id: string; hint?: string; error?: string }) {
  const described = [props.hint && `${props.id}-hint`, props.error && `${props.id}-error`]
    .filter(Boolean)
    .join(' ')
  return {
    'aria-invalid': props.error ? 'true' : undefined,
    'aria-describedby': described || undefined,
  }
}

/**
 * What every labelled control shares: the wrapper (marked while it shows an error), the
 * label, and the hint and error under the control, with the ids controlAria points at.
 */
export function Labelled(props: {
  id: string
  label: string
  hint?: string
  error?: string
  children: Child
}) {
  return (
    <div class={props.error ? 'field has-error' : 'field'}>
      <label for={props.id}>{props.label}</label>
      {props.children}
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
    </div>
  )
}

/** A labelled input with its error message tied to it for screen readers. */
export function Field(props: {
  id: string
  name: string
  label: string
  type?: string
  value?: string
  error?: string
  hint?: string
  autocomplete?: string
  required?: boolean
  autofocus?: boolean
}) {
  return (
    <Labelled {...props}>
      <input
        id={props.id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        autocomplete={props.autocomplete}
        required={props.required}
        autofocus={props.autofocus}
        {...controlAria(props)}
      />
    </Labelled>
  )
}
