// extensionTestsPath entry of the Restricted Mode run (the folder opened untrusted).
import { runMocha } from './mocha';
import { registerRestrictedTests } from './restricted.spec';

export function run(): Promise<void> {
  return runMocha('restricted', registerRestrictedTests);
}
