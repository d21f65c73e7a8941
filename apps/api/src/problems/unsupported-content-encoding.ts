/**
 * The content codings a request body may carry: none. A gzip body was parsed as it came and got a
 * misleading "not valid JSON"; a plain body labelled `br` was stored as if nothing were amiss.
 * Decoding is left out on purpose: bodies are at most 1 MB, and a decoder would need its own limit
 * against decompression bombs for no gain a client can measure.
 */
export const ACCEPTED_CONTENT_CODINGS = 'identity';

/**
 * A body in a content coding the API does not decode: 415, with `Accept-Encoding` saying what it
 * takes (RFC 9110 §15.5.16), which the problem filter writes. Its `statusCode` makes the filter
 * answer it as Fastify's own body refusals (type unsupported-media-type).
 */
export class UnsupportedContentEncodingError extends Error {
  readonly statusCode = 415;
  readonly acceptEncoding = ACCEPTED_CONTENT_CODINGS;

  constructor(codings: string[]) {
    super(
      `Content-Encoding ${codings.join(', ')} is not supported: send the body uncompressed ` +
        `(no Content-Encoding, or ${ACCEPTED_CONTENT_CODINGS})`,
    );
  }
}

/** The refusal for a request's Content-Encoding header, or undefined when it names no coding but identity. */
export function unsupportedContentEncoding(
  header: string | string[] | undefined,
): UnsupportedContentEncodingError | undefined {
  const codings = [header ?? []]
    .flat()
    .flatMap((value) => value.split(','))
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== ACCEPTED_CONTENT_CODINGS);
  return codings.length > 0 ? new UnsupportedContentEncodingError(codings) : undefined;
}
