// Which browser origins may call the API (CORS). Refused origins get no CORS headers at all, so
// the browser keeps the response from the page; requests without an Origin (servers, curl) are
// not browsers and CORS does not apply to them. Credentials travel in the Authorization header,
// never in cookies, so credentialed CORS is not offered.
import type { CORSOptions } from 'graphql-yoga';

export function corsPolicy(allowedOrigins: string[] | '*'): (request: Request) => CORSOptions {
  return (request) => {
    const origin = request.headers.get('origin');
    const allowed = allowedOrigins === '*' || (origin !== null && allowedOrigins.includes(origin));
    // No `origin` option: the (checked) request origin is echoed, with `Vary: Origin`.
    return allowed ? { credentials: false, maxAge: 600 } : false;
  };
}
