/** A labelled textarea with its error tied to it for screen readers. */
export function TextArea(props: {
  id: string
  name: string
  label: string
  value: string
  error?: string
  hint?: string
  rows?: number
}) {
  const described = [props.hint && `${props.id}-hint`, props.error && `${props.id}-error`]
    .filter(Boolean)
    .join(' ')
  return (
    <div class={props.error ? 'field has-error' : 'field'}>
      <label for={props.id}>{props.label}</label>
      <textarea
        id={props.id}
        name={props.name}
        rows={props.rows ?? 3}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={described || undefined}
      >
        {/* A newline right after <textarea> is dropped by parsers; this keeps a leading one. */}
        {`\n${props.value}`}
      </textarea>
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

/** A labelled select; `options` are value/label pairs already translated. */
export function Select(props: {
  id: string
  name: string
  label: string
  value: string
  options: { value: string; label: string }[]
  error?: string
}) {
  return (
    <div class={props.error ? 'field has-error' : 'field'}>
      <label for={props.id}>{props.label}</label>
      <select
        id={props.id}
        name={props.name}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
      >
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
      {props.error && (
        <p class="error" id={`${props.id}-error`} role="alert">
          {props.error}
        </p>
      )}
    </div>
  )
}

/** The form-level message above a refused form. */
export function FormError(props: { message?: string }) {
  return props.message ? (
    <p class="error-box" role="alert">
      {props.message}
    </p>
  ) : null
}
