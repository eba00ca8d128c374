import { defaultConfig, parseArgs } from './config.js';
import { DEFAULT_RENDERER, startConsoleHost } from './console-host.js';
import { runImportMap } from './import-map.js';
import { FIRST_SUPERVISOR } from '../../shared/auth/access.js';

/** The headless console host: `npm run serve`, and `npm start` where Electron is missing. */
async function main() {
  let config;
  try {
    config = parseArgs(process.argv.slice(2), defaultConfig({ rendererDir: DEFAULT_RENDERER }));
  } catch (err) {
    const help = (err as { help?: boolean }).help === true;
    (help ? console.log : console.error)((err as Error).message);
    process.exit(help ? 0 : 2);
  }
  let host;
  try {
    host = await startConsoleHost(config);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why =
      e.code === 'EADDRINUSE'
        ? `port ${config.port} on ${config.host} is already in use (is another Beacon running?); choose another with --port N, or --port 0 for any free port.`
        : e.message;
    console.error(`Beacon could not start: ${why}`);
    process.exit(1);
  }
  console.log(`Beacon console ready at ${host.url}`);
  // One use, ten minutes: a link that signs this machine's browser in, not a password to keep.
  console.log(`Sign in as ${FIRST_SUPERVISOR} with this one-time link (valid once, for 10 minutes): ${host.oneTimeSignIn()}`);
  // The token itself never goes to the terminal: logs and screen shares outlive it.
  if (config.token)
    console.log(
      `An access token is required: the access token is ${config.tokenSource === 'BEACON_TOKEN' ? 'in BEACON_TOKEN' : 'the one given with --token'}. ` +
        `Open ${host.url}/?token=<token> once in a browser, or send Authorization: Bearer <token>.`,
    );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: closing the journal cleanly.`);
    await host.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

// `cli.mjs import-map …`: the importer, as the host runs it from the console's settings.
if (process.argv[2] === 'import-map') process.exitCode = await runImportMap(process.argv.slice(3));
else void main();
