/**
 * The line a command that fails prints on stderr: its message, or with LOG_FORMAT=json the same
 * JSON object a line as the logs (`level`, `pid`, `timestamp`, `message`), so a log shipper that
 * reads every line as JSON also reads why the process stopped. Read straight from the environment:
 * the failure may be the configuration itself.
 */
export function fatalLine(message: string, env: NodeJS.ProcessEnv = process.env, now = Date.now()): string {
  if (env.LOG_FORMAT?.trim().toLowerCase() !== 'json') return message;
  return JSON.stringify({ level: 'fatal', pid: process.pid, timestamp: now, message });
}
