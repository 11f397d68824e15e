// Request body limits: a CSV import (multipart, up to 20,000 rows) needs megabytes, an operation
// sent as JSON a few kilobytes, and Yoga's `maxRequestBodySize` is one number for both (and its
// cut in a streamed upload comes out of the multipart parser as a 400). So Yoga's is off (app.ts)
// and this plugin holds each kind to its own limit: at once by its Content-Length, else (a
// chunked body) while it streams, answering 413 either way.
import { createGraphQLError, type FetchAPI, type Plugin } from 'graphql-yoga';

function isMultipart(request: Request): boolean {
  return request.headers.get('content-type')?.trimStart().toLowerCase().startsWith('multipart/form-data') ?? false;
}

function invalidContentLength(): Error {
  return createGraphQLError('The Content-Length header is not a number of bytes.', {
    extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
  });
}

function bodyTooLarge(maxBytes: number): Error {
  return createGraphQLError(`The request body is larger than ${maxBytes} bytes.`, {
    extensions: { code: 'REQUEST_ENTITY_TOO_LARGE', http: { status: 413 } },
  });
}

/** The request with a body that fails once more than `maxBytes` have been read. */
function withCountedBody(request: Request, maxBytes: number, fetchAPI: FetchAPI, onExceeded: () => void): Request {
  const body = request.body;
  if (!body) return request;
  // A native stream must be piped through a native TransformStream, Yoga's ponyfill through its own.
  const Transform = body instanceof ReadableStream ? TransformStream : fetchAPI.TransformStream;
  let bytesRead = 0;
  const counted = body.pipeThrough(
    new Transform<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytesRead += chunk.byteLength;
        if (bytesRead <= maxBytes) return controller.enqueue(chunk);
        onExceeded();
        controller.error(bodyTooLarge(maxBytes));
      },
    }),
  );
  // `duplex: 'half'` is required for a streamed body and missing from TypeScript's RequestInit.
  const init: RequestInit & { duplex: 'half' } = {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
    body: counted,
    duplex: 'half',
  };
  return new fetchAPI.Request(request.url, init);
}

export function useBodyLimit({ maxBodyBytes, maxUploadBytes }: { maxBodyBytes: number; maxUploadBytes: number }): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const maxBytes = isMultipart(request) ? maxUploadBytes : maxBodyBytes;
      const declared = request.headers.get('content-length');
      if (declared !== null && !/^\d+$/.test(declared)) throw invalidContentLength();
      if (Number(declared) > maxBytes) throw bodyTooLarge(maxBytes);
      if (!requestParser || !request.body) return;
      const parse = requestParser;
      setRequestParser(async (original) => {
        let exceeded = false;
        try {
          return await parse(withCountedBody(original, maxBytes, fetchAPI, () => (exceeded = true)));
        } catch (error) {
          throw exceeded ? bodyTooLarge(maxBytes) : error;
        }
      });
    },
  };
}
