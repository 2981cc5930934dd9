// server/launch.json as the bench reads it: how the VS Code client starts the language server (its V8 flags, the
// variables it sets, those it removes). bench/latency.mjs starts its servers so; bench/run.mjs starts every tool
// without the removed variables.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const LAUNCH = JSON.parse(fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'server', 'launch.json'), 'utf8'));

/** Those of launch.json's `unsetEnv` that this process's environment sets. */
export const UNSET_HERE = LAUNCH.unsetEnv.filter((k) => process.env[k] !== undefined);

/** An environment without launch.json's `unsetEnv`. */
export const withoutUnset = (env) => Object.fromEntries(Object.entries(env).filter(([k]) => !LAUNCH.unsetEnv.includes(k)));
