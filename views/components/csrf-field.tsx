/** The hidden CSRF field every form carries, so forms work without JavaScript too. */
export function CsrfField(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />
}
