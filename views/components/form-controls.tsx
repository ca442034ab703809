import type { Child } from 'hono/jsx'

// Labelled select, text-area and file inputs with their error tied to them, in the manner of
// components/field.tsx (which covers text inputs): aria-invalid + aria-describedby + a
// role="alert" message. Shared by patients, medical records, plans, schedule, billing, stock,
// prices and medical files.

/** The ids of the hint and error paragraphs that describe the control, if any. */
function describedBy(id: string, hint?: string, error?: string) {
  return [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined
}

/** The hint and the error under a control, with the ids describedBy points at. */
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

/** A labelled select with an optional empty first choice and its error tied to it. */
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

/** A labelled multi-line text field (4 rows unless told) with its error tied to it. */
export function TextAreaField(props: {
  id: string
  name: string
  label: string
  value?: string
  error?: string
  hint?: string
  rows?: number
  maxLength?: number
  required?: boolean
  /** Write a newline before the value, which parsers drop, so a value's own leading one survives. */
  leadingNewline?: boolean
}) {
  return (
    <div class={props.error ? 'field has-error' : 'field'}>
      <label for={props.id}>{props.label}</label>
      <textarea
        id={props.id}
        name={props.name}
        rows={props.rows ?? 4}
        maxlength={props.maxLength}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.id, props.hint, props.error)}
      >
        {props.leadingNewline ? `\n${props.value ?? ''}` : (props.value ?? '')}
      </textarea>
      <Messages id={props.id} hint={props.hint} error={props.error} />
    </div>
  )
}

/** A labelled file input limited to `accept`, with its error tied to it. */
export function FileField(props: {
  id: string
  name: string
  label: string
  accept: string
  error?: string
  hint?: string
  required?: boolean
}) {
  return (
    <div class={props.error ? 'field has-error' : 'field'}>
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        name={props.name}
        type="file"
        accept={props.accept}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.id, props.hint, props.error)}
      />
      <Messages id={props.id} hint={props.hint} error={props.error} />
    </div>
  )
}

/** A form's summary message above its fields, announced when the form re-renders with errors. */
export function FormError(props: { message?: string; children?: Child }) {
  if (!props.message) return null
  return (
    <p class="form-error" role="alert">
      {props.message}
    </p>
  )
}
