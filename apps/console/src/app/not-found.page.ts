import { html, TemplateResult } from 'lit-html';
import { pageHeading } from '../shared/ui';
import type { Page } from './page';
import { routeHref } from './routes';

export class NotFoundPage implements Page {
  readonly title = 'Page not found';

  constructor(private readonly path: string) {}

  template(): TemplateResult {
    return html`${pageHeading(this.title)}
      <p>The console has no page at <code>${this.path}</code>.</p>
      <p><a href=${routeHref({ page: 'home' })}>Go to the start page</a></p>`;
  }
}
