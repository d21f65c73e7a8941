import { readAsPlainLatin } from '../shared/confusables';
import { DomainError } from '../shared/domain-error';
import { withoutInvisibleCharacters } from '../shared/unsafe-characters';

/**
 * Group addresses and distribution lists cannot be licensed users (the support portal's vendor
 * agreement requires individual addresses). Detection is configurable policy: each pattern is a
 * case-insensitive regular-expression source tested (`RegExp.test`, so anchor it yourself) against
 * the address's mailbox name, which is the local part without any `+tag` subaddress
 * (`support+cms@x.com` is still the support mailbox; `jane+team@x.com` is still Jane's), once as
 * written and once in its plain reading (see mailboxReadings): lower case, accents dropped and each
 * run of `-`, `_` and `.` read as one `-`, so `no_reply`, `no.reply` and `No--Reply` are all
 * `no-reply`, and one pattern written with `-` covers every separator.
 *
 * The defaults aim at addresses a support manager sees every week while leaving personal names
 * alone: `allison@` is a person (`^all-` needs a separator, or a known list word such as
 * `allstaff`), `dev.patel@` is a person (only a bare `dev@` is refused), `teamwork.lead@` is a person
 * ("team" counts only at the end, or at the start before a separator), `supporter.jones@` is a
 * person ("support" counts at the end, or at the start before a separator, a digit or "desk"). The
 * price is that a person whose mailbox name ends in "team" or "support" is refused too; that is
 * rare, and operators can change the list.
 *
 * Role mailboxes in the major European languages and Russian (ROLE_WORDS) are refused when the
 * name is only the role word (`soporte@`, `kontakt@`, `поддержка@`), or the role word with a
 * department, team, region or number around it (`soporte-tecnico@`, `vertrieb.de@`, `everyone-de@`,
 * `it-soporte@`, `ventas2@`). A role word after another word is read as a person's name with a
 * role (`maria_soporte@`, `anna-kontakt@` are accepted), and so is one before a word that is no
 * qualifier (`ventas.garcia@`: Ventas is a surname too): a person's address starts with a name far
 * more often than a group's ends with a surname-like word, and an operator who wants
 * `kontakt-berlin@` refused adds a pattern.
 */
const ROLE_WORDS = [
  // English
  'info|information|sales|help|admin|contact|contacts|office|everyone|everybody|staff|hello|mail',
  'enquiries|inquiries|billing|invoices?|accounts|accounting|finance|payroll|purchasing|procurement',
  'hr|jobs|careers|recruiting|marketing|press|security|abuse|legal|compliance|privacy|feedback',
  'reception|frontdesk|front-desk|hotline|helpline|operations|orders|newsletter|root|postmaster',
  'webmaster|hostmaster|administrator|service|services|support|helpdesk|servicedesk|notifications',
  'alerts|developers|engineering|devops|groups?|lists?|mailing-?lists?|distribution(-?lists?)?',
  'dist-?lists?',
  // German
  'kundendienst|kundenservice|kundensupport|kundenbetreuung|kontakt|vertrieb|verkauf|buchhaltung',
  'rechnungs?|rechnungen|einkauf|empfang|zentrale|technik|alle|mitarbeiter|presse|datenschutz',
  'bewerbung(en)?|karriere|personalabteilung|keine-?antwort|nicht-?antworten',
  // French
  'assistance|soutien|ventes|commercial|facturation|comptabilite|accueil|tous|equipe',
  'service-?clients?|informations|recrutement|ne-?pas-?repondre|administration|secretariat',
  // Spanish
  'soporte|ayuda|contacto|ventas|informacion|atencion-?(al-?)?cliente|facturacion|contabilidad',
  'administracion|recepcion|todos|equipo|comercial|prensa|rrhh|empleo|no-?responder|soporte-?tecnico',
  // Italian
  'supporto|assistenza|contatti|contatto|vendite|commerciale|informazioni|amministrazione',
  'fatturazione|contabilita|segreteria|ufficio|tutti|servizio-?clienti|assistenza-?clienti',
  // Portuguese
  'suporte|apoio|contato|vendas|atendimento|faturamento|financeiro|informacoes|equipa',
  'nao-?responder',
  // Dutch
  'ondersteuning|klantenservice|verkoop|informatie|administratie|facturatie|boekhouding|iedereen',
  'receptie|allemaal',
  // Polish and Czech
  'wsparcie|pomoc|sprzedaz|biuro|obs[lł]uga(-?klienta)?|ksiegowosc|faktury|wszyscy|zesp[oó][lł]',
  'podpora|obchod|prodej|fakturace|uctarna|vsichni|kancelar|sekretariat',
  // Scandinavian and Finnish
  'kundtjanst|kundeservice|kundservice|salg|forsaljning|ekonomi|okonomi|tuki|asiakaspalvelu|myynti',
  // Russian (and its common Latin spellings); accents are dropped before matching, so no ё or й
  'поддержка|техподдержка|служба-?поддержки|инфо|информация|продажи|отдел-?продаж|контакты?',
  'офис|бухгалтерия|все|команда|приемная|кадры|podderzhka|prodazhi',
].join('|');

