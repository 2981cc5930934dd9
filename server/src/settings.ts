// Maps the editor's `gongwen.*` settings to the core's check options. Unknown or ill-typed values are
// ignored (the defaults stay), so a broken setting never stops checking.
import type { CheckOptions } from './core';

const SEVERITIES = new Set(['off', 'hint', 'information', 'info', 'warning', 'error']);

export function settingsToOptions(s: unknown): Partial<CheckOptions> {
  const out: Partial<CheckOptions> = {};
  if (!s || typeof s !== 'object') return out;
  const o = s as Record<string, unknown>;
  const rules = o.rules as Record<string, unknown> | undefined;
  if (rules && typeof rules === 'object') {
    if (typeof rules.outlineLevelSkip === 'boolean') out.outlineLevelSkip = rules.outlineLevelSkip;
  }
  const sev = o.severity as Record<string, unknown> | undefined;
  if (sev && typeof sev === 'object') {
    const map: CheckOptions['rules'] = {};
    for (const [code, v] of Object.entries(sev)) {
      if (typeof v === 'string' && SEVERITIES.has(v)) map[code] = (v === 'info' ? 'information' : v) as CheckOptions['rules'][string];
    }
    out.rules = map;
  }
  return out;
}
