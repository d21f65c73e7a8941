import { IANAZone } from 'luxon';
import { AccountErrors } from './account.errors';

/**
 * The tz database names (2025b) that Node 20's ICU accepts but resolves to another ID, so it cannot
 * spell them: current names it knows under an older one (`Europe/Kyiv` as `Europe/Kiev`,
 * `Asia/Kolkata` as `Asia/Calcutta`) and the backward-compatible links (`US/Eastern`, `Etc/UTC`).
 * Grouped by area: `Area/` followed by the names in it; the last group has no area.
 */
const NAMES_ICU_RESOLVES_ELSEWHERE: readonly string[] = [
  'Africa/ Asmara Timbuktu',
  'America/ Atikokan Atka Ensenada Fort_Wayne Knox_IN Montreal Nipigon Nuuk Pangnirtung Porto_Acre ' +
    'Rainy_River Rosario Santa_Isabel Shiprock Thunder_Bay Virgin Yellowknife',
  'America/Argentina/ Buenos_Aires Catamarca ComodRivadavia Cordoba Jujuy Mendoza',
  'America/Indiana/ Indianapolis',
  'America/Kentucky/ Louisville',
  'Antarctica/ South_Pole',
  'Asia/ Ashkhabad Choibalsan Chongqing Chungking Dacca Harbin Ho_Chi_Minh Istanbul Kashgar Kathmandu ' +
    'Kolkata Macao Tel_Aviv Thimbu Ujung_Pandang Ulan_Bator Yangon',
  'Atlantic/ Faroe Jan_Mayen',
  'Australia/ ACT Canberra Currie LHI NSW North Queensland South Tasmania Victoria West Yancowinna',
  'Brazil/ Acre DeNoronha East West',
  'Canada/ Atlantic Central Eastern Mountain Newfoundland Pacific Saskatchewan Yukon',
  'Chile/ Continental EasterIsland',
  'Etc/ GMT GMT+0 GMT-0 GMT0 Greenwich UCT UTC Universal Zulu',
  'Europe/ Belfast Kyiv Nicosia Tiraspol Uzhgorod Zaporozhye',
  'Mexico/ BajaNorte BajaSur General',
  'Pacific/ Chuuk Johnston Kanton Pohnpei Samoa Yap',
  'US/ Alaska Aleutian Arizona Central East-Indiana Eastern Hawaii Indiana-Starke Michigan Mountain Pacific Samoa',
  'CET CST6CDT Cuba EET EST EST5EDT Egypt Eire GB GB-Eire GMT GMT+0 GMT-0 GMT0 Greenwich HST Hongkong ' +
    'Iceland Iran Israel Jamaica Japan Kwajalein Libya MET MST MST7MDT NZ NZ-CHAT Navajo PRC PST8PDT Poland ' +
    'Portugal ROC ROK Singapore Turkey UCT Universal W-SU WET Zulu',
].flatMap((group) => {
  const [first, ...rest] = group.split(' ');
  return first.endsWith('/') ? rest.map((name) => first + name) : [first, ...rest];
});

/** The current tz names of zones ICU still calls by an older ID (`Europe/Kiev` is `Europe/Kyiv`). */
const CURRENT_NAMES = [
  'Africa/Asmara',
  'America/Argentina/Buenos_Aires',
  'America/Argentina/Catamarca',
  'America/Argentina/Cordoba',
  'America/Argentina/Jujuy',
  'America/Argentina/Mendoza',
  'America/Atikokan',
  'America/Indiana/Indianapolis',
  'America/Kentucky/Louisville',
  'America/Nuuk',
  'Asia/Ho_Chi_Minh',
  'Asia/Kathmandu',
  'Asia/Kolkata',
  'Asia/Yangon',
  'Atlantic/Faroe',
  'Europe/Kyiv',
  'Pacific/Chuuk',
  'Pacific/Kanton',
  'Pacific/Pohnpei',
];

let spellingByLowerCase: ReadonlyMap<string, string> | undefined;
let currentNameByIcuId: ReadonlyMap<string, string> | undefined;

/**
 * Validates an IANA zone name and returns it as given, in its canonical spelling (`europe/kyiv`
 * becomes `Europe/Kyiv`, `Europe/Kiev` stays `Europe/Kiev`), so calendars and read models never see
 * two spellings of one name. ICU's own resolved ID is no answer: Node 20 turns `Europe/Kyiv` into
 * the deprecated `Europe/Kiev`. A zone ID ICU accepts that is not a tz name (`IST`, `PST`) becomes
 * the current tz name of the zone ICU maps it to (`Asia/Kolkata`, `America/Los_Angeles`).
 */
export function canonicalTimeZone(timeZone: string): string {
  const trimmed = timeZone.trim();
  if (!IANAZone.isValidZone(trimmed)) throw AccountErrors.invalidTimeZone(timeZone);
  const icuId = icuIdOf(trimmed);
  if (icuId.toLowerCase() === trimmed.toLowerCase()) return icuId;
  spellingByLowerCase ??= new Map(NAMES_ICU_RESOLVES_ELSEWHERE.map((name) => [name.toLowerCase(), name]));
  currentNameByIcuId ??= new Map(CURRENT_NAMES.map((name) => [icuIdOf(name), name]));
  return spellingByLowerCase.get(trimmed.toLowerCase()) ?? currentNameByIcuId.get(icuId) ?? icuId;
}

function icuIdOf(timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
}
