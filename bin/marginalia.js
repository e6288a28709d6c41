#!/usr/bin/env node
import { runCli, packageVersion } from '../out/server/src/cli/main.js';

process.exitCode = await runCli(process.argv.slice(2), packageVersion());
