/**
 * A reader that stops early (`| head`, `| grep -m1`, `| less` then `q`) closes its end of the pipe,
 * and every write after that fails with EPIPE. That is the reader having had enough, not a failure:
 * without a listener Node throws it as an unhandled 'error' event, prints a stack trace and exits
 * with 1, which for the auditor's checks means "evidence of tampering".
 *
 * What we do instead: drop the rest of the output quietly and let the command finish, so it exits
 * with the code its work gives, exactly as without the pipe. The checks (`verify`, `replay`,
 * `export`, `receipt`, ...) reach their verdict before they print it, so finishing costs nothing and
 * their exit code stays the truth about the evidence (0 nothing wrong, 1 tampering found, 2 could not
 * check), whatever part of the output was read; and a command that changes files (`rebuild`,
 * `restore`, `backup`, `demo-data`) is never abandoned halfway because nobody reads its progress.
 * We deliberately do not copy `git log | head`, which dies of SIGPIPE (141 under `set -o pipefail`):
 * a monitoring script told to "alert on any exit but 0" would raise an alarm for a reader that stopped.
 */
export function finishQuietlyWhenReaderStops(stream: NodeJS.WritableStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') return;
    // Any other write error is a real failure: as loud as before.
    throw error;
  });
}
