import type { LicenceListItem } from '../api/api-types';

/** How the console names a customer's licence: "Acme Retail · Sitefinity · Online Marketing License (enterprise)". */
export function licenceLabel(licence: LicenceListItem): string {
  const account = licence.accountName ? `${licence.accountName} · ` : '';
  return `${account}${licence.product} · ${licence.edition} (${licence.plan})`;
}
