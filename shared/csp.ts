/**
 * One Content-Security-Policy for the app, used by the built page (meta tag) and by Electron's
 * response header. No remote scripts, no eval, no inline script; network only to the own origin
 * (sync traffic from Electron goes through the main process, not the renderer).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' http://127.0.0.1:* http://localhost:* https:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "worker-src 'self' blob:",
].join('; ');
