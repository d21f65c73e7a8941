/**
 * English locales whose time-zone names ICU knows, each for its own region: en-US names US zones
 * (PST, EDT) but writes Berlin as "GMT+1", en-GB names European ones (CET, BST) but writes Los
 * Angeles as "GMT-8". Asking them in turn gives the name people in the zone's region use.
 */
const REGIONAL_ENGLISH = ['en-US', 'en-CA', 'en-GB', 'en-IE', 'en-AU', 'en-IN', 'en-ZA'];

/** ICU's fallback when a locale has no name for a zone: an offset, "GMT+5:30". */
const GMT_OFFSET = /^GMT([+-]\d{1,2}(?::\d{2})?)$/;

const zoneNameFormats = new Map<string, Intl.DateTimeFormat>();

function zoneNameAt(timeZone: string, locale: string, epochMillis: number): string | undefined {
  const key = `${locale}|${timeZone}`;
  let format = zoneNameFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' });
    zoneNameFormats.set(key, format);
  }
  return format.formatToParts(epochMillis).find((part) => part.type === 'timeZoneName')?.value;
}

/**
 * The zone's abbreviation at that instant ("PDT" in summer, "PST" in winter), or its offset from
 * UTC when no English locale has a name for it ("UTC+9" for Asia/Tokyo). `timeZone` must be valid.
 */
export function zoneAbbreviation(timeZone: string, epochMillis: number): string {
  let offset: string | undefined;
  for (const locale of REGIONAL_ENGLISH) {
    const name = zoneNameAt(timeZone, locale, epochMillis);
    if (!name) continue;
    const gmtOffset = GMT_OFFSET.exec(name);
    if (!gmtOffset) return name;
    // Written as UTC, like the UTC time shown beside it.
    offset ??= `UTC${gmtOffset[1]}`;
  }
  // ICU always writes some name; should it not, the zone's id still says which zone it is.
  return offset ?? timeZone;
}
