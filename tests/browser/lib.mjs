// lib.mjs — what a browser test of tests/browser needs first: its two
// arguments (BASE_URL SHOT_DIR) and Debian's Chromium started through
// playwright-core (GK_CHROMIUM, default /usr/bin/chromium). On any failure
// it prints "gk-test: NAME 0 1" and exits 1 (a missing browser fails, never
// skips). Used by backoffice_apply.mjs.
import { mkdirSync } from 'node:fs';

export async function start(name, script) {
	const [base, shots] = process.argv.slice(2);
	if (!base || !shots) {
		console.error(`usage: node ${script} BASE_URL SHOT_DIR`);
		process.exit(2);
	}
	const executablePath = process.env.GK_CHROMIUM || '/usr/bin/chromium';
	let chromium;
	try {
		({ chromium } = await import('playwright-core'));
	} catch (e) {
		console.error('FAIL: playwright-core is not installed (make deps): ' + e.message);
		console.log(`gk-test: ${name} 0 1`);
		process.exit(1);
	}
	mkdirSync(shots, { recursive: true });
	try {
		const browser = await chromium.launch({ executablePath, args: ['--no-sandbox',
		    '--disable-gpu', '--disable-background-networking', '--disable-component-update',
		    '--disable-sync', '--disable-quic', '--no-first-run'] });
		return { base, shots, browser };
	} catch (e) {
		console.error(`FAIL: cannot start Chromium at ${executablePath}: ` +
		    e.message.split('\n')[0]);
		console.log(`gk-test: ${name} 0 1`);
		process.exit(1);
	}
}
