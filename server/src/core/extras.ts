// What findings carry besides their code, severity, range and message: related locations and fixes. The
// language server wants fixes, and related locations when its client shows them. gongwen-lint's reports print
// neither: it asks for fixes only with --fix and for related locations only with --stats (the statistics read
// a repeat's first occurrence from them). Rules that make many of either (the overused clichés: one related
// list and one delete fix per occurrence) skip building what is not wanted. Like the per-line caches
// (cache.ts), one setting per process.

export const findingExtras = { related: true, fixes: true };

/** Sets what findings carry from now on (both by default). */
export function setFindingExtras(extras: { related: boolean; fixes: boolean }): void {
  findingExtras.related = extras.related;
  findingExtras.fixes = extras.fixes;
}
