// Whether the checks keep per-line results across versions of a document. The language server analyses the
// same document again after every change and gains from them; a one-shot run (the command line) only pays
// for filling them, so it turns them off.
export const lineCaches = { enabled: true };

/** Keeps (true) or skips (false) the per-line caches from here on. */
export function setLineCaching(enabled: boolean): void {
  lineCaches.enabled = enabled;
}
