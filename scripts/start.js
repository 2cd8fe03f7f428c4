// npm start: on Windows and macOS, sideload the add-in into desktop Excel (office-addin-debugging:
// dev server, dev certificates, Excel with the add-in). Elsewhere (Linux, no desktop Excel, no sudo
// for certificates) build the pane and serve it, printing the standalone URL instead of failing.
const { spawnSync, spawn } = require('node:child_process');

if (process.platform === 'win32' || process.platform === 'darwin') {
  const child = spawn('npx', ['office-addin-debugging', 'start', 'manifest.xml'], { stdio: 'inherit', shell: true });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  process.stdout.write('桌面版 Excel 只能在 Windows/macOS 上旁加载；此处以独立模式提供任务窗格。\nDesktop Excel sideloading needs Windows or macOS; serving the pane in standalone mode instead.\n');
  const build = spawnSync('npx', ['webpack', '--mode', 'development'], { stdio: 'inherit', shell: true });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const { serveDist } = require('./serve-dist.js');
  const port = Number(process.env.PORT || 3000);
  serveDist(require('node:path').join(__dirname, '..', 'dist'), port).then(() => {
    process.stdout.write(`独立模式 / standalone pane: http://localhost:${port}/taskpane.html  (Ctrl+C 停止 / to stop)\n`);
  });
}
