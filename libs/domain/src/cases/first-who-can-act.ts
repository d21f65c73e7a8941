/**
 * The rule that names whom to ask to act on a case: the first of those in line who can still act,
 * each before them passed over (named as passed over, never as the one to ask). Shared by the
 * escalation mails' "Owed by" (statusUpdatesOwer) and the refusal of a closure that would end an
 * escalation (close-case.ts), so the two never send someone to a person who cannot act.
 */
export function firstWhoCanAct<T>(
  inLine: readonly T[],
  personOf: (candidate: T) => string,
  outOfReach: (email: string) => boolean,
): { chosen?: T; passedOver: string[] } {
  const passedOver: string[] = [];
  for (const candidate of inLine) {
    const email = personOf(candidate);
    if (!outOfReach(email)) return { chosen: candidate, passedOver };
    if (!passedOver.includes(email)) passedOver.push(email);
  }
  return { passedOver };
}
