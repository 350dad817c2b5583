import { egressCommand } from './egress-command';
import { manifestCommand } from './manifest-command';

const HELP = `relay — Relay for Confluence command line

  relay sandbox [--scenario FILE] [--report FILE] [--quiet]   run the offline sandbox (default)
  relay convert --to html|markdown|bbcode|text [FILE]         convert storage XHTML (stdin without FILE)
  relay bench                                                 run the benchmarks
  relay manifest                                              validate manifest.yml offline
  relay egress list | add URL… | remove URL…                  edit manifest.yml's egress list
`;

async function main(argv: string[]): Promise<number> {
  const [command = 'sandbox', ...rest] = argv;
  switch (command) {
    case 'sandbox':
      return (await import('./sandbox-command')).sandboxCommand(rest);
    case 'bench':
      return (await import('./bench-command')).benchCommand(rest);
    case 'convert':
      return (await import('./convert-command')).convertCommand(rest);
    case 'manifest':
      return manifestCommand();
    case 'egress':
      return egressCommand(rest);
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(HELP);
      return 0;
    default:
      process.stderr.write(`unknown command "${command}"\n${HELP}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
