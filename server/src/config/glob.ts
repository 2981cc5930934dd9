// Globs for `ignore`: `*` and `?` within one path segment, `**` across segments, `{a,b}` alternatives. A glob
// without a slash matches a file or folder name at any depth (like .gitignore); a glob ending in / or naming a
// folder matches everything under it.
const cache = new Map<string, (rel: string) => boolean>();

function toRegExpSource(glob: string): string {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      if (end < 0) re += '\\{';
      else {
        re += '(?:' + glob.slice(i + 1, end).split(',').map((x) => x.replace(/[.+^$()|[\]\\*?]/g, '\\$&')).join('|') + ')';
        i = end;
      }
    } else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return re;
}

/** A matcher for paths relative to the glob's base folder, written with forward slashes. */
export function globMatcher(glob: string): (rel: string) => boolean {
  let m = cache.get(glob);
  if (!m) {
    let g = glob.trim().replace(/^\.\//, '');
    const anyDepth = !g.replace(/\/$/, '').includes('/');
    g = g.replace(/^\//, '').replace(/\/$/, '');
    const re = new RegExp('^' + (anyDepth ? '(?:.*/)?' : '') + toRegExpSource(g) + '(?:/.*)?$');
    m = (rel: string) => re.test(rel);
    cache.set(glob, m);
  }
  return m;
}

// A command-line glob such as `**` + `/*.txt` or `docs/*.{md,txt}`, matched against a whole relative path.
export function globToRegExp(glob: string): RegExp {
  return new RegExp('^' + toRegExpSource(glob) + '$');
}
