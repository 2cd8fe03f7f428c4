// npm start: on Windows and macOS, sideload the add-in into desktop Excel (office-addin-debugging:
// dev certificates, then the `dev-server` script of package.json on https://localhost:3000, then
// Excel with the add-in; `npm stop` ends both). Elsewhere (Linux, no desktop Excel, no sudo for
// certificates) take the port, build the pane (development build, source maps without eval: the
// page's CSP forbids it) and serve it, printing the standalone URL instead of failing.
const { spawn, spawnSync } = require('node:child_process');
const path = require('node:path');

if (process.platform === 'win32' || process.platform === 'darwin') {
  // --dev-server-port: wait until the dev server answers before Excel loads the pane from it.
  const child = spawn('npx', ['office-addin-debugging', 'start', 'manifest.xml', '--dev-server-port', '3000'], { stdio: 'inherit', shell: true });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const { announce, listenOrExit, portFromEnv } = require('./serve-dist.js');
  process.stdout.write('桌面版 Excel 只能在 Windows/macOS 上旁加载；此处以独立模式提供任务窗格。\nDesktop Excel sideloading needs Windows or macOS; serving the pane in standalone mode instead.\n');
  // The port first: a second `npm start` stops here, before it rebuilds dist/ under the running one.
  listenOrExit(path.join(__dirname, '..', 'dist'), portFromEnv(), 'npm start').then((server) => {
    // Requests that arrive while webpack runs wait for it (the server answers once the build is done).
    const build = spawnSync('npx', ['webpack', '--mode', 'development'], { stdio: 'inherit', shell: true });
    if (build.status !== 0) {
      server.close();
      process.exit(build.status ?? 1);
    }
    announce(server);
  });
}
