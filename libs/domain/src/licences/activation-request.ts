/**
 * The request that completes an invited user's registration, as the invitation mail, GET
 * /v1/licences and the refusals name it. The email stays readable: "@" may stand in a path segment
 * (RFC 3986); anything else that could shift it into another segment is escaped.
 */
export function activationPath(licenceId: string, email: string): string {
  const segment = (value: string) => encodeURIComponent(value).replace(/%40/g, '@');
  return `/v1/licences/${segment(licenceId)}/users/${segment(email)}/activation`;
}
