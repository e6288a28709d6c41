/** Command-line arguments of `marginalia`, parsed without surprises: unknown flags are errors. */
export interface CliArgs {
  readonly command: 'check' | 'export';
  readonly paths: readonly string[];
  readonly format: 'text' | 'json' | 'sarif';
  readonly bundledGlossary: boolean;
  readonly unknownNames: boolean;
}

export const usage = `Usage:
  marginalia check <paths...> [--format text|json|sarif] [--no-bundled-glossary] [--unknown-names]
  marginalia export <paths...> [--format json] [--no-bundled-glossary]

check prints every diagnostic and exits 1 when any warning or error is found, 0 when clean,
2 on bad usage. export prints entities with their mentions (and claims and conflicts) as JSON.`;

export function parseArgs(argv: readonly string[]): CliArgs | string {
  const [command, ...rest] = argv;
  if (command !== 'check' && command !== 'export') return command ? `Unknown command "${command}".` : 'No command given.';
  const paths: string[] = [];
  let format: CliArgs['format'] = command === 'export' ? 'json' : 'text';
  let bundledGlossary = true;
  let unknownNames = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--format') {
      const value = rest[++i];
      if (value !== 'text' && value !== 'json' && value !== 'sarif') return `--format takes text, json or sarif, not "${value ?? ''}".`;
      format = value;
    } else if (arg.startsWith('--format=')) {
      return parseArgs([command, ...rest.slice(0, i), '--format', arg.slice('--format='.length), ...rest.slice(i + 1)]);
    } else if (arg === '--no-bundled-glossary') bundledGlossary = false;
    else if (arg === '--unknown-names') unknownNames = true;
    else if (arg.startsWith('-')) return `Unknown option "${arg}".`;
    else paths.push(arg);
  }
  if (paths.length === 0) return 'Give at least one folder or file to check.';
  if (command === 'export' && format !== 'json') return 'export writes JSON only.';
  return { command, paths, format, bundledGlossary, unknownNames };
}
