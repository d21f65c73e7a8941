import { html, TemplateResult } from 'lit-html';

/** The filter fields the queues and the escalations board share, as the API names them. */

export function severityFilterField(selected: number | undefined): TemplateResult {
  return html`<div class="field">
    <label for="filter-severity">Severity</label>
    <select id="filter-severity" name="severity">
      <option value="" ?selected=${!selected}>Any</option>
      ${[1, 2, 3].map(
        (severity) =>
          html`<option value=${severity} ?selected=${selected === severity}>S${severity}</option>`,
      )}
    </select>
  </div>`;
}

/** A product, offering those seen so far (the API has no list of them for staff). */
export function productFilterField(value: string | undefined, known: ReadonlySet<string>): TemplateResult {
  return html`<div class="field">
    <label for="filter-product">Product</label>
    <input
      id="filter-product"
      name="product"
      list="known-products"
      .value=${value ?? ''}
      placeholder="Any product"
    />
    <datalist id="known-products">
      ${[...known].sort().map((product) => html`<option value=${product}></option>`)}
    </datalist>
  </div>`;
}

/** The page size, from `sizes` and the one in use (a link may carry another the API allows). */
export function pageSizeField(pageSize: number, sizes: readonly number[]): TemplateResult {
  return html`<div class="field">
    <label for="filter-limit">Per page</label>
    <select id="filter-limit" name="limit">
      ${[...new Set([...sizes, pageSize])]
        .sort((a, b) => a - b)
        .map((size) => html`<option value=${size} ?selected=${size === pageSize}>${size}</option>`)}
    </select>
  </div>`;
}
