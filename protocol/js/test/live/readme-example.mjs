// The README's example as a newcomer runs it: the package packed with `npm pack`, installed into
// an empty folder, the example copied there as play.mjs and run against a real node, where it
// must collect its three coins and leave.
// Usage: node readme-example.mjs <edge URL>
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run, check } from './live.mjs';

const [edge] = process.argv.slice(2);
const sdk = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function sh(command, args, cwd, env = {}) {
  const done = spawnSync(command, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 90_000 });
  const output = `${done.stdout ?? ''}${done.stderr ?? ''}`;
  check(done.status === 0, `${command} ${args.join(' ')} failed (${done.status ?? done.signal}):\n${output}`);
  return output;
}

await run(240, async () => {
  const readme = readFileSync(join(sdk, 'README.md'), 'utf8');
  const example = /<!-- example[^>]*-->\s*```js\n([\s\S]*?)```/.exec(readme);
  check(example !== null, 'README.md has no example block');
  const folder = mkdtempSync(join(tmpdir(), 'arena-client-example-'));
  try {
    const packed = sh('npm', ['pack', '--silent', '--pack-destination', folder], sdk).trim().split('\n').pop();
    const app = join(folder, 'app');
    mkdirSync(app);
    sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(folder, packed)], app);
    writeFileSync(join(app, 'play.mjs'), example[1]);
    const output = sh('node', ['play.mjs'], app, { ARENA_URL: edge });
    console.log(output.trim());
    check(/^in room \S+ as \S+$/m.test(output), 'the example did not join');
    check(/^three coins by tick \d+$/m.test(output), 'the example did not collect three coins');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
