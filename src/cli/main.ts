/** Command-line entry: `npm run cli -- <command>` or the `linkpost` bin. */
import { ConfigError } from '../config.js';
import { isAppError } from '../domain/index.js';
import { openCli, parseArgs, UsageError, type CliContext } from './context.js';
import { keysCommand } from './keys.js';
import { exportCommand } from './export.js';
import { importCommand } from './import.js';
import { linksCommand } from './links.js';
import { seedCommand } from './seed.js';
import { countersCommand } from './counters.js';
import { sessionsCommand } from './sessions.js';
import { backupCommand } from './backup.js';

type Command = (
  ctx: CliContext,
  args: string[],
  flags: Record<string, string | true>,
  lists: Record<string, string[]>,
) => Promise<void>;

const COMMANDS: Record<string, Command> = {
  keys: keysCommand,
  links: linksCommand,
  export: exportCommand,
  import: importCommand,
  seed: seedCommand,
  counters: countersCommand,
  sessions: sessionsCommand,
  backup: backupCommand,
};

const HELP = `linkpost command line

  keys create --name <name> [--scopes a,b] [--campaign NAME]...
                              create an API key (printed once); scopes: links:read,
                              links:write, analytics:read, export, admin (the default);
                              --campaign (repeatable) limits it to those campaigns
  keys list                   list API keys with their scopes and campaigns
  keys revoke <id>            revoke an API key (its dashboard sessions end with it)
  sessions list               list live dashboard sessions (id, key, since, until)
  sessions revoke <id>|--all  end one dashboard session, or all of them

  links list [--campaign C] [--network N] [--q TEXT] [--limit N] [--all] [--json]
  links create --url URL [--slug S] [--title T] [--campaign C] [--network N] [--posted-at ISO]
  links qr SLUG --out FILE [--png] [--size PX] [--margin N] [--fg RRGGBB] [--bg RRGGBB] [--ecc L|M|Q|H]
  import FILE.csv [--dry-run] create links in bulk (columns url, slug, title, campaign,
                              network, posted_at); all rows or none
  export [--slug S] [--campaign C] [--network N] [--from DATE] [--to DATE] [--tz ZONE]
         [--bots include|exclude|only] [--out FILE|DIR/] [--no-bom]
                              clicks as CSV, to stdout or a file

  seed [--links 1000] [--campaigns 50] [--clicks 1000000] [--days 90] [--seed 1] [--now ISO]
                              synthetic posts and clicks, written like real traffic
  counters rebuild            recompute the analytics counters from raw clicks (with
                              CLICK_RETENTION_DAYS, only the window: older rows are kept)
  backup PATH                 online copy of the database to a new file, checked for
                              integrity; safe while the server runs (restore: docs/operations.md)

Settings come from the environment (DATABASE_PATH, PUBLIC_URL, …) as for the server.`;

export async function runCli(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  const { positional, flags, lists } = parseArgs(argv);
  const [name, ...rest] = positional;
  if (!name || name === 'help' || flags.help) {
    console.log(HELP);
    return name || flags.help ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`unknown command "${name}"\n\n${HELP}`);
    return 2;
  }
  let ctx: CliContext | undefined;
  try {
    ctx = await openCli(env, (line) => console.log(line));
    await command(ctx, rest, flags, lists);
    return 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError) console.error(e.message);
    else if (isAppError(e)) console.error(`error: ${e.message}`);
    else throw e;
    return 2;
  } finally {
    ctx?.database.close();
  }
}

runCli(process.argv.slice(2), process.env).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
