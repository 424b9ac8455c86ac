// Every feature of the server, one module each. To add one: write features/NAME.ts exporting a Feature and
// list it here; its capabilities are merged into the initialize result.

import type { Feature } from '../context';
import { diagnosticsFeature } from './diagnostics';
import { completionFeature } from './completion';
import { hoverFeature } from './hover';
import { signatureHelpFeature } from './signature-help';
import { symbolsFeature } from './symbols';
import { workspaceSymbolsFeature } from './workspace-symbols';
import { foldingFeature } from './folding';
import { semanticTokensFeature } from './semantic-tokens';
import { selectionRangesFeature } from './selection-ranges';
import { navigationFeature } from './navigation';
import { documentLinksFeature } from './document-links';
import { codeActionsFeature } from './code-actions';
import { formattingFeature } from './formatting';
import { evaluateCommandFeature } from './evaluate-command';
import { codeLensFeature } from './code-lens';
import { inlayHintsFeature } from './inlay-hints';
import { dataCheckFeature } from './data-check';
import { outcomesFeature } from './outcomes';

export const FEATURES: readonly Feature[] = [diagnosticsFeature, hoverFeature, completionFeature, signatureHelpFeature,
  symbolsFeature, workspaceSymbolsFeature, foldingFeature, semanticTokensFeature, selectionRangesFeature, navigationFeature, documentLinksFeature, codeActionsFeature, formattingFeature,
  evaluateCommandFeature, codeLensFeature, inlayHintsFeature, dataCheckFeature, outcomesFeature];
