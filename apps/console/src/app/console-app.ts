import { html, render } from 'lit-html';
import { ApiClient } from '../api/api-client';
import type { ConsoleConfig } from '../api/api-types';
import { Session } from '../auth/session';
import { SignInPage } from '../auth/sign-in.page';
import { OwnLicences } from '../licences/own-licences';
import { ServerClock } from '../shared/server-clock';
import { appShell } from './app-shell';
import type { ConsoleContext, Page } from './page';
import { createPage } from './page-factory';
import { parseRoute, Route, routeHref } from './routes';

const ANNOUNCEMENT_MS = 6000;
const SESSION_ENDED = 'Your session has ended. Please sign in again.';
/** How often an open page checks that its token has not expired. */
const SESSION_CHECK_MS = 15_000;

/**
 * The console: reads the route from the URL's hash, shows the sign-in page or the page for the
 * route inside the shell, and re-renders (lit-html updates only what changed) when a page asks
 * or, for pages with countdowns, every second.
 */
export class ConsoleApp {
  private readonly api: ApiClient;
  private readonly clock = new ServerClock();
  private page?: Page;
  private route: Route = { page: 'home' };
  private announcement = '';
  private announcementTimer?: ReturnType<typeof setTimeout>;
  private renderQueued = false;
  /** The signed-in customer's licences, and whose they are (a new sign-in asks again). */
  private licences?: { email: string; own: OwnLicences };
  private returnTo = '#/';
  private signInNotice?: string;
  /** After a navigation the heading holds the focus, even when a page re-renders it once loaded. */
  private headingKeepsFocus = false;

  constructor(
    private readonly root: HTMLElement,
    private readonly config: ConsoleConfig,
    private readonly session: Session,
    serverTime?: string,
  ) {
    this.clock.observe(serverTime);
    // lit-html renders beside what is there; the boot message must go.
    root.replaceChildren();
    this.api = new ApiClient({
      token: () => this.session.token(),
      onUnauthorized: () => this.endSession(SESSION_ENDED),
    });
  }

  start(signInError?: unknown): void {
    window.addEventListener('hashchange', () => this.show(true));
    // A page that is only read (a case list) makes no request that would find the token expired.
    window.setInterval(() => {
      if (!this.session.user() && this.page && !(this.page instanceof SignInPage)) this.requestRender();
    }, SESSION_CHECK_MS);
    document.addEventListener('focusin', (event) => {
      if ((event.target as Element | null)?.id !== 'page-title') this.headingKeepsFocus = false;
    });
    setInterval(() => {
      if (this.page?.ticking) this.requestRender();
    }, 1000);
    this.show(false, signInError);
  }

  requestRender(): void {
    if (this.renderQueued) return;
    this.renderQueued = true;
    queueMicrotask(() => {
      this.renderQueued = false;
      this.render();
    });
  }

  private show(moveFocus: boolean, signInError?: unknown): void {
    const route = parseRoute(location.hash);
    const user = this.session.user();
    if (!user) {
      if (route.page !== 'sign-in') this.returnTo = location.hash || '#/';
      if (route.page !== 'sign-in') return this.go({ page: 'sign-in' }, true);
      this.replacePage(route, this.signInPage(signInError));
    } else if (route.page === 'sign-in' || route.page === 'home') {
      return this.go(user.staff ? { page: 'queue', queue: 'open' } : { page: 'cases' }, true);
    } else {
      this.replacePage(route, createPage(route, this.context()));
    }
    this.headingKeepsFocus = moveFocus;
    this.render();
    if (moveFocus) document.getElementById('page-title')?.focus();
  }

  private replacePage(route: Route, page: Page): void {
    this.page?.dispose?.();
    this.route = route;
    this.page = page;
  }

  private render(): void {
    const page = this.page;
    if (!page) return;
    document.title = `${page.title} · Casetrail`;
    const user = this.session.user();
    // The token ran out while a page was open: say so on the sign-in page, which brings the person
    // back here, rather than leave the page without its frame (no navigation, no sign out).
    if (!user && !(page instanceof SignInPage)) {
      this.endSession(SESSION_ENDED);
      return;
    }
    if (page instanceof SignInPage || !user) {
      render(html`<main id="main" class="main main-centred">${page.template()}</main>`, this.root);
      this.keepHeadingFocus();
      return;
    }
    render(
      appShell({
        user,
        licences: user.staff ? undefined : this.ownLicences().items,
        route: this.route,
        page: page.template(),
        announcement: this.announcement,
        onSignOut: () => this.signOut(),
      }),
      this.root,
    );
    this.keepHeadingFocus();
  }

  /**
   * Moves the focus to the page's heading after a navigation, and back to it when a page replaced
   * its heading while loading (the focus would otherwise fall to the document's body).
   */
  private keepHeadingFocus(): void {
    if (!this.headingKeepsFocus) return;
    const heading = document.getElementById('page-title');
    const active = document.activeElement;
    if (heading && active !== heading && (!active || active === document.body)) heading.focus();
  }

  private context(): ConsoleContext {
    return {
      api: this.api,
      user: this.session.user()!,
      clock: this.clock,
      licences: this.ownLicences(),
      requestRender: () => this.requestRender(),
      navigate: (route) => this.go(route),
      announce: (message) => this.announce(message),
    };
  }

  /**
   * The signed-in person's own licences, asked for a customer on the first look after signing in
   * (the navigation needs them) and kept until someone else signs in.
   */
  private ownLicences(): OwnLicences {
    const user = this.session.user();
    const email = user?.email ?? '';
    if (this.licences?.email !== email) {
      const own = new OwnLicences(this.api, () => this.requestRender());
      this.licences = { email, own };
      // Unread, the navigation offers New case all the same and the page and the API decide.
      if (user && !user.staff) void own.load().catch(() => undefined);
    }
    return this.licences.own;
  }

  private signInPage(error?: unknown): SignInPage {
    const notice = this.signInNotice;
    this.signInNotice = undefined;
    return new SignInPage({
      config: this.config.signIn,
      session: this.session,
      returnTo: this.returnTo,
      notice,
      error,
      requestRender: () => this.requestRender(),
      onSignedIn: () => this.go(parseRoute(this.returnTo), true),
    });
  }

  private go(route: Route, replace = false): void {
    const href = routeHref(route);
    if (location.hash === href) return this.show(true);
    if (replace) {
      history.replaceState(null, '', href);
      this.show(true);
    } else {
      location.hash = href;
    }
  }

  private announce(message: string): void {
    this.announcement = message;
    clearTimeout(this.announcementTimer);
    this.announcementTimer = setTimeout(() => {
      this.announcement = '';
      this.requestRender();
    }, ANNOUNCEMENT_MS);
    this.requestRender();
  }

  private signOut(): void {
    this.session.signOut();
    this.licences = undefined;
    this.returnTo = '#/';
    this.go({ page: 'sign-in' });
  }

  private endSession(notice: string): void {
    if (!this.session.user() && this.page instanceof SignInPage) return;
    this.session.signOut();
    this.licences = undefined;
    this.signInNotice = notice;
    this.returnTo = location.hash || '#/';
    this.go({ page: 'sign-in' }, true);
  }
}
