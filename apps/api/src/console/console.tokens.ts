/** Injection token for the console's ConsoleSettings. */
export const CONSOLE_SETTINGS = Symbol('ConsoleSettings');
