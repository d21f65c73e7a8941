/**
 * Where the keyboard goes after the console re-renders (a microtask: these run after it), so a
 * keyboard or screen-reader user is not dropped onto the page's body when what they used goes away.
 */

/**
 * After a refusal is rendered, takes the keyboard (and the screen reader) to the first field in
 * error, or to the alert when no shown field is named. Runs after the console's render (a microtask).
 */
export function focusFirstProblem(form: HTMLElement | null): void {
  setTimeout(() => {
    const container = form?.isConnected ? form : undefined;
    const target =
      container?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      container?.closest('.action-body, main')?.querySelector<HTMLElement>('.problem');
    target?.focus();
  }, 0);
}

/**
 * After a successful action, takes the focus to the heading of the section it changed (or the
 * page's heading when that section is gone), not the body: the closed form or the vanished button
 * held it, and the next Tab would start again at the top bar.
 */
export function focusHeadingAfterChange(headingId: string): void {
  setTimeout(() => {
    const heading = document.getElementById(headingId) ?? document.getElementById('page-title');
    heading?.focus();
  }, 0);
}
