import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/server.js';

// createConnection picks the transport from the command line: --stdio, --node-ipc or --socket.
startServer(createConnection(ProposedFeatures.all));
