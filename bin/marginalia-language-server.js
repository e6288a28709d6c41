#!/usr/bin/env node
// The language server for any editor: `marginalia-language-server --stdio`.
if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket'))) process.argv.push('--stdio');
await import('../out/server/src/main.js');
