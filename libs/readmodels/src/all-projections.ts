import { accountsProjection } from './accounts/accounts.projection';
import { casesProjection } from './cases/cases.projection';
import { licencesProjection } from './licences/licences.projection';
import { reportingProjection } from './reporting/reporting.projection';
import type { Projection } from './projections/projection';

/** Every projection the product runs, in the API (embedded mode), the projector and the CLI. */
export const ALL_PROJECTIONS: readonly Projection[] = [
  accountsProjection,
  licencesProjection,
  casesProjection,
  reportingProjection,
];
