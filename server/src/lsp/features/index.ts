// Every feature of the server, one module each. To add one: write features/NAME.ts exporting a Feature and
// list it here; its capabilities are merged into the initialize result.

import type { Feature } from '../context';
import { diagnosticsFeature } from './diagnostics';

export const FEATURES: readonly Feature[] = [diagnosticsFeature];
