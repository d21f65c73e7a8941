import {
  compileGroupMailboxPatterns,
  DEFAULT_GROUP_MAILBOX_PATTERNS,
  isGroupMailbox,
  mailboxName,
  mailboxReadings,
} from './group-mailbox';

describe('group mailbox detection (default patterns)', () => {
  it.each([
    ['sitefinityteam@company.com', 'a team mailbox (the policy’s own example)'],
    ['support@company.com', 'the support desk'],
    ['Support@Company.com', 'patterns ignore case'],
    ['techsupport@company.com', 'a support desk under a prefix'],
    ['all-devs@company.com', 'an announcement list'],
    ['all.staff@company.com', 'an announcement list'],
    ['sales@company.com', 'a role mailbox'],
    ['noreply@company.com', 'a no-reply sender'],
    ['no-reply@company.com', 'a no-reply sender'],
    ['info@company.com', 'a role mailbox'],
    ['dev@company.com', 'a role mailbox'],
    ['everyone@company.com', 'a role mailbox'],
    ['web-team@company.com', 'a team mailbox'],
    ['team.berlin@company.com', 'a team mailbox'],
    ['careers@company.com', 'a role mailbox'],
    ['it-helpdesk@company.com', 'a help desk'],
    ['dl-engineering@company.com', 'a distribution-list prefix'],
    ['web-group@company.com', 'a distribution-list suffix'],
    ['support+sitefinity@company.com', 'a +tag does not change the mailbox'],
    ['"support"@company.com', 'quoting the local part does not change the mailbox'],
    ['"Support+cms"@company.com', 'a quoted local part keeps its +tag rule'],
    ['"sup\\port"@company.com', 'a backslash escape inside quotes is the character it escapes'],
    ['" support "@company.com', 'spaces around the quoted name do not hide it'],
    ['"all-devs"@company.com', 'a quoted announcement list'],
    ['ｓｕｐｐｏｒｔ@company.com', 'fullwidth letters read as support'],
    ['𝐬𝐮𝐩𝐩𝐨𝐫𝐭@company.com', 'mathematical bold letters read as support'],
    ['ｓｕｐｐｏｒｔ＋cms@company.com', 'a fullwidth plus is a +tag'],
    ['sup\u200Bport@company.com', 'a zero-width space is not seen'],
    ['sup\u2060port@company.com', 'a word joiner is not seen'],
    ['support\u200D@company.com', 'a zero-width joiner is not seen'],
    ['supp\u00ADort@company.com', 'a soft hyphen is not seen'],
    ['team\u034F@company.com', 'a combining grapheme joiner is not seen'],
    ['"sup\u200Aport"@company.com', 'a hair space inside quotes is not seen'],
    ['support-emea@company.com', 'a regional support desk'],
    ['support.eu@company.com', 'a regional support desk'],
    ['support1@company.com', 'a numbered support desk'],
    ['supportdesk@company.com', 'a support desk'],
    ['teams@company.com', 'a plural role mailbox'],
    ['admins@company.com', 'a plural role mailbox'],
    ['sysadmin@company.com', 'a role mailbox'],
    ['everybody@company.com', 'a role mailbox'],
    ['it-ops@company.com', 'a role mailbox'],
    ['customercare@company.com', 'a customer service desk'],
    ['customer.service@company.com', 'a customer service desk'],
    ['sitefinity-users@company.com', 'a user group'],
  ])('refuses %s (%s)', (email) => {
    expect(isGroupMailbox(email, DEFAULT_GROUP_MAILBOX_PATTERNS)).toBe(true);
  });

  // The tester's addresses (findings F1): each was accepted as a licensed user.
  it.each([
    ['no_reply@company.com', 'any separator reads as "-": no-reply'],
    ['no.reply@company.com', 'any separator reads as "-": no-reply'],
    ['do_not_reply@company.com', 'any separator reads as "-": do-not-reply'],
    ['No__Reply@company.com', 'a run of separators is one, in any case'],
    ['noreply-eu@company.com', 'a regional no-reply sender'],
    ['allstaff@company.com', 'an announcement list run together'],
    ['everyone-de@company.com', 'a role word with a country code'],
    ['mailinglist@company.com', 'a mailing list'],
    ['distribution@company.com', 'a distribution list'],
    ['groups@company.com', 'a group mailbox'],
    ['helpline@company.com', 'a role mailbox'],
    ['hotline@company.com', 'a role mailbox'],
    ['reception@company.com', 'a role mailbox'],
    ['root@company.com', 'the system administrator'],
    ['information@company.com', 'a role mailbox'],
    ['soporte@company.com', 'support, Spanish'],
    ['supporto@company.com', 'support, Italian'],
    ['suporte@company.com', 'support, Portuguese'],
    ['kundendienst@company.com', 'customer service, German'],
    ['kundenservice@company.com', 'customer service, German'],
    ['kontakt@company.com', 'contact, German and Polish'],
    ['contacto@company.com', 'contact, Spanish'],
    ['vertrieb@company.com', 'sales, German'],
    ['ventas@company.com', 'sales, Spanish'],
    ['assistenza@company.com', 'support, Italian'],
    ['wsparcie@company.com', 'support, Polish'],
    ['podpora@company.com', 'support, Czech'],
    ['ondersteuning@company.com', 'support, Dutch'],
    ['equipe@company.com', 'team, French and Portuguese'],
    ['Équipe@company.com', 'accents are dropped before matching'],
    ['equipo@company.com', 'team, Spanish'],
    ['todos@company.com', 'everyone, Spanish and Portuguese'],
    ['alle@company.com', 'everyone, German'],
    ['tous@company.com', 'everyone, French'],
    ['поддержка@company.com', 'support, Russian'],
    ['приёмная@company.com', 'reception, Russian (ё read as е)'],
    ['soporte-tecnico@company.com', 'a role word with a department after it'],
    ['it-soporte@company.com', 'a role word with a department before it'],
    ['vertrieb.dach@company.com', 'a role word with a region'],
    ['ventas2@company.com', 'a numbered role mailbox'],
    ['sales_emea@company.com', 'an English role word with a region'],
    // Latin letters that pass for plain ones (findings F12) read as those.
    ['ꜱupport@company.com', 'a small capital S reads as s'],
    ['ınfo@company.com', 'a dotless i reads as i'],
    ['admın@company.com', 'a dotless i reads as i'],
    ['ꜱoporte@company.com', 'a small capital S in another language'],
  ])('refuses %s (%s)', (email) => {
    expect(isGroupMailbox(email, DEFAULT_GROUP_MAILBOX_PATTERNS)).toBe(true);
  });

  it.each([
    ['jane.doe@company.com', 'an ordinary personal address'],
    ['j.smith@company.co.uk', 'initial and surname'],
    ['teamwork.lead@company.com', '"team" is only refused at the end or before a separator'],
    ['allison@company.com', '"all" is only refused as a bare name or with a separator'],
    ['dev.patel@company.com', 'Dev is a given name; only a bare dev@ is refused'],
    ['jane+team@company.com', 'a +tag does not make a personal mailbox a team'],
    ['sales.manager@company.com', 'one person in a sales role'],
    [
      'supporter.jones@company.com',
      '"support" is refused at the end, or at the start before a separator, digit or "desk"',
    ],
    ['itzel.ops@company.com', 'only a bare it-ops@ is a role mailbox'],
    ['"jane.doe"@company.com', 'a quoted personal name is still a person'],
    ['john.smith@company.com', 'an ordinary personal address'],
    ['maria_soporte@company.com', 'a role word after a name is a person with a role'],
    ['anna-kontakt@company.com', 'a role word after a name is a person with a role'],
    ['ventas.garcia@company.com', 'Ventas is a surname too: a word after it that is no qualifier is a name'],
    ['alla@company.com', 'Alla is a given name'],
    ['kontaktmann@company.com', 'a role word inside a longer word is another word'],
    ['h.r@company.com', 'initials stay initials: only a bare hr@ is a role mailbox'],
    ['иван@company.com', 'a Cyrillic personal name'],
    ['kılıç@company.com', 'a Turkish name with dotless i'],
  ])('accepts %s (%s)', (email) => {
    expect(isGroupMailbox(email, DEFAULT_GROUP_MAILBOX_PATTERNS)).toBe(false);
  });

  it('matches patterns against the mailbox name only, never the domain', () => {
    expect(isGroupMailbox('jane.doe@support.company.com', DEFAULT_GROUP_MAILBOX_PATTERNS)).toBe(false);
    expect(isGroupMailbox('jane.doe@dreamteam', ['team$'])).toBe(false);
  });

  it('accepts every address when the policy lists no patterns', () => {
    expect(isGroupMailbox('support@company.com', [])).toBe(false);
  });
});

