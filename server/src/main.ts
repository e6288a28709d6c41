import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { limitHeapGrowth } from './lsp/heapGrowth.js';
import { startServer } from './lsp/server.js';

limitHeapGrowth();

// createConnection picks the transport from the command line: --stdio, --node-ipc or --socket.
startServer(createConnection(ProposedFeatures.all));
