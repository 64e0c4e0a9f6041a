/**
 * Minimal logging interface shared by the fetcher, the loader and the sync CLI, plus secret
 * redaction. Astro's integration logger and `console` both satisfy {@link TrackingLogger}.
 */

/** Where progress and problems are reported. */
export interface TrackingLogger {
  info(message: string): void;
  warn(message: string): void;
  debug?(message: string): void;
}

/** Placeholder that replaces secrets in messages. */
export const REDACTED = '[REDACTED]';

/** A logger that discards everything (the default when the caller passes none). */
export const silentLogger: TrackingLogger = {
  info: () => {},
  warn: () => {},
};

/**
 * Replaces every occurrence of the secret in a message. Used on every message that leaves this
 * module, because GitHub (or a proxy in front of it) can echo request headers in error bodies.
 */
export function redactSecret(message: string, secret: string | undefined): string {
  if (secret === undefined || secret === '') return message;
  return message.split(secret).join(REDACTED);
}

/** Wraps a logger so that no message it receives can contain the secret. */
export function redactingLogger(logger: TrackingLogger, secret: string | undefined): TrackingLogger {
  const debug = logger.debug?.bind(logger);
  return {
    info: (message) => logger.info(redactSecret(message, secret)),
    warn: (message) => logger.warn(redactSecret(message, secret)),
    ...(debug === undefined ? {} : { debug: (message: string) => debug(redactSecret(message, secret)) }),
  };
}
