import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

// Node 20's --test does not expand globs: list the files ourselves.
const root = new URL('..', import.meta.url).pathname;
const suite = process.argv[2] === 'e2e' ? 'e2e' : 'unit';

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) return [];
    if (statSync(path).isDirectory()) return testFiles(path);
    return name.endsWith('.test.ts') || name.endsWith('.test.tsx') ? [path] : [];
  });
}

const all = [...testFiles(join(root, 'src')), ...testFiles(join(root, 'test'))];
const isE2e = (file: string) => relative(root, file).startsWith(join('test', 'e2e'));
const files = all.filter((file) => (suite === 'e2e' ? isE2e(file) : !isE2e(file))).sort();
if (files.length === 0) {
  console.error(`No ${suite} test files found.`);
  process.exit(1);
}
const extra = process.argv.slice(3);
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${suite === 'e2e' ? 1 : 2}`, '--test-timeout=300000', ...extra, ...files],
  { stdio: 'inherit', cwd: root },
);
process.exit(result.status ?? 1);
