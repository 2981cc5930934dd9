// Maps the editor's `gongwen.*` settings to the core's check options. Unknown or ill-typed values are
// ignored (the defaults stay), so a broken setting never stops checking. The server merges the settings
// with .gongwenrc.json through server/src/config (defaults < settings < file); this is the settings alone.
import type { CheckOptions } from './core';
import { mergeLayers, settingsToLayer, toCheckOptions } from './config/config';

export { settingsToLayer };

export function settingsToOptions(s: unknown): Partial<CheckOptions> {
  const { locale: _locale, ...rest } = toCheckOptions(mergeLayers([{ source: 'settings', layer: settingsToLayer(s) }]));
  return rest;
}
