// Marks what is not prose in a Markdown document: front matter, fenced code, HTML comments, inline code
// spans and link targets. Masked characters become spaces so every column stays where it was.

function blank(s: string, from: number, to: number): string {
  if (to <= from) return s;
  return s.slice(0, from) + ' '.repeat(to - from) + s.slice(to);
}

const FENCE = /^[ ]{0,3}(`{3,}|~{3,})/;

/** Returns, for each line, its prose with the non-prose parts replaced by spaces. */
export function maskMarkdown(lines: string[]): string[] {
  const out = lines.slice();
  let i = 0;
  // Front matter: '---' on the first line up to the next '---' or '...'.
  if (out.length > 1 && /^---\s*$/.test(out[0])) {
    let j = 1;
    while (j < out.length && !/^(---|\.\.\.)\s*$/.test(out[j])) j++;
    if (j < out.length) {
      for (let k = 0; k <= j; k++) out[k] = ' '.repeat(out[k].length);
      i = j + 1;
    }
  }
  let fence: string | undefined;
  let inComment = false;
  for (; i < out.length; i++) {
    let s = out[i];
    if (fence !== undefined) {
      const m = FENCE.exec(s);
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length && s.slice(m[0].length).trim() === '') fence = undefined;
      out[i] = ' '.repeat(s.length);
      continue;
    }
    if (!inComment) {
      const m = FENCE.exec(s);
      if (m) {
        fence = m[1];
        out[i] = ' '.repeat(s.length);
        continue;
      }
    }
    // HTML comments, possibly spanning lines.
    let pos = 0;
    while (pos < s.length) {
      if (inComment) {
        const end = s.indexOf('-->', pos);
        if (end < 0) {
          s = blank(s, pos, s.length);
          break;
        }
        s = blank(s, pos, end + 3);
        pos = end + 3;
        inComment = false;
      } else {
        const start = s.indexOf('<!--', pos);
        if (start < 0) break;
        inComment = true;
        pos = start;
      }
    }
    // Inline code spans: a run of backticks up to the same run.
    s = s.replace(/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g, (m) => ' '.repeat(m.length));
    // Link and image targets: ](url "title") and reference definitions [x]: url.
    s = s.replace(/\]\(([^()\s]*(\([^()]*\))?[^()\s]*)(\s+"[^"]*")?\)/g, (m) => ']' + ' '.repeat(m.length - 1));
    s = s.replace(/^([ ]{0,3}\[[^\]]+\]:)(\s*\S+.*)$/, (_m, a: string, b: string) => a + ' '.repeat(b.length));
    // Autolinks <https://…>.
    s = s.replace(/<(https?|mailto):[^>\s]*>/g, (m) => ' '.repeat(m.length));
    out[i] = s;
  }
  return out;
}
