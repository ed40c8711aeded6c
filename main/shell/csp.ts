/* No Electron import here: the build and the test harness use the same policy. */

const DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob: claimdesk-media:",
  "media-src 'self' blob: claimdesk-media:",
  // The report preview, shown in a sandboxed frame, is served by the media protocol.
  "frame-src 'self' claimdesk-media:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
]

/** Content-Security-Policy for the app's pages: nothing remote, no inline script, no eval. */
export const CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ')

/** The same policy for the page's <meta> tag, which cannot carry frame-ancestors. */
export const META_CONTENT_SECURITY_POLICY = DIRECTIVES.filter(
  (d) => !d.startsWith('frame-ancestors'),
).join('; ')
