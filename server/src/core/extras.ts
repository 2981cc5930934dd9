// What findings carry besides their code, severity, range and message: related locations, fixes and the hover
// text (detail). The language server wants fixes and the hover text, and related locations when its client
// shows them. gongwen-lint's reports print none of the three: it asks for fixes only with --fix, for related
// locations only with --stats (the statistics read a repeat's first occurrence from them), and never for the
// hover text. Rules that make many of these (the clichés: a hover text per phrase and a delete fix per
// occurrence) skip building what is not wanted. Like the per-line caches (cache.ts), one setting per process.

export const findingExtras = { related: true, fixes: true, detail: true };

/** Sets what findings carry from now on (everything by default; the hover text unless `detail` is false). */
export function setFindingExtras(extras: { related: boolean; fixes: boolean; detail?: boolean }): void {
  findingExtras.related = extras.related;
  findingExtras.fixes = extras.fixes;
  findingExtras.detail = extras.detail ?? true;
}
