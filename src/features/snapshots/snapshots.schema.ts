// Analytics snapshots in GraphQL: listing them, following a build, keeping and deleting.
import { builder } from '../../builder.js';
import { mutationErrors } from '../../errors.js';
import { SnapshotStatusEnum } from '../../graphql/enums.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { localId, nodeLookup } from '../../graphql/ids.js';
import { listOrder } from '../../graphql/ordering.js';
import type { ExportedTable } from '../../analytics/export-parquet.js';
import { createSnapshot, deleteSnapshot, exportSnapshot, keepSnapshot } from './snapshots.service.js';

interface TableCount {
  table: string;
  rows: number;
}

const TableCountRef = builder.objectRef<TableCount>('SnapshotTableCount').implement({
  description: 'Rows a snapshot copied from one table of the store.',
  fields: (t) => ({ table: t.exposeString('table'), rows: t.exposeInt('rows') }),
});

builder.prismaNode('Snapshot', {
  description: 'An immutable DuckDB copy of the store at one moment, which analytics read (bản chốt số liệu).',
  id: { field: 'id' },
  ...nodeLookup,
  fields: (t) => ({
    label: t.exposeString('label', { description: 'e.g. "Số liệu đại hội 2025".' }),
    status: t.expose('status', { type: SnapshotStatusEnum }),
    asOf: t.expose('asOf', { type: 'DateTime', description: 'The moment of the store the snapshot holds.' }),
    startedAt: t.expose('startedAt', { type: 'DateTime' }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
    phase: t.exposeString('phase', { nullable: true, description: 'What the build is doing, e.g. "copy Meeting".' }),
    rowsDone: t.int({ description: 'Rows copied so far (all of them once READY): a count.', resolve: (s) => Number(s.rowsDone) }),
    rowCounts: t.field({
      type: [TableCountRef],
      description: 'Rows per table, once READY.',
      resolve: (s) =>
        Object.entries((s.rowCounts ?? {}) as Record<string, number>).map(([table, rows]) => ({ table, rows: Number(rows) })),
    }),
    sizeBytes: t.float({ nullable: true, description: 'Size of the file in bytes; a Float because a file may pass 2³¹ bytes, the most a GraphQL Int holds.', resolve: (s) => (s.sizeBytes === null ? null : Number(s.sizeBytes)) }),
    checksum: t.exposeString('checksum', { nullable: true, description: 'SHA-256 of the file.' }),
    keep: t.exposeBoolean('keep', { description: 'Kept snapshots cannot be deleted.' }),
    error: t.exposeString('error', { nullable: true, description: 'Why the build FAILED.' }),
  }),
});

// The default keeps the list as it was: the newest moment of the store first.
const SnapshotListOrder = listOrder<Prisma.SnapshotOrderByWithRelationInput, 'AS_OF' | 'STARTED_AT'>(
  'SnapshotOrder',
  {
    AS_OF: { description: 'Theo thời điểm dữ liệu được chụp (mặc định: mới nhất trước).', orderBy: (direction) => [{ asOf: direction }] },
    STARTED_AT: { description: 'Theo lúc bắt đầu tạo bản chụp.', orderBy: (direction) => [{ startedAt: direction }] },
  },
  { field: 'AS_OF', direction: 'desc' },
);

builder.queryFields((t) => ({
  snapshots: t.prismaConnection({
    type: 'Snapshot',
    cursor: 'id',
    description: 'Snapshots, by default the newest first (orderBy); deleted ones left out.',
    args: { orderBy: t.arg({ type: SnapshotListOrder.Input }) },
    resolve: (query, _root, args, ctx) =>
      ctx.db.snapshot.findMany({ ...query, where: { status: { not: 'DELETED' } }, orderBy: SnapshotListOrder.prismaOrder(args.orderBy) }),
    totalCount: (_root, _args, ctx) => ctx.db.snapshot.count({ where: { status: { not: 'DELETED' } } }),
  }),
}));

const SnapshotCreateInput = builder.inputType('SnapshotCreateInput', {
  description: 'A new snapshot of the store as it is now.',
  fields: (t) => ({ label: t.string({ required: true, description: 'A name people recognise, e.g. "Số liệu đại hội 2025".' }) }),
});

const SnapshotKeepInput = builder.inputType('SnapshotKeepInput', {
  description: 'Whether a snapshot is kept from deletion.',
  fields: (t) => ({ id: t.id({ required: true }), keep: t.boolean({ required: true }) }),
});

const SnapshotIdInput = builder.inputType('SnapshotIdInput', {
  description: 'A snapshot to delete or export.',
  fields: (t) => ({ id: t.id({ required: true }) }),
});

const ExportedTableRef = builder.objectRef<ExportedTable>('SnapshotExportFile').implement({
  description: 'One table of a snapshot written as a Parquet file.',
  fields: (t) => ({
    table: t.exposeString('table'),
    file: t.exposeString('file', { description: 'Path on the server.' }),
    bytes: t.exposeFloat('bytes'),
  }),
});

const SnapshotExportRef = builder.objectRef<{ directory: string; tables: ExportedTable[] }>('SnapshotExport').implement({
  description: 'A snapshot written as Parquet files, one a table.',
  fields: (t) => ({
    directory: t.exposeString('directory'),
    files: t.field({ type: [ExportedTableRef], resolve: (e) => e.tables }),
  }),
});

builder.mutationFields((t) => ({
  snapshotExport: t.field({
    type: SnapshotExportRef,
    description: 'Write a READY snapshot as Parquet files (one a table) on the server, for other engines.',
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: SnapshotIdInput, required: true }) },
    resolve: (_root, { input }, ctx) => exportSnapshot({ ctx, id: localId(input.id, 'Snapshot', 'input.id') }),
  }),
  snapshotCreate: t.prismaField({
    type: 'Snapshot',
    description: 'Start building a snapshot; it answers at once with the BUILDING snapshot. One build runs at a time.',
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: SnapshotCreateInput, required: true }) },
    resolve: (query, _root, { input }, ctx) => createSnapshot({ ctx, query, input }),
  }),
  snapshotKeep: t.prismaField({
    type: 'Snapshot',
    description: 'Keep a snapshot (or stop keeping it).',
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: SnapshotKeepInput, required: true }) },
    resolve: (query, _root, { input }, ctx) => keepSnapshot({ ctx, query, id: localId(input.id, 'Snapshot', 'input.id'), keep: input.keep }),
  }),
  snapshotDelete: t.prismaField({
    type: 'Snapshot',
    description: 'Delete a snapshot’s file; its row stays in the store as DELETED, so figures quoted from it keep their provenance.',
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: SnapshotIdInput, required: true }) },
    resolve: (query, _root, { input }, ctx) => deleteSnapshot({ ctx, query, id: localId(input.id, 'Snapshot', 'input.id') }),
  }),
}));
