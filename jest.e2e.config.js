/** End-to-end suites: need LibreOffice (and, later, Chromium); run with `npm run test:e2e`. */
const base = require('./jest.config');

module.exports = { ...base, roots: ['<rootDir>/test-e2e'], testTimeout: 300000 };
