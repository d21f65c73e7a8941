import type { LicenceView } from '../api/api-types';
import { permissionsOf } from './licence-forms';

/** A change the licence page sends, and what it announces once it succeeded. */
export interface LicenceRequest {
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** After `/v1/licences/{licenceId}`. */
  path: string;
  body?: unknown;
  done: string;
}

/**
 * The request a licence page form asks for: `key` is the form's (its action, and after a colon the
 * user's email), `licence` the licence the page shows (withdrawing a pending invitation is announced
 * as such, removing a registered user as a removal). Undefined for a key no form has.
 */
export function licenceRequestFor(
  key: string,
  form: FormData,
  licence: LicenceView | undefined,
): LicenceRequest | undefined {
  const text = (name: string) => String(form.get(name) ?? '').trim();
  const reason = text('reason') ? { reason: text('reason') } : {};
  const [action, email = ''] = key.split(/:(.*)/s);
  const userPath = `/users/${encodeURIComponent(email)}`;
  const pending = licence?.users.find((user) => user.email === email)?.status === 'pending';
  switch (action) {
    case 'invite':
      return {
        method: 'POST',
        path: '/users',
        body: {
          email: text('email'),
          firstName: text('firstName'),
          lastName: text('lastName'),
          company: text('company'),
          country: text('country'),
          permissions: permissionsOf(form),
          ...reason,
        },
        done: `Invitation sent to ${text('email')}`,
      };
    case 'permissions':
      return {
        method: 'PATCH',
        path: userPath,
        body: { permissions: permissionsOf(form), ...reason },
        done: `Permissions of ${email} changed`,
      };
    case 'resend':
      return {
        method: 'POST',
        path: `${userPath}/invitation`,
        body: reason,
        done: `Invitation sent to ${email} again`,
      };
    case 'remove':
      return {
        method: 'DELETE',
        path: userPath,
        ...(reason.reason ? { body: reason } : {}),
        done: pending ? `Invitation of ${email} withdrawn` : `${email} removed from the licence`,
      };
    case 'holder':
      return {
        method: 'PUT',
        path: '/holder',
        body: { email: text('email'), ...reason },
        done: `Licence handed over to ${text('email')}`,
      };
    default:
      return undefined;
  }
}
