// Entry of the bundled language server (dist/server.js): VS Code starts it over IPC (--node-ipc); other
// editors run `xent lsp --stdio` or `node dist/server.js --stdio`.

import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all));
