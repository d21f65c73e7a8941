import { ConsoleApp } from './app/console-app';
import type { ConsoleConfig } from './api/api-types';
import { completeOidcSignIn } from './auth/oidc-sign-in';
import { Session } from './auth/session';
import { useSeverityNames } from './shared/labels';

/**
 * Boot: ask the API how people sign in (and the policy's severity names), finish an OIDC round trip if the provider just sent the
 * browser back, then start the app.
 */
async function boot(root: HTMLElement): Promise<void> {
  const response = await fetch('/console/config', {
    headers: { accept: 'application/json' },
    cache: 'no-store',
  });
  if (!response.ok) throw new Error(`The API did not answer /console/config (${response.status})`);
  const config = (await response.json()) as ConsoleConfig;
  useSeverityNames(config.severities ?? []);
  const session = new Session(sessionStorage);
  let signInError: unknown;
  if (config.signIn.mode === 'oidc') {
    try {
      const completed = await completeOidcSignIn(config.signIn);
      if (completed) {
        session.signIn(completed.token);
        history.replaceState(null, '', completed.returnTo || '#/');
      }
    } catch (error) {
      signInError = error;
    }
  }
  new ConsoleApp(root, config, session, config.serverTime).start(signInError);
}

const root = document.getElementById('app')!;
boot(root).catch((error: unknown) => {
  root.textContent = `The console could not start: ${error instanceof Error ? error.message : String(error)}`;
});
