// extensionTestsPath entry of the trusted run: activation, diagnostics, quick fixes, hovers, lenses, report.
import { registerExtensionTests } from './extension.spec';
import { runMocha } from './mocha';

export function run(): Promise<void> {
  return runMocha('trusted', registerExtensionTests);
}
