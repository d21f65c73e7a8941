import { NotAcceptableException } from '@nestjs/common';
import { JSON_ONLY, negotiateFormat, REPORT_FORMATS, requireAcceptableFormat } from './report-format';

const CHROME =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7';
const FIREFOX = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
const SAFARI = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe("negotiateFormat (the daily report's types)", () => {
  it.each([
    ['text/csv', 'text/csv'],
    ['text/csv, application/json', 'text/csv'],
    ['application/json;q=0.5, text/csv', 'text/csv'],
    ['text/*', 'text/csv'],
    ['TEXT/CSV', 'text/csv'],
    ['text/csv; charset=utf-8', 'text/csv'],
    ['text/csv;charset=UTF-8;header=present', 'text/csv'],
    ['text/csv; charset=utf-8; q=0.9, application/json;q=0.5', 'text/csv'],
    ['application/json;q=0.5, text/csv; charset=utf-8', 'text/csv'],
    ['text/csv; note="a, b; c", application/json;q=0.5', 'text/csv'],
    ['*/*, text/csv; charset=utf-8;q=0', 'application/json'],
    ['text/csv; charset=utf-8;q=0.1, application/json', 'application/json'],
    ['application/json; charset=utf-8, text/csv; charset=utf-8', 'application/json'],
    ['text/csv;q=0.1, application/json', 'application/json'],
    ['application/json', 'application/json'],
    ['application/json, text/csv', 'application/json'],
    ['text/*, application/json', 'application/json'],
    ['application/*, text/csv', 'text/csv'],
    ['application/*', 'application/json'],
    ['*/*, text/csv', 'text/csv'],
    ['*/*', 'application/json'],
    [CHROME, 'application/json'],
    [FIREFOX, 'application/json'],
    [SAFARI, 'application/json'],
    ['', 'application/json'],
    [undefined, 'application/json'],
  ])('Accept %p: %p', (accept, format) => {
    expect(negotiateFormat(accept, REPORT_FORMATS)).toBe(format);
  });

  it.each([
    'application/xml',
    'text/plain',
    'application/problem+json',
    'text/csv;q=0',
    'text/csv; charset=utf-8;q=0',
    'application/json;q=0, text/html',
  ])('Accept %p: nothing we serve is acceptable', (accept) => {
    expect(negotiateFormat(accept, REPORT_FORMATS)).toBeUndefined();
  });
});

describe('requireAcceptableFormat', () => {
  const detailOf = (work: () => unknown) => {
    try {
      work();
    } catch (error) {
      if (error instanceof NotAcceptableException) return error.message;
      throw error;
    }
    return undefined;
  };

  it.each([
    undefined,
    '',
    '*/*',
    'application/*',
    'application/json',
    'text/csv, application/json;q=0.1',
    FIREFOX,
  ])('serves a JSON-only read as JSON to Accept %p', (accept) => {
    expect(requireAcceptableFormat(accept, JSON_ONLY, 'The SLA dashboard')).toBe('application/json');
  });

  it.each(['text/csv', 'application/xml', 'text/*', 'application/json;q=0, */*'])(
    'refuses a JSON-only read to Accept %p with 406 saying what it has',
    (accept) => {
      expect(detailOf(() => requireAcceptableFormat(accept, JSON_ONLY, 'The SLA dashboard'))).toBe(
        'The SLA dashboard is available as application/json; Accept does not take it',
      );
    },
  );

  it('refuses the daily report as before, naming both its types', () => {
    expect(
      detailOf(() => requireAcceptableFormat('application/xml', REPORT_FORMATS, 'The daily report')),
    ).toBe('The daily report is available as application/json or text/csv; Accept takes neither');
    expect(requireAcceptableFormat('text/csv', REPORT_FORMATS, 'The daily report')).toBe('text/csv');
  });
});
