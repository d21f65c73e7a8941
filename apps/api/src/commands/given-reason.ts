/**
 * The free-text "why" a command carries (`reason`, on the command or its data), for the events'
 * metadata, where the history shows it. Trimmed as the deciders store it in the event's data, so
 * both say the same; blank is none (and the decider refuses it).
 */
export function givenReasonOf(carrier: object | undefined): string | undefined {
  const reason = carrier && 'reason' in carrier ? carrier.reason : undefined;
  return typeof reason === 'string' ? reason.trim() || undefined : undefined;
}
