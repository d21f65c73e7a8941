import type { TemplateResult } from 'lit-html';
import type { ApiClient } from '../api/api-client';
import type { SignedInUser } from '../auth/session';
import type { OwnLicences } from '../licences/own-licences';
import type { ServerClock } from '../shared/server-clock';
import type { Route } from './routes';

/** One screen of the console. Pages hold their own state and ask the app to re-render. */
export interface Page {
  /** The page's heading and the document title. */
  readonly title: string;
  template(): TemplateResult;
  /** True while the page shows countdowns, which the app then re-renders every second. */
  readonly ticking?: boolean;
  dispose?(): void;
}

/** What pages get from the app around them. */
export interface ConsoleContext {
  api: ApiClient;
  user: SignedInUser;
  clock: ServerClock;
  /** A customer's own licences, asked once per sign-in (staff: not asked). */
  licences: OwnLicences;
  requestRender(): void;
  navigate(route: Route): void;
  /** Says something to screen readers (and shows it briefly): "Severity changed". */
  announce(message: string): void;
}
