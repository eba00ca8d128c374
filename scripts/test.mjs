// `npm test`: builds the renderer the e2e tests load, then runs every test project.
import { spawnSync } from 'node:child_process';

const run = (cmd, args) => {
  console.log(`\n> ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: false });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
const extra = process.argv.slice(2);
run('npx', ['vite', 'build', '--logLevel', 'warn']);
run('npx', ['vitest', 'run', '--project', 'unit', ...extra]);
run('npx', ['vitest', 'run', '--project', 'slow', ...extra]);
