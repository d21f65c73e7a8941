import { html, nothing, TemplateResult } from 'lit-html';
import type { LicensedUserPermissions, LicensedUserView } from '../api/api-types';
import { fieldError, invalid, problemAlert, textField } from '../shared/ui';
import { PERMISSION_HINT, PERMISSION_LABEL, PERMISSIONS } from './licence-admin-labels';
import type { UserEntryOffers } from './licence-offers';

/**
 * The licence page's forms (invite, change permissions, remove or withdraw, send again, hand over),
 * each a disclosure as the case page's actions are, with the API's refusal beside the field it
 * names. The page keeps their state; `FormHost` is what a form needs of it.
 */
export interface FormHost {
  problem(key: string): unknown;
  isOpen(key: string): boolean;
  toggled(key: string, open: boolean): void;
  /** A form is being sent (every submit button waits). */
  readonly busy: string | undefined;
  submit(key: string, event: SubmitEvent): void;
}

/**
 * A form inside a disclosure; `fields`: those it shows, whose complaints are printed beside them.
 * `whose`: the user a per-user form acts on, added to its summary's and button's accessible names
 * (visually hidden), so that a screen-reader or voice-control user can tell the users' controls apart.
 */
export function disclosure(
  host: FormHost,
  key: string,
  summary: string,
  body: TemplateResult,
  fields: readonly string[],
  submitLabel: string,
  whose?: string,
): TemplateResult {
  const hidden = whose ? html`<span class="visually-hidden">, ${whose}</span>` : nothing;
  return html`<details
    class="action"
    data-form=${key}
    ?open=${host.isOpen(key)}
    @toggle=${(event: Event) => host.toggled(key, (event.target as HTMLDetailsElement).open)}
  >
    <summary>${summary}${hidden}</summary>
    <div class="action-body">
      ${problemAlert(host.problem(key), fields)}
      <form class="form" novalidate @submit=${(event: SubmitEvent) => host.submit(key, event)}>
        ${body}
        <div class="form-actions">
          <button class="button primary" type="submit" ?disabled=${host.busy !== undefined}>
            ${host.busy === key ? 'Working…' : submitLabel}${hidden}
          </button>
        </div>
      </form>
    </div>
  </details>`;
}

/**
 * The three permissions as checkboxes, each with what it allows; `idPrefix` keeps ids unique on the
 * page. `manageUsersReserved`: why the viewer may not give manage users (a delegate), said under
 * the box, which is then disabled (and so sends nothing: the permission stays off).
 */
function permissionBoxes(
  problem: unknown,
  idPrefix: string,
  current?: LicensedUserPermissions,
  manageUsersReserved?: string,
  whose?: string,
): TemplateResult {
  return html`<fieldset class="field permission-boxes">
    <legend>Permissions <span class="optional">(basic access always comes with them)</span></legend>
    ${PERMISSIONS.map(
      (permission) =>
        html`<div class="permission">
          <label class="inline" for=${`${idPrefix}-${permission}`}
            ><input
              id=${`${idPrefix}-${permission}`}
              type="checkbox"
              name=${permission}
              ?checked=${current?.[permission] === true}
              ?disabled=${permission === 'manageUsers' && manageUsersReserved !== undefined}
              aria-describedby=${`${idPrefix}-${permission}-hint`}
            />
            ${PERMISSION_LABEL[permission]}${whose ? html`<span class="visually-hidden">, ${whose}</span>` : nothing}</label
          >
          <p class="hint" id=${`${idPrefix}-${permission}-hint`}>
            ${(permission === 'manageUsers' && manageUsersReserved) || PERMISSION_HINT[permission]}
          </p>
        </div>`,
    )}
    ${fieldError(problem, 'permissions', `${idPrefix}-permissions-error`)}
  </fieldset>`;
}

/** An optional reason, recorded with the change and shown in the log of changes to users. */
export function reasonField(problem: unknown, id: string): TemplateResult {
  return html`<div class="field">
    <label for=${id}>Reason <span class="optional">(optional, shown in the log of changes)</span></label>
    <textarea
      id=${id}
      name="reason"
      rows="2"
      maxlength="2000"
      aria-invalid=${invalid(problem, 'reason')}
      aria-describedby=${`${id}-error`}
    ></textarea>
    ${fieldError(problem, 'reason', `${id}-error`)}
  </div>`;
}

