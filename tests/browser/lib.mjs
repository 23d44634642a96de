// lib.mjs — what a browser test of tests/browser needs first: its two
// arguments (BASE_URL SHOT_DIR) and Debian's Chromium started through
// playwright-core (GK_CHROMIUM, default /usr/bin/chromium). On any failure
// it prints "gk-test: NAME 0 1" and exits 1 (a missing browser fails, never
// skips). And what they do with it: a page of its own, the sign-in of the
// back office, an element's text. Used by every script here.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

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

// A page in a browser context of its own (its own cookies) at base: zh-CN,
// 1280×900, 10 s timeouts. A script error, or an answer >= 400 that
// allowed(status) does not accept, fails check(cond, msg).
export async function newPage(browser, base, check, allowed = () => false) {
	const context = await browser.newContext({ baseURL: base, locale: 'zh-CN',
	    viewport: { width: 1280, height: 900 } });
	context.setDefaultTimeout(10000);
	const p = await context.newPage();
	p.on('pageerror', (e) => check(false, 'script error on ' + p.url() + ': ' + e.message));
	p.on('response', (r) => {
		if (r.status() >= 400 && !allowed(r.status()))
			check(false, `${r.request().method()} ${r.url()} answered ${r.status()}`);
	});
	return p;
}

// Runs action (a click or a key that leaves the page) and waits until the
// page it leads to has loaded, redirects followed.
export function follow(p, action) {
	return Promise.all([p.waitForNavigation({ waitUntil: 'load' }), action()]);
}

// Signs login in on p through the back office's login form (/admin/ without
// a session leads there) and checks it lands on /admin/.
export async function signIn(p, login, password, check) {
	await p.goto('/admin/');
	check(new URL(p.url()).pathname === '/admin/login', `${login}: /admin/ without a session ` +
	    'did not go to the login page');
	await p.getByLabel('登录名').fill(login);
	await p.getByLabel('密码').fill(password);
	await follow(p, () => p.getByRole('button', { name: '登录', exact: true }).click());
	check(new URL(p.url()).pathname === '/admin/', `${login}: after login at ${p.url()}`);
}

// The text of the element loc (its first when first), white space folded.
export async function textOf(loc, first = false) {
	return ((await (first ? loc.first() : loc).textContent()) || '').replace(/\s+/g, ' ').trim();
}

// The checks of a script: c.check(cond, msg) counts one (printing a
// failure) and returns cond; c.failedNow says whether the current step
// has failed one.
export function checks() {
	const c = { pass: 0, fail: 0, failedNow: false };
	c.check = (cond, msg) => {
		if (cond) {
			c.pass++;
		} else {
			c.fail++;
			c.failedNow = true;
			console.log('FAIL: ' + msg);
		}
		return cond;
	};
	return c;
}

// Runs the steps ({ name, fn }) in turn with the checks c: before(step,
// previousFailed) first (may be omitted), a throw counted as one failed
// check, then shoot(file) saves SHOT_DIR/PREFIXNN-NAME.png (…-FAILED.png
// when the step failed) and a line says how the step went. Then closes the
// browser, prints "gk-test: NAME PASSED FAILED" and exits (1 on a failure).
export async function runSteps(c, { name, browser, shots, prefix, steps, before, shoot }) {
	for (let i = 0; i < steps.length; i++) {
		const s = steps[i];
		const nn = String(i + 1).padStart(2, '0');
		const prevFailed = c.failedNow;
		c.failedNow = false;
		try {
			if (before) await before(s, prevFailed);
			await s.fn();
		} catch (e) {
			c.check(false, `${s.name}: ${e.message.split('\n')[0]}`);
		}
		const file = join(shots, `${prefix}${nn}-${s.name}${c.failedNow ? '-FAILED' : ''}.png`);
		try {
			await shoot(file);
		} catch (e) {
			c.check(false, `${s.name}: screenshot: ${e.message.split('\n')[0]}`);
		}
		console.log(`${c.failedNow ? 'FAILED' : 'ok    '} ${nn} ${s.name} (${file})`);
	}
	await browser.close();
	console.log(`gk-test: ${name} ${c.pass} ${c.fail}`);
	process.exit(c.fail === 0 ? 0 : 1);
}
