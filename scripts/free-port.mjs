#!/usr/bin/env node
// Prints the given port when nothing listens on it at 127.0.0.1, else a free one the system picks.
// npm test uses it for the end-to-end app server, npm run demo for the portal.
//   node scripts/free-port.mjs 4173
import { createServer } from 'node:net';
import { portInUse } from './stack/process.mjs';

const wanted = Number(process.argv[2]);
if (!Number.isInteger(wanted) || wanted < 1 || wanted > 65535) {
	process.stderr.write('usage: node scripts/free-port.mjs <port>\n');
	process.exit(2);
}
if (!(await portInUse(wanted))) {
	process.stdout.write(`${wanted}\n`);
} else {
	const server = createServer();
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
	await new Promise((resolve) => server.close(resolve));
	process.stderr.write(`port ${wanted} is taken; using ${port}\n`);
	process.stdout.write(`${port}\n`);
}
