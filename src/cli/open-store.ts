// Opening the configured store from a command-line tool. The embedded store's data folder admits
// one process: while another holds it, the tool stops at once, before touching anything, and
// says who holds it and what to do instead.
import type { Config } from '../config.js';
import { DataFolderBusyError, SERVER_COMMAND, type DataFolderHolder } from '../db/data-folder-lock.js';
import { openConfiguredDatabase, type Database } from '../db/database.js';

/** What to do while a server holds the folder, and while another tool does. */
export interface BusyAdvice {
  server: (holder: DataFolderHolder) => string;
  tool: (holder: DataFolderHolder) => string;
}

export async function openStoreOrExit(config: Config, command: string, advice: BusyAdvice): Promise<Database> {
  try {
    return await openConfiguredDatabase(config, { command });
  } catch (error) {
    if (!(error instanceof DataFolderBusyError)) throw error;
    const instead = error.holder.command === SERVER_COMMAND ? advice.server(error.holder) : advice.tool(error.holder);
    console.error(`Refused: ${error.message} ${instead}`);
    process.exit(1);
  }
}
