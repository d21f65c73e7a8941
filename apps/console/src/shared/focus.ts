/**
 * Where the keyboard goes after the console re-renders (a microtask: these run after it), so a
 * keyboard or screen-reader user is not dropped onto the page's body when what they used goes away.
 */

/**
 * After a refusal is rendered, takes the keyboard (and the screen reader) to the first field in
 * error, or to the alert (role=alert) when no shown field is named, so the refusal is read out
 * rather than left behind a button that was disabled while the request ran (the focus then falls
 * to the page's body and nothing is announced). `within` is the form, or a selector for the part
 * of the page the refusal is shown in when there is no form (a button's action, a card); without
 * either, the page's first alert. Runs after the console's render (a microtask).
 */
export function focusFirstProblem(within: HTMLElement | string | null): void {
  setTimeout(() => {
    const container =
      typeof within === 'string'
        ? document.querySelector<HTMLElement>(within)
        : within?.isConnected
          ? within
          : null;
    const target =
      container?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      container?.querySelector<HTMLElement>('.problem') ??
      container?.closest('.action-body, main')?.querySelector<HTMLElement>('.problem') ??
      document.querySelector<HTMLElement>('main .problem');
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

/**
 * After a form is opened from elsewhere on the page (a notice's button), takes the keyboard to its
 * first field, so the person starts filling it in rather than looking for it.
 */
export function focusFirstField(within: string): void {
  setTimeout(() => {
    document.querySelector(within)?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }, 0);
}

/**
 * After more of a list is loaded, takes the keyboard to the first new entry (`selector`), else to
 * the element of `fallbackId` (the list's heading), so the reader goes on where the list grew.
 */
export function focusAfterRender(selector: string, fallbackId: string): void {
  setTimeout(() => {
    (document.querySelector<HTMLElement>(selector) ?? document.getElementById(fallbackId))?.focus();
  }, 0);
}
