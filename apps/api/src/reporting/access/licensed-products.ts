import { Inject, Injectable } from '@nestjs/common';
import { DomainError, productKey } from '@casetrail/domain';
import type { GlobalPosition } from '@casetrail/eventstore';
import { findEach, type FieldCondition, type ReadModelStore } from '@casetrail/readmodels';
import { LICENCES, type LicenceView } from '@casetrail/readmodels/licences/licences.projection';
import { seesEveryAccount, type Actor } from '../../auth/actor';
import { ProjectionCatchUp } from '../../projections/projection-catch-up';
import { READ_MODEL_STORE } from '../../storage/storage.tokens';

const PAGE = 5_000;

/**
 * A product as the reports take it: every spelling licences recorded for it (they differ only by
 * case or Unicode form, see productKey), as a condition on a stored `product`, and the one spelling
 * the reports show.
 */
export interface ProductSpellings {
  condition: FieldCondition;
  name: string;
}

interface KnownProducts {
  version: GlobalPosition | undefined;
  /** Each spelling licences recorded, with how many licences record it. */
  licences: ReadonlyMap<string, number>;
}

/**
 * The products licences have been issued for, expired ones included: a report filtered by a
 * product no licence ever had (a typo) would be all zeros, the same answer as a quiet product's.
 *
 * The licences read model does not index `product`, so the products are collected by one pass over
 * the licences and kept. A licence never changes its product and is never deleted, so a product
 * once seen stays valid: a look at whether the licences read model changed since (ProjectionCatchUp's
 * version) and a new pass only if it did.
 */
@Injectable()
export class LicensedProducts {
  private known: KnownProducts | undefined;

  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(ProjectionCatchUp) private readonly catchUp: ProjectionCatchUp,
  ) {}

  /**
   * The product in any spelling that differs from a licensed one only by case or Unicode form
   * (histories recorded before the licence decider composed names and refused case variants hold
   * such spellings), or 404 naming `product`. The spelling shown is the one asked for when a licence
   * records it so (a report asked for "Sitefinity" says "Sitefinity", whatever the counts), otherwise
   * the one most licences record, composed. Always looks at the version: a licence of a new spelling
   * must count at once.
   */
  async requireSpellings(product: string): Promise<ProductSpellings> {
    const known = await this.current();
    const spellings = spellingsOf(product, known);
    if (spellings.length === 0) throw productNotFound(product);
    const asked = product.trim().normalize('NFC');
    const name = spellings.some((spelling) => spelling.normalize('NFC') === asked)
      ? asked
      : mostRecorded(spellings, known.licences);
    return { condition: anySpelling(spellings), name };
  }

  /**
   * The same condition for a caller who sees only some cases, without the 404: whether a product is
   * licensed by some account is the vendor's to know, so a product no licence ever had is a
   * condition no case matches, answered as a known product with no visible case is (an empty page,
   * the cursor checked alike).
   */
  async spellingsOrNone(product: string): Promise<FieldCondition> {
    return anySpelling(spellingsOf(product, await this.current()));
  }

  /**
   * The product filter of a list the caller asked for (the case list, the queues): the 404 of a
   * product no licence ever had only for a caller who sees every account and so every licence;
   * anyone scoped to some accounts gets the condition alone, so the answer never tells them
   * whether another customer licenses the product.
   */
  async conditionFor(actor: Actor, product: string): Promise<FieldCondition> {
    return seesEveryAccount(actor)
      ? (await this.requireSpellings(product)).condition
      : this.spellingsOrNone(product);
  }

  /** Every product licences were ever issued for, as recorded: what a new licence's product is checked against. */
  async knownProducts(): Promise<string[]> {
    return [...(await this.current()).licences.keys()];
  }

  /** The products as the licences read model has them now (every event stored so far included). */
  private async current(): Promise<KnownProducts> {
    const version = await this.catchUp.waitForHeadVersion('licences');
    if (version === undefined || this.known?.version !== version) {
      this.known = { version, licences: await this.collectProducts() };
    }
    return this.known;
  }

  private async collectProducts(): Promise<Map<string, number>> {
    const licences = new Map<string, number>();
    for await (const licence of findEach<LicenceView>(this.readModels, LICENCES, {}, PAGE))
      licences.set(licence.product, (licences.get(licence.product) ?? 0) + 1);
    return licences;
  }
}

/** The spellings licences recorded that differ from `product` only by case or Unicode form. */
function spellingsOf(product: string, known: KnownProducts): string[] {
  const key = productKey(product);
  return [...known.licences.keys()].filter((spelling) => productKey(spelling) === key);
}

/** A stored `product` that is one of the spellings; none matches nothing (the store's empty `in`). */
function anySpelling(spellings: string[]): FieldCondition {
  return spellings.length === 1 ? spellings[0] : { in: spellings.sort() };
}

/** The composed spelling most licences record; on a tie, the first in code-point order (stable). */
function mostRecorded(spellings: readonly string[], licences: ReadonlyMap<string, number>): string {
  const counts = new Map<string, number>();
  for (const spelling of spellings) {
    const composed = spelling.normalize('NFC');
    counts.set(composed, (counts.get(composed) ?? 0) + (licences.get(spelling) ?? 0));
  }
  const ranked = [...counts].sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : 1));
  return ranked[0][0];
}

/** A product no licence ever had, in any spelling. */
function productNotFound(product: string): DomainError {
  return new DomainError(
    'product-not-found',
    'not-found',
    `No licence was ever issued for product ${JSON.stringify(product)}`,
    'product',
  );
}
