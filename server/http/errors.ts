import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { MessageKey } from '../i18n/messages.js'

/** A refusal the user should see as a translated message with a status. */
export class UserFacingError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly messageKey: MessageKey,
  ) {
    super(status, { message: messageKey })
  }
}

export const forbidden = () => new UserFacingError(403, 'error.forbidden')
export const notFound = () => new UserFacingError(404, 'error.not_found')
