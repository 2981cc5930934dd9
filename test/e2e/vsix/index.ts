// Entry point for the packaged-extension check: the .vsix is installed into a throwaway code-server and
// this runs there (from the tiny probe extension in ../vsix-probe, not from the repository).
import * as path from 'path';
import { runMochaIn } from '../suite/index';

export function run(): Promise<void> {
  return runMochaIn(path.join(__dirname));
}