/** Department, team and region words that may stand before or after a role word in a group's name. */
const ROLE_QUALIFIERS = [
  'emea|apac|amer|americas|latam|dach|nordics?|benelux|europe|global|intl|international|team|teams',
  'dept|department|desk|group|office|hq|center|centre|it|tech|technical|technik|tecnico|tecnica',
  'customer|customers|client|clients|clientes|clienti|kunden|klanten|web|online|general',
].join('|');

/**
 * A role word with what may qualify it: a qualifier word before it, and after it qualifier words,
 * two-letter country or language codes (`-de`) and numbers (`2`, `-02`).
 */
const QUALIFIED_ROLE_WORD = `^((${ROLE_QUALIFIERS})-)?(${ROLE_WORDS})(-(${ROLE_QUALIFIERS}|[a-z]{2}|\\d+)|\\d+)*$`;

export const DEFAULT_GROUP_MAILBOX_PATTERNS: readonly string[] = [
  // support@, techsupport@, it-support@ (a superset of '^support$').
  'support$',
  // Regional, numbered and desk variants: support-emea@, support.eu@, support1@, supportdesk@.
  '^support([-_.\\d]|desk)',
  // Announcement lists: all-devs@, all.staff@, all_engineers@, and the same run together.
  '^all[-_.]',
  '^all(staff|hands|employees|company|users|members|people|devs|engineers|team|teams)$',
  // Teams: sitefinityteam@, web-team@, team.berlin@.
  'team$',
  '^team[-_.]',
  // Well-known role mailboxes, bare (dev@ and it@ only bare: Dev is a given name).
  '^(info|sales|help|admin|noreply|no-reply|contact|office|it|dev|devs|everyone)$',
  // More role mailboxes: lists, back office, web operations and no-reply senders.
  '^(all|staff|hello|mail|enquiries|inquiries|billing|accounts|finance|hr|jobs|careers|marketing|security|abuse|administrator|webmaster|postmaster|hostmaster|developers|engineering|ops|devops|service|services|donotreply|do-not-reply|notifications|alerts)$',
  // No-reply senders by any separator, alone or qualified: no_reply@, do.not.reply@, noreply-eu@.
  '^(no-?reply|do-?not-?reply|no-?response)(-|\\d|$)',
  // Plurals of the role mailboxes above, and customer service desks by any spelling.
  '^(teams|admins|sysadmins?|everybody|it[-_.]?ops|customer[-_.]?(service|services|care|support|success))$',
  // Role mailboxes in the major European languages and Russian, alone or with a qualifier around
  // the role word (see ROLE_WORDS): soporte@, kontakt@, everyone-de@, it-soporte@, vertrieb.dach@.
  QUALIFIED_ROLE_WORD,
  // User groups: sitefinity-users@, all.members@.
  '[-_.](users|members)$',
  // Help desks: helpdesk@, it-helpdesk@, service-desk@.
  '(help|service)[-_.]?desk$',
  // Distribution-list naming conventions: dl-engineering@, list.devs@, web-group@, sales.dl@.
  '^(dl|list|group)[-_.]',
  '[-_.](dl|list|group)$',
];

/**
 * Compiles policy patterns. A malformed pattern is an operator's configuration error, not bad user
 * input, so it throws a plain Error naming the pattern; the policy loader can call this at start-up.
 */
