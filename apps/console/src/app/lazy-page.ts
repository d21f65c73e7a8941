import { html, TemplateResult } from 'lit-html';
import { loading, pageHeading, problemAlert } from '../shared/ui';
import type { ConsoleContext, Page } from './page';

/** A page whose code loads on first use (the dashboard and its chart library). */
export class LazyPage implements Page {
  private page?: Page;
  private problem: unknown;
  private disposed = false;

  constructor(
    private readonly context: ConsoleContext,
    private readonly placeholderTitle: string,
    load: () => Promise<Page>,
  ) {
    load()
      .then((page) => {
        if (this.disposed) return page.dispose?.();
        this.page = page;
      })
      .catch((error: unknown) => (this.problem = error))
      .finally(() => this.context.requestRender());
  }

  get title(): string {
    return this.page?.title ?? this.placeholderTitle;
  }

  get ticking(): boolean {
    return this.page?.ticking ?? false;
  }

  template(): TemplateResult {
    if (this.page) return this.page.template();
    return html`${pageHeading(this.placeholderTitle)}
    ${this.problem ? problemAlert(this.problem) : loading('the page')}`;
  }

  dispose(): void {
    this.disposed = true;
    this.page?.dispose?.();
  }
}
