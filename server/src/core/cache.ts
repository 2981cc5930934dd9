// Whether the checks keep per-line results across versions of a document. The language server analyses the
// same document again after every change and gains from them; a one-shot run (the command line) only pays
// for filling them, so it turns them off.
export const lineCaches = { enabled: true };

/** Keeps (true) or skips (false) the per-line caches from here on. */
export function setLineCaching(enabled: boolean): void {
  lineCaches.enabled = enabled;
}

/**
 * What a check keeps of its last analysis of each document, for the next version: a language server has a few
 * documents open at once, so a few are kept, the least recently checked dropped first.
 */
export class PerDocument<T> {
  private readonly kept = new Map<string, T>();

  constructor(private readonly max = 4) {}

  get(uri: string): T | undefined {
    return this.kept.get(uri);
  }

  /** Keeps `state` as the document's latest. */
  set(uri: string, state: T): void {
    this.kept.delete(uri);
    if (this.kept.size >= this.max) this.kept.delete(this.kept.keys().next().value!);
    this.kept.set(uri, state);
  }

  delete(uri: string): void {
    this.kept.delete(uri);
  }

  clear(): void {
    this.kept.clear();
  }
}
