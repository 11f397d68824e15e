// The machine a bench ran on, as RESULTS.md states it.
import os from 'node:os';

export interface Machine {
  cpu: string;
  cores: number;
  memoryBytes: number;
  node: string;
  system: string;
  /** 1-minute load average when asked: other work on the machine skews timings. */
  load: number;
}

export function describeMachine(): Machine {
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryBytes: os.totalmem(),
    node: process.version,
    system: `${os.type()} ${os.release()} ${os.arch()}`,
    load: os.loadavg()[0] ?? 0,
  };
}

export const currentLoad = (): number => os.loadavg()[0] ?? 0;
