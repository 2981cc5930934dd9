// Untrusted workspaces (VS Code's Restricted Mode): a workspace's .gongwenrc.json may only narrow what is
// reported. It can switch rules off or lower them, allow plain phrases, ignore files inside the workspace,
// raise the overuse threshold and shorten the repeat window; it cannot add dictionary entries, use regular
// expressions, point outside the workspace, or raise a severity. Nothing from the file is ever executed —
// there is nothing executable in it — and the extension runs no program named by the workspace.
import * as path from 'node:path';
import { isPatternEntry } from '../core/suppress';
import { allCodes } from '../core/check';
import { DEFAULT_OPTIONS } from '../core/rules/api';
import type { ConfigLayer, SeverityName } from './config';

const RANK: Record<SeverityName, number> = { off: 0, hint: 1, info: 2, warning: 3, error: 4 };
const CORE_RANK: Record<string, number> = { hint: 1, information: 2, warning: 3, error: 4 };

export interface Narrowed {
  layer: ConfigLayer;
  /** What was left out, for one log line: "cliches (3)", "allow /…/ (2)", "severity cliche: error". */
  dropped: string[];
}

/** Whether a glob stays inside the folder it is relative to. */
function insideWorkspace(glob: string): boolean {
  if (path.isAbsolute(glob) || /^[a-zA-Z]:/.test(glob) || glob.startsWith('~')) return false;
  return !glob.split(/[\\/]+/).includes('..');
}

/** The part of a workspace's configuration layer that an untrusted workspace may apply. */
export function narrowUntrusted(layer: ConfigLayer): Narrowed {
  const out: ConfigLayer = {};
  const dropped: string[] = [];
  if (layer.enable === false) out.enable = false;
  else if (layer.enable !== undefined) dropped.push('enable');
  if (layer.run === 'onSave') out.run = 'onSave';
  else if (layer.run !== undefined) dropped.push('run');
  if (layer.severity) {
    const defaults = new Map(allCodes().map((c) => [c.code, CORE_RANK[c.severity] ?? 4]));
    out.severity = {};
    for (const [code, s] of Object.entries(layer.severity)) {
      if (RANK[s] <= (defaults.get(code) ?? 0)) out.severity[code] = s;
      else dropped.push(`severity ${code}: ${s}`);
    }
  }
  if (layer.rules) {
    const r = layer.rules;
    const rules: NonNullable<ConfigLayer['rules']> = {};
    if (r.outlineLevelSkip === false) rules.outlineLevelSkip = false;
    if (r.profile === 'two-level') rules.profile = 'two-level';
    if (r.overuseThreshold !== undefined && r.overuseThreshold >= DEFAULT_OPTIONS.overuseThreshold) rules.overuseThreshold = r.overuseThreshold;
    else if (r.overuseThreshold !== undefined) dropped.push('rules.overuseThreshold');
    if (r.repeatWindow !== undefined && r.repeatWindow <= DEFAULT_OPTIONS.repeatWindow) rules.repeatWindow = r.repeatWindow;
    else if (r.repeatWindow !== undefined) dropped.push('rules.repeatWindow');
    out.rules = rules;
  }
  if (layer.cliches?.length) dropped.push(`cliches (${layer.cliches.length})`);
  if (layer.allow) {
    out.allow = layer.allow.filter((a) => !isPatternEntry(a));
    if (out.allow.length < layer.allow.length) dropped.push(`allow /…/ (${layer.allow.length - out.allow.length})`);
  }
  if (layer.ignore) {
    out.ignore = layer.ignore.filter(insideWorkspace);
    if (out.ignore.length < layer.ignore.length) dropped.push(`ignore outside the workspace (${layer.ignore.length - out.ignore.length})`);
  }
  return { layer: out, dropped };
}
