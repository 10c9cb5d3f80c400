import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import type { BenchArgs } from './args.ts';
import type { CheckResult } from './checks.ts';
import type { DatasetInfo } from './dataset.ts';
import type { LoadResult } from './measure.ts';
import type { Scenario } from './scenarios.ts';
import { EXPORT_TARGET_MS, type ExportMeasurement } from './export.ts';
import { typicalMs, type ActivityReportMeasurement } from './activity-report.ts';

export type Measurement = {
  key: string;
  label: string;
  module: Scenario['module'];
  targetMs: number;
  state: 'measured' | 'not-available' | 'skipped';
  loads: LoadResult[];
  notes: string[];
  /** Resident memory of the application after this measurement (MB). */
  rssAfterMb?: number;
};

export type Report = {
  args: BenchArgs;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; database: string };
  dataset: DatasetInfo & { reused: boolean; databaseBytes: number };
  server: { startMs: number; peakRssMb: number; rssMb: number } | null;
  measurements: Measurement[];
  /** « Exporter » of the measured structure, when measured. */
  export?: ExportMeasurement;
  /** « Statistiques »: the page and the xlsx of the last full year, when measured. */
  activityReport?: ActivityReportMeasurement[];
  checks: CheckResult[];
};

export const targets = { startMs: 3000, peakRssMb: 250, generationMs: 5 * 60_000 };

export function machineInfo(database: string): Report['machine'] {
  return { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '?', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, database };
}

/** Targets hold for large / PostgreSQL; PGlite may take up to twice as long. */
function verdict(report: Report, value: number, target: number, scaled = true): string {
  const allowed = scaled && report.args.engine === 'pglite' ? target * 2 : target;
  const mark = value <= allowed ? 'ok' : '**manqué**';
  const official = report.args.scale === 'large';
  return `${mark}${official ? '' : ' (indicatif)'}`;
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(value < 10 ? 2 : 1) : '—');

function cpuText(load: LoadResult): string {
  const cpu = load.cpuPerRequest;
  if (!cpu) return '';
  return cpu.databaseMs === null ? `${cpu.appMs.toFixed(2)}` : `${cpu.appMs.toFixed(2)} + ${cpu.databaseMs.toFixed(2)}`;
}

function statusText(load: LoadResult, ok: number[] | null): string {
  const entries = Object.entries(load.statuses).filter(([code]) => !ok || !ok.includes(Number(code)));
  return entries.length === 0 ? '0' : entries.map(([code, count]) => `${count}×${code}`).join(' ');
}

/** « Exporter »: the whole structure, its rows a second and the application's memory while it streams. */
function exportLine(report: Report, measured: ExportMeasurement): string {
  if (measured.status !== 200) return `| export xlsx de la structure | statut ${measured.status} | **FAUX** |`;
  const rows = measured.rows ?? 0;
  const perSecond = measured.ms > 0 ? Math.round((rows / measured.ms) * 1000) : 0;
  const value = `${rows.toLocaleString('fr-FR')} lignes en ${(measured.ms / 1000).toFixed(1)} s (${perSecond.toLocaleString('fr-FR')} lignes/s, ${(measured.bytes / 2 ** 20).toFixed(1)} Mo), RSS ${measured.rssBeforeMb} Mo avant, ${measured.peakRssMb} Mo au plus pendant l'export`;
  return `| export xlsx de la structure | ${value} | ≤ ${EXPORT_TARGET_MS / 1000} s : ${verdict(report, measured.ms, EXPORT_TARGET_MS)} |`;
}

/** « Statistiques »: the median of a few runs, each run's time beside it. */
function activityReportLine(report: Report, measured: ActivityReportMeasurement): string {
  if (measured.status !== 200) return `| ${measured.label} | statut ${measured.status} | **FAUX** |`;
  const typical = typicalMs(measured);
  return `| ${measured.label} | ${typical} ms (essais : ${measured.runsMs.join(', ')} ms ; ${measured.detail}) | ≤ ${measured.targetMs / 1000} s : ${verdict(report, typical, measured.targetMs)} |`;
}

