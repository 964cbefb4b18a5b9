// SECURITY: forgery protection. Besides the SameSite=Lax cookie, a state-changing request must
// carry an Origin (or, failing that, a Referer) naming this very site.
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isSameOriginWrite(method: string, headers: { origin?: string | null; referer?: string | null }, selfOrigin: string): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  const claimed = headers.origin && headers.origin !== "null" ? headers.origin : originOf(headers.referer);
  return claimed === selfOrigin;
}

function originOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
