import { readFileSync } from 'node:fs';
import os from 'node:os';

/** The machine a benchmark ran on, so numbers in BENCHMARKS.md can be compared. */
export interface MachineDescription {
  cpu: string;
  cores: number;
  ramGb: number;
  os: string;
  node: string;
  /** 1-minute load average when the run started: other work on the machine skews every number. */
  load: number;
}

function osName(): string {
  try {
    const release = readFileSync('/etc/os-release', 'utf8');
    const pretty = /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(release)?.[1];
    if (pretty) return `${pretty} (${os.type()} ${os.arch()})`;
  } catch {
    // not Linux, or no os-release: fall back to the kernel name
  }
  return `${os.type()} ${os.arch()}`;
}

/** CPU model, core count, RAM, OS and Node version of this process's machine. */
export function describeMachine(): MachineDescription {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    ramGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: osName(),
    node: process.version,
    load: Math.round((os.loadavg()[0] ?? 0) * 10) / 10,
  };
}

/** One line for a results table or a console header. */
export function machineLine(m: MachineDescription, extra: string[] = []): string {
  return [
    `${m.cpu}, ${m.cores} cores, ${m.ramGb} GB RAM`,
    m.os,
    `Node ${m.node}`,
    `load average ${m.load} at the start`,
    ...extra,
  ].join('; ');
}