/** The table printed at the end of a run and pasted in the README. */
export function renderReport(report: Report, okStatuses: Record<string, number[]>): string {
  const lines: string[] = [];
  const { dataset, machine, args } = report;
  lines.push(`### ${args.engine === 'postgres' ? 'PostgreSQL' : 'PGlite'}, échelle ${args.scale} (graine ${args.seed}, ${args.duration} s par mesure, accept-encoding « ${args.acceptEncoding || 'aucun'} »)`);
  lines.push('');
  lines.push(`Machine : ${machine.cpus} cœurs (${machine.cpuModel}), ${machine.memoryGb} Go, Node ${machine.node}, ${machine.database}.`);
  lines.push(
    `Données : ${Object.entries(dataset.rows).map(([table, count]) => `${table} ${count.toLocaleString('fr-FR')}`).join(', ')} ; ` +
      `base ${(dataset.databaseBytes / 2 ** 20).toFixed(0)} Mo ; générées en ${(dataset.generationMs / 1000).toFixed(1)} s` +
      `${dataset.reused ? ' (jeu réutilisé)' : ''}.`,
  );
  lines.push('');
  if (report.measurements.length > 0) lines.push('| mesure | conc. | req/s | p50 ms | p95 ms | p99 ms | CPU ms/req app + PG | autres statuts | cible p95 (c=8) | RSS après | charge |');
  if (report.measurements.length > 0) lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: |');
  for (const measurement of report.measurements) {
    if (measurement.state !== 'measured') {
      lines.push(`| ${measurement.label} | | | | | | | ${measurement.state === 'not-available' ? 'route pas encore disponible' : 'non mesuré'} | ≤ ${measurement.targetMs} ms | | |`);
      continue;
    }
    const last = measurement.loads.at(-1);
    for (const load of measurement.loads) {
      const target = load === last ? `≤ ${measurement.targetMs} ms : ${verdict(report, load.p95, measurement.targetMs)}` : '';
      lines.push(
        `| ${load === measurement.loads[0] ? measurement.label : ''} | ${load.connections} | ${load.rps.toFixed(0)} | ${ms(load.p50)} | ${ms(load.p95)} | ${ms(load.p99)} | ${cpuText(load)} | ${statusText(load, okStatuses[measurement.key] ?? null)} | ${target} | ${load === last && measurement.rssAfterMb ? `${measurement.rssAfterMb} Mo` : ''} | ${load.loadAverage.toFixed(1)} |`,
      );
    }
    for (const note of measurement.notes) lines.push(`| ↳ ${note} | | | | | | | | | | |`);
  }
  if (report.measurements.length > 0) {
    lines.push('');
    lines.push(
      `CPU ms/req : temps processeur de l'application (et de PostgreSQL quand il tourne sur la machine) par réponse, insensible au bruit ; ` +
        `charge : load average (1 min) de la machine à la fin de la mesure, pour ${machine.cpus} cœurs partagés avec le générateur de charge.`,
    );
    lines.push('');
  }
  if (report.server) {
    lines.push(`| chiffre | valeur | cible |`);
    lines.push('| --- | ---: | --- |');
    lines.push(`| démarrage sur la base existante | ${report.server.startMs} ms | ≤ ${targets.startMs} ms : ${verdict(report, report.server.startMs, targets.startMs, false)} |`);
    const rssTarget = args.engine === 'postgres' ? `≤ ${targets.peakRssMb} Mo : ${verdict(report, report.server.peakRssMb, targets.peakRssMb, false)}` : 'cible sur PostgreSQL (ici la base tourne dans le processus)';
    lines.push(`| mémoire max. de l'application (VmHWM) | ${report.server.peakRssMb} Mo | ${rssTarget} |`);
    const generation = dataset.reused ? `${(dataset.generationMs / 1000).toFixed(1)} s (lors de la création du jeu)` : `${(dataset.generationMs / 1000).toFixed(1)} s`;
    const generationTarget = args.scale === 'large' && args.engine === 'postgres' ? `≤ 300 s : ${verdict(report, dataset.generationMs, targets.generationMs, false)}` : 'cible : large sur PostgreSQL';
    lines.push(`| génération du jeu de données | ${generation} | ${generationTarget} |`);
    lines.push(`| taille de la base (pg_database_size) | ${(dataset.databaseBytes / 2 ** 20).toFixed(0)} Mo | |`);
    if (report.export) lines.push(exportLine(report, report.export));
    for (const measured of report.activityReport ?? []) lines.push(activityReportLine(report, measured));
    lines.push('');
  }
  lines.push('| vérification | résultat |');
  lines.push('| --- | --- |');
  for (const check of report.checks) {
    const mark = check.status === 'ok' ? 'ok' : check.status === 'not-available' ? 'pas encore disponible' : '**FAUX**';
    lines.push(`| ${check.name} | ${mark} : ${check.detail} |`);
  }
  return lines.join('\n');
}

export function writeReport(report: Report): string {
  mkdirSync('bench/results', { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z');
  const file = `bench/results/${stamp}-${report.args.engine}-${report.args.scale}.json`;
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
