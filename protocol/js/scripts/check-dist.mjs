// dist/ is committed, so that `mvn package` builds a node with the SDK in it without Node.js;
// this fails when dist/ is not what `npm run build` makes of src/ now.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const fresh = join('build', 'check');
rmSync(fresh, { recursive: true, force: true });
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.', '--outDir', fresh], { stdio: 'inherit' });
const names = dir => readdirSync(dir).sort();
const stale = [...new Set([...names('dist'), ...names(fresh)])].filter(name => {
  try {
    return !readFileSync(join('dist', name)).equals(readFileSync(join(fresh, name)));
  } catch {
    return true;
  }
});
if (stale.length > 0) {
  console.error(`dist/ is not the build of src/ (${stale.join(', ')}): run npm run build, and commit dist/`);
  process.exit(1);
}
console.log(`dist/ is the build of src/ (${names(fresh).length} files)`);
