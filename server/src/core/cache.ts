// Whether the checks keep per-line results across versions of a document. The language server analyses the
// same document again after every change and gains from them; a one-shot run (the command line) only pays
// for filling them, so it turns them off.
export const lineCaches = { enabled: true };

/** Keeps (true) or skips (false) the per-line caches from here on. */
export function setLineCaching(enabled: boolean): void {
  lineCaches.enabled = enabled;
}

/** Documents whose state is kept beside the others', never in place of one (markScratch). */
const scratch = new Set<string>();

/**
 * Marks `uri` as a scratch document: the language server's private copy that it types into to warm up
 * (server/src/warmup.ts). Its state never takes the place of a real document's, so a writer with several
 * documents open does not find one of them checked whole at the next keystroke because the copy was checked.
 */
export function markScratch(uri: string): void {
  scratch.add(uri);
}

/**
 * What a check keeps of its last analysis of each document, for the next version: a language server has a few
 * documents open at once, so a few are kept, the least recently checked dropped first. Scratch documents
 * (markScratch) are kept apart and count for nothing; the server forgets them when it is done with them.
 */
export class PerDocument<T> {
  private readonly kept = new Map<string, T>();
  private readonly spare = new Map<string, T>();

  constructor(private readonly max = 4) {}

  get(uri: string): T | undefined {
    return (scratch.has(uri) ? this.spare : this.kept).get(uri);
  }

  /** Keeps `state` as the document's latest. */
  set(uri: string, state: T): void {
    if (scratch.has(uri)) {
      this.spare.set(uri, state);
      return;
    }
    this.kept.delete(uri);
    if (this.kept.size >= this.max) this.kept.delete(this.kept.keys().next().value!);
    this.kept.set(uri, state);
  }

  delete(uri: string): void {
    this.kept.delete(uri);
    this.spare.delete(uri);
  }

  clear(): void {
    this.kept.clear();
    this.spare.clear();
  }
}