export function inviteForm(host: FormHost, manageUsersReserved?: string): TemplateResult {
  const problem = host.problem('invite');
  return disclosure(
    host,
    'invite',
    'Invite a user',
    html`${textField(problem, { id: 'invite-email', name: 'email', label: 'Email (an individual address, not a group mailbox)', type: 'email', maxlength: 254 })}
    ${textField(problem, { id: 'invite-first-name', name: 'firstName', label: 'First name', maxlength: 100 })}
    ${textField(problem, { id: 'invite-last-name', name: 'lastName', label: 'Last name', maxlength: 100 })}
    ${textField(problem, { id: 'invite-company', name: 'company', label: 'Company', maxlength: 200 })}
    ${textField(problem, { id: 'invite-country', name: 'country', label: 'Country', maxlength: 100 })}
    ${permissionBoxes(problem, 'invite', undefined, manageUsersReserved)}
    ${reasonField(problem, 'invite-reason')}`,
    ['email', 'firstName', 'lastName', 'company', 'country', 'permissions', 'reason'],
    'Send invitation',
  );
}

/**
 * A user's own forms, those `offers` allows (what is reserved said instead); `index` keeps their
 * controls' ids apart from the other users'.
 */
export function userForms(
  host: FormHost,
  user: LicensedUserView,
  index: number,
  offers: UserEntryOffers,
  manageUsersReserved?: string,
): TemplateResult {
  const pending = user.status === 'pending';
  const permissionsKey = `permissions:${user.email}`;
  const removeKey = `remove:${user.email}`;
  const resendKey = `resend:${user.email}`;
  const whose = userName(user);
  return html`${offers.reserved ? html`<p class="muted licence-user-reserved">${offers.reserved}</p>` : nothing}
  ${
    offers.changePermissions
      ? disclosure(
          host,
          permissionsKey,
          'Change permissions',
          html`${permissionBoxes(host.problem(permissionsKey), `user-${index}`, user.permissions, manageUsersReserved, whose)}
          ${reasonField(host.problem(permissionsKey), `user-${index}-permissions-reason`)}`,
          ['permissions', 'reason'],
          'Save permissions',
          whose,
        )
      : nothing
  }
  ${
    offers.resend
      ? disclosure(
          host,
          resendKey,
          'Send the invitation again',
          html`<p class="muted">${user.email} is mailed the invitation again; it keeps its first date.</p>
            ${reasonField(host.problem(resendKey), `user-${index}-resend-reason`)}`,
          ['reason'],
          'Send again',
          whose,
        )
      : nothing
  }
  ${
    offers.remove
      ? disclosure(
          host,
          removeKey,
          pending ? 'Withdraw the invitation' : 'Remove from the licence',
          html`<p class="muted">
              ${
                pending
                  ? `${user.email} can no longer complete the registration; the seat is free again.`
                  : `${user.email} can no longer log cases on this licence; the seat is free again.`
              }
            </p>
            ${reasonField(host.problem(removeKey), `user-${index}-remove-reason`)}`,
          ['reason'],
          pending ? 'Withdraw invitation' : 'Remove user',
          whose,
        )
      : nothing
  }`;
}

/** "Kim Lee (kim@acme.example)": whose entry a control acts on. */
function userName(user: Pick<LicensedUserView, 'email' | 'firstName' | 'lastName'>): string {
  const name = `${user.firstName} ${user.lastName}`.trim();
  return name ? `${name} (${user.email})` : user.email;
}

/** The holder hands the licence to an active user of it (their powers move; their own user entry stays). */
export function handOverForm(host: FormHost): TemplateResult {
  const problem = host.problem('holder');
  return disclosure(
    host,
    'holder',
    'Hand the licence over to a new holder',
    html`<p class="muted">
        The new holder must be a registered user of this licence. You keep your own user entry, if you have
        one, but no longer administer the licence unless you manage users.
      </p>
      ${textField(problem, { id: 'holder-email', name: 'email', label: 'New holder’s email', type: 'email', maxlength: 254 })}
      ${reasonField(problem, 'holder-reason')}`,
    ['email', 'reason'],
    'Hand over',
  );
}

/** The permissions a form's checkboxes say. */
export function permissionsOf(form: FormData): LicensedUserPermissions {
  return {
    manageUsers: form.get('manageUsers') === 'on',
    shareTickets: form.get('shareTickets') === 'on',
    seeSharedTickets: form.get('seeSharedTickets') === 'on',
  };
}