describe('mailboxName', () => {
  it('is the local part without a +tag', () => {
    expect(mailboxName('Jane.Doe+cases@company.com')).toBe('Jane.Doe');
  });

  it('is the name as a reader sees it: width and style variants folded, invisible characters gone', () => {
    expect(mailboxName('ｓｕｐｐｏｒｔ@company.com')).toBe('support');
    expect(mailboxName('Ｊａｎｅ\u200B.Doe@company.com')).toBe('Jane.Doe');
  });

  it('is the content of a quoted local part, escapes resolved', () => {
    expect(mailboxName('"odd@name"@company.com')).toBe('odd@name');
    expect(mailboxName('"support"@big.example')).toBe('support');
    expect(mailboxName('"sup\\"port"@big.example')).toBe('sup"port');
    expect(mailboxName('"a\\\\b"@big.example')).toBe('a\\b');
  });
});

describe('mailboxReadings', () => {
  it('is the name as written and its plain reading: lower case, no accents, one "-" for any separators', () => {
    expect(mailboxReadings('No__Reply@company.com')).toEqual(['No__Reply', 'no-reply']);
    expect(mailboxReadings('.do.not.reply.@company.com')).toEqual(['.do.not.reply.', 'do-not-reply']);
    expect(mailboxReadings('équipe@company.com')).toEqual(['équipe', 'equipe']);
  });

  it('is the name alone when its plain reading is the same', () => {
    expect(mailboxReadings('jane-doe@company.com')).toEqual(['jane-doe']);
  });

  it('tests an operator pattern naming one separator against the name as written', () => {
    expect(isGroupMailbox('grp.sales@company.com', ['^grp\\.'])).toBe(true);
    expect(isGroupMailbox('grp_sales@company.com', ['^grp-'])).toBe(true);
  });
});

describe('compileGroupMailboxPatterns', () => {
  it('compiles case-insensitive expressions', () => {
    expect(compileGroupMailboxPatterns(['^ops$']).map((expression) => expression.flags)).toEqual(['i']);
  });

  it('names a malformed pattern, so an operator can fix the policy', () => {
    expect(() => compileGroupMailboxPatterns(['^ok$', '(unclosed'])).toThrow(/"\(unclosed"/);
  });
});
