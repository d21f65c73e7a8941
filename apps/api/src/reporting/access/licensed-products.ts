import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@casetrail/domain';
import type { GlobalPosition } from '@casetrail/eventstore';
import { findEach, type ReadModelStore } from '@casetrail/readmodels';
import { LICENCES, type LicenceView } from '@casetrail/readmodels/licences/licences.projection';
import { ProjectionCatchUp } from '../../projections/projection-catch-up';
import { READ_MODEL_STORE } from '../../storage/storage.tokens';

const PAGE = 5_000;

/**
 * The products licences have been issued for, expired ones included: a report filtered by a
 * product no licence ever had (a typo, another spelling: products are compared exactly) would be
 * all zeros, the same answer as a quiet product's.
 *
 * The licences read model does not index `product`, so the products are collected by one pass over
 * the licences and kept. A licence never changes its product and is never deleted, so a product
 * once seen stays valid: only a product not seen yet costs anything, a look at whether the licences
 * read model changed since (ProjectionCatchUp's version) and a new pass if it did.
 */
@Injectable()
export class LicensedProducts {
  private known: { version: GlobalPosition | undefined; products: ReadonlySet<string> } | undefined;

  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(ProjectionCatchUp) private readonly catchUp: ProjectionCatchUp,
  ) {}

  /** 404 naming `product` unless some licence was ever issued for it. */
  async requireLicensed(product: string): Promise<void> {
    if (this.known?.products.has(product)) return;
    const version = await this.catchUp.waitForHeadVersion('licences');
    if (version === undefined || this.known?.version !== version) {
      this.known = { version, products: await this.collectProducts() };
    }
    if (this.known.products.has(product)) return;
    throw productNotFound(product, this.known.products);
  }

  private async collectProducts(): Promise<Set<string>> {
    const products = new Set<string>();
    for await (const licence of findEach<LicenceView>(this.readModels, LICENCES, {}, PAGE))
      products.add(licence.product);
    return products;
  }
}

/** Names the product meant when only case or surrounding spaces differ ("sitefinity" for "Sitefinity"). */
function productNotFound(product: string, known: ReadonlySet<string>): DomainError {
  const loosely = (name: string) => name.trim().toLowerCase();
  const meant = [...known].find((name) => loosely(name) === loosely(product));
  return new DomainError(
    'product-not-found',
    'not-found',
    `No licence was ever issued for product ${JSON.stringify(product)}` +
      (meant !== undefined ? `; did you mean ${JSON.stringify(meant)}?` : ''),
    'product',
  );
}
