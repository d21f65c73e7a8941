/** Permissions beyond **basic** (which every licensed user always has: log and follow own cases). */
export interface LicensedUserPermissions {
  manageUsers: boolean;
  shareTickets: boolean;
  seeSharedTickets: boolean;
}

export const LICENSED_USER_PERMISSION_NAMES = [
  'manageUsers',
  'shareTickets',
  'seeSharedTickets',
] as const satisfies readonly (keyof LicensedUserPermissions)[];
