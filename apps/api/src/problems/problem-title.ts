/**
 * Words of problem codes that are acronyms, written as people write them: `csm-not-staff` reads
 * "CSM not staff", not "Csm not staff". Covers the domain's codes and the HTTP status names the
 * filter titles (HTTP_VERSION_NOT_SUPPORTED, URI_TOO_LONG).
 */
const ACRONYMS: Readonly<Record<string, string>> = {
  api: 'API',
  csm: 'CSM',
  http: 'HTTP',
  id: 'ID',
  ids: 'IDs',
  json: 'JSON',
  jwt: 'JWT',
  oidc: 'OIDC',
  sla: 'SLA',
  smtp: 'SMTP',
  uri: 'URI',
  url: 'URL',
};

/** A problem's `title` from its code: the words of the code, the first capitalised, acronyms in capitals. */
export function titleFromCode(code: string): string {
  const words = code
    .split('-')
    .filter((word) => word !== '')
    .map((word) => ACRONYMS[word] ?? word);
  const sentence = words.join(' ');
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
