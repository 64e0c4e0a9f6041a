/**
 * The fake GitHub's HTTP answers (tools/github/fake-github.ts): JSON responses, and the ways GitHub
 * and networks fail that a test can queue (5xx, hangs, rate limits, malformed bodies, echoed credentials).
 */
import http from 'node:http';

/** Ways the next request(s) can fail. */
export type FakeFailure =
  | { type: 'status'; status: number; message?: string }
  | { type: 'hang' }
  | { type: 'secondary-rate-limit'; status: 403 | 429; retryAfter: number }
  | { type: 'rate-limited'; resetInSeconds: number }
  | { type: 'malformed-json' }
  | { type: 'graphql-error'; message: string }
  | { type: 'echo-authorization'; status: number };

export function takeFailure(failures: Array<{ failure: FakeFailure; remaining: number }>): FakeFailure | undefined {
  const next = failures[0];
  if (next === undefined) return undefined;
  next.remaining -= 1;
  if (next.remaining <= 0) failures.shift();
  return next.failure;
}

export function respondWithFailure(failure: FakeFailure, response: http.ServerResponse, authorization: string | undefined): void {
  switch (failure.type) {
    case 'status':
      sendJson(response, failure.status, { message: failure.message ?? http.STATUS_CODES[failure.status] ?? 'error' });
      return;
    case 'hang':
      // Never answer; the client's timeout has to fire. close() destroys the socket.
      return;
    case 'secondary-rate-limit':
      sendJson(
        response,
        failure.status,
        {
          message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
          documentation_url:
            'https://docs.github.com/graphql/overview/rate-limits-and-node-limits-for-the-graphql-api#secondary-rate-limits',
        },
        { 'retry-after': String(failure.retryAfter) },
      );
      return;
    case 'rate-limited':
      sendJson(
        response,
        200,
        { data: null, errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded for user ID 1.' }] },
        { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + failure.resetInSeconds) },
      );
      return;
    case 'malformed-json':
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      response.end('{"data": {"repository": {"issue4101": {"number": 41');
      return;
    case 'graphql-error':
      sendJson(response, 200, { data: null, errors: [{ message: failure.message }] });
      return;
    case 'echo-authorization':
      // Simulates a misbehaving proxy that echoes request headers into its error body.
      sendJson(response, failure.status, { message: `Upstream rejected the request with Authorization: ${authorization ?? '(none)'}` });
      return;
  }
}

export function sendJson(response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

export async function readBody(request: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
