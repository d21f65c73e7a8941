import { html, nothing, TemplateResult } from 'lit-html';
import { ApiClient } from '../api/api-client';
import type { Page } from '../app/page';
import type { SignInConfig } from '../api/api-types';
import { focusFirstProblem } from '../shared/focus';
import { problemAlert } from '../shared/ui';
import { startOidcSignIn } from './oidc-sign-in';
import { Session } from './session';

export interface SignInOptions {
  config: SignInConfig;
  session: Session;
  /** Where to go once signed in (the hash route the person asked for). */
  returnTo: string;
  /** Why the person is here again, e.g. the token expired. */
  notice?: string;
  /** A failed OIDC round trip. */
  error?: unknown;
  requestRender(): void;
  onSignedIn(): void;
}

/**
 * Embedded mode: paste a token minted by the CLI (`npm run cli -- token`). Production: the OIDC
 * provider's login page.
 */
export class SignInPage implements Page {
  readonly title = 'Sign in';
  private problem: unknown;
  private busy = false;

  constructor(private readonly options: SignInOptions) {
    this.problem = options.error;
  }

  template(): TemplateResult {
    const { config } = this.options;
    return html`<section class="sign-in" aria-labelledby="page-title">
      <div class="sign-in-card">
        <p class="brand brand-large" aria-hidden="true"><span class="brand-mark"></span>Casetrail</p>
        <h1 id="page-title" tabindex="-1">Sign in to the support console</h1>
        ${this.options.notice ? html`<p class="notice" role="status">${this.options.notice}</p>` : nothing}
        ${problemAlert(this.problem)}
        ${config.mode === 'oidc' ? this.oidcForm(config.issuer) : this.tokenForm(config.mode === 'embedded')}
      </div>
    </section>`;
  }

  private oidcForm(issuer: string): TemplateResult {
    return html`<p>
        You sign in with your organisation’s account at <strong>${new URL(issuer).host}</strong>.
      </p>
      <button
        class="button primary wide"
        type="button"
        ?disabled=${this.busy}
        @click=${() => this.startOidc()}
      >
        Continue to sign-in
      </button>`;
  }

  private tokenForm(embedded: boolean): TemplateResult {
    return html`<form class="form" @submit=${(event: SubmitEvent) => this.submitToken(event)}>
      ${
        embedded
          ? html`<p>
              Paste a bearer token. In embedded mode the CLI mints one with the server’s secret:
              <code class="command"
                >npm run -s cli -- token --email you@example.com --roles engineer --name "Your Name"</code
              >
              Customers leave out <code>--roles</code>.
            </p>`
          : html`<p>Paste a bearer token issued by your identity provider.</p>`
      }
      <div class="field">
        <label for="token">Bearer token</label>
        <textarea
          id="token"
          name="token"
          rows="4"
          required
          spellcheck="false"
          autocomplete="off"
          placeholder="eyJhbGciOi…"
        ></textarea>
      </div>
      <button class="button primary wide" type="submit" ?disabled=${this.busy}>
        ${this.busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>`;
  }

  private async submitToken(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const token = String(new FormData(event.target as HTMLFormElement).get('token') ?? '');
    this.busy = true;
    this.problem = undefined;
    this.options.requestRender();
    try {
      this.options.session.signIn(token);
      // The API is the judge of a token: one cheap authenticated read proves it is accepted.
      await new ApiClient({
        token: () => token.trim(),
        onUnauthorized: () => this.options.session.signOut(),
      }).get('/v1/cases', {
        limit: 1,
      });
      this.options.onSignedIn();
    } catch (error) {
      this.options.session.signOut();
      this.problem = error;
      // A refused token names no field: the alert takes the focus from the disabled button.
      focusFirstProblem(null);
    } finally {
      this.busy = false;
      this.options.requestRender();
    }
  }

  private async startOidc(): Promise<void> {
    const { config } = this.options;
    if (config.mode !== 'oidc') return;
    this.busy = true;
    this.options.requestRender();
    try {
      await startOidcSignIn(config, this.options.returnTo);
    } catch (error) {
      this.problem = error;
      focusFirstProblem(null);
      this.busy = false;
      this.options.requestRender();
    }
  }
}
