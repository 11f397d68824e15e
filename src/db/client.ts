// The process's one open database. Resolvers and services import `prisma()` from here
// rather than carrying the handle in the GraphQL context.
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Database } from './database.js';

let current: Database | undefined;

export function useDatabase(database: Database): void {
  current = database;
}

export function database(): Database {
  if (!current) throw new Error('No database is open: call useDatabase() at start-up');
  return current;
}

export function prisma(): PrismaClient {
  return database().prisma;
}