export function compileGroupMailboxPatterns(patterns: readonly string[]): RegExp[] {
  return patterns.map((source) => {
    try {
      return new RegExp(source, 'i');
    } catch (error) {
      const reason = (error as Error).message;
      throw new Error(`Invalid group-mailbox pattern ${JSON.stringify(source)}: ${reason}`, { cause: error });
    }
  });
}

/**
 * The mailbox name the patterns look at: the local part as a reader sees it, unquoted, without a
 * `+tag` subaddress. A reader sees `ｓｕｐｐｏｒｔ` (fullwidth) or `𝐬𝐮𝐩𝐩𝐨𝐫𝐭` (mathematical bold) as
 * `support`, so the name is NFKC-folded (Unicode's compatibility normalization), and does not see
 * `sup\u200Bport`'s zero-width space, so invisible characters are dropped: judging the spelling
 * instead would let any of them slip a group address through. (requireEmail refuses such addresses
 * anyway; this keeps the rule right on its own.) A quoted local part means its content (RFC 5322
 * 3.2.4: `"support"@x` is `support@x`), so it is unquoted too.
 */
export function mailboxName(email: string): string {
  const at = email.lastIndexOf('@');
  const localPart = asRead(at < 0 ? email : email.slice(0, at));
  return unquoted(localPart.trim()).trim().split('+')[0];
}

/**
 * Text as a reader sees it: invisible characters gone, then width and style variants folded (in
 * that order: NFKC turns a hair space or a no-break space into a plain space, which shows), then
 * Latin letters that pass for plain ones read as those (Unicode's confusables: `ınfo`'s dotless i,
 * `ꜱupport`'s small capital S), so they hide no group address.
 */
function asRead(text: string): string {
  return readAsPlainLatin(withoutInvisibleCharacters(text).normalize('NFKC'));
}

/** A local part's content: quotes dropped, and a backslash escape inside quotes read as the character it escapes. */
function unquoted(localPart: string): string {
  let content = '';
  let quoted = false;
  for (let index = 0; index < localPart.length; index++) {
    const char = localPart[index];
    if (char === '"') {
      quoted = !quoted;
    } else if (quoted && char === '\\') {
      index++;
      content += localPart[index] ?? '';
    } else {
      content += char;
    }
  }
  return content;
}

/**
 * The readings of an address's mailbox name the patterns are tested against: the name as written
 * (mailboxName), and its plain reading, in lower case, without accents (`équipe` is `equipe`,
 * `приёмная` is `приемная`) and with each run of separators (`-`, `_`, `.`) read as one `-`, trimmed
 * at both ends. People and mail systems use the separators interchangeably (`no_reply`,
 * `no.reply`, `no-reply`), so a rule that depended on which one was typed would be a coin toss;
 * the name as written is kept so an operator's pattern that names one separator still works.
 */
export function mailboxReadings(email: string): string[] {
  const name = mailboxName(email);
  const plain = name
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC')
    .replace(/[-_.]+/g, '-')
    .replace(/^-|-$/g, '');
  return plain === name ? [name] : [name, plain];
}

/** Compiled pattern lists by the policy's list, so a check does not compile the list again. */
const compiledPatterns = new WeakMap<readonly string[], RegExp[]>();

function compiledOnce(patterns: readonly string[]): RegExp[] {
  let expressions = compiledPatterns.get(patterns);
  if (!expressions) {
    expressions = compileGroupMailboxPatterns(patterns);
    compiledPatterns.set(patterns, expressions);
  }
  return expressions;
}

export function isGroupMailbox(email: string, patterns: readonly string[]): boolean {
  const readings = mailboxReadings(email);
  return compiledOnce(patterns).some((expression) => readings.some((reading) => expression.test(reading)));
}

/**
 * Refuses a group address or distribution list where one person is meant, with the licensed-user
 * rule's code (group-mailbox-not-allowed) and a message saying why this place needs one person:
 * `onePerson` completes "… looks like a group address or distribution list. …". Everyone behind a
 * list would see what the one person sees and be mailed every update.
 */
export function requireIndividualAddress(
  email: string,
  patterns: readonly string[],
  field: string,
  onePerson: string,
): void {
  if (!isGroupMailbox(email, patterns)) return;
  throw new DomainError(
    'group-mailbox-not-allowed',
    'validation',
    `${email} looks like a group address or distribution list. ${onePerson}`,
    field,
  );
}
