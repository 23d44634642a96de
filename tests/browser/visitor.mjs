// visitor.mjs — a visitor's path through the gongkai portal in a real browser:
// playwright-core driving Debian's headless Chromium (/usr/bin/chromium).
//
//   node visitor.mjs BASE_URL SHOT_DIR
//
// The portal must be served at BASE_URL (a demo database: `gongkai demo`).
// Each step acts as a person would (clicks links, fills fields found by
// their labels), checks what the page shows, and saves a screenshot
// SHOT_DIR/NN-step.png (NN-step-FAILED.png when a check failed). Every
// check is counted; the last line is "gk-test: browser PASSED FAILED"
// (tests/run.sh reads it) and the exit status is 1 when anything failed.
// A step that throws (a timeout, a missing element) counts as one failed
// check and the next step starts from its own fallback address.
import { join } from 'node:path';
import { start, newPage, follow as followOn, textOf, checks, runSteps } from './lib.mjs';

const AGENCY = '盐边县经济合作和商务局';
const QUERY = '招商引资';
// The applicant's personal data: must never show on the tracking page.
const APPLICANT = {
	name: '李明远',
	phone: '13812345678',
	email: 'liming@example.com',
	request: '2025年盐边县招商引资项目签约清单及投资金额',
};

// Dates the server's clock (GONGKAI_NOW) makes, worked out by hand by the
// caller (tests/cli/test_browser.sh); only the format is checked without them.
const EXPECT = {
	received: process.env.GK_EXPECT_RECEIVED || null,
	due: process.env.GK_EXPECT_DUE || null,
	left: process.env.GK_EXPECT_LEFT || null,
};

// No sandbox (tests run as root); no background connections to the
// outside (this machine's network is closed): lib.mjs's start.
const { base, shots, browser } = await start('browser', 'visitor.mjs');

const C = checks(), check = C.check;

// A date as the portal writes it.
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const url = (page) => new URL(page.url());

// Font size in px of the first element matching sel.
async function fontSize(page, sel) {
	return page.locator(sel).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
}

// Runs action (a click or a key that leaves the page) and waits until the
// page it leads to has loaded, redirects followed.
const follow = (action) => followOn(page, action);

// The value cell of a metadata-table row, found by its header text.
function metaCell(page, table, label) {
	return table.locator('tr').filter({ has: page.locator('th', { hasText: label }) }).locator('td');
}

// Every page and resource the browser loads must load (no 4xx/5xx, the
// stylesheet included).
const page = await newPage(browser, base, check);

// What earlier steps found, for later ones.
const state = { agencyPath: null, listPath: null, itemPath: null, code: null, due: null };

const steps = [];
const step = (name, fallback, fn) => steps.push({ name, fallback, fn });

// 1. The platform home lists the agencies' columns.
step('home', '/', async () => {
	const resp = await page.goto('/');
	check(resp && resp.status() === 200, 'home: GET / answered ' + (resp && resp.status()));
	check((await page.locator('html').getAttribute('lang')) === 'zh-CN', 'home: <html lang> is not zh-CN');
	check(await page.locator('h1').first().isVisible(), 'home: no visible <h1>');
	const link = page.locator('#agencies').getByRole('link', { name: AGENCY, exact: true });
	check(await link.count() === 1, `home: the agencies list has no link named ${AGENCY}`);
	const footer = await textOf(page.locator('footer'));
	for (const t of ['主办单位：', '网站标识码：', 'ICP备案号：', '公安机关备案号：', '网站地图'])
		check(footer.includes(t), 'home: footer lacks ' + t);
});

// 2. The agency's 政府信息公开专栏.
step('agency', '/', async () => {
	await follow(() => page.locator('#agencies').getByRole('link', { name: AGENCY, exact: true }).click());
	state.agencyPath = url(page).pathname;
	check(/^\/agency\/\d+\/$/.test(state.agencyPath), 'agency: landed on ' + state.agencyPath +
	    ', want /agency/{id}/');
	const h1 = await textOf(page.locator('h1'));
	check(h1 === AGENCY + '政府信息公开专栏', 'agency: <h1> is "' + h1 + '"');
	check(await textOf(page.locator('header .sitename')) === AGENCY, 'agency: header lacks the agency name');
	const nav = page.getByRole('navigation', { name: '主导航' });
	for (const l of ['信息公开指南', '信息公开制度', '法定主动公开内容', '信息公开年报', '依申请公开', '留言咨询'])
		check(await nav.getByRole('link', { name: l, exact: true }).count() === 1, 'agency: navigation lacks ' + l);
});

// 3. 法定主动公开内容 → a category with items → its list.
step('section', null, async () => {
	if (state.agencyPath) await page.goto(state.agencyPath);
	await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '法定主动公开内容' }).click();
	check(url(page).hash === '#content', 'section: the navigation link did not go to #content');
	const tree = page.locator('#content');
	check(await tree.isVisible(), 'section: #content (the category tree) is not visible');
	// The category with the most entries (the first of equals).
	const cats = tree.locator('li > a[href*="/category/"]');
	const n = await cats.count();
	check(n >= 3, 'section: the tree lists ' + n + ' categories, want at least 3');
	let target = null, want = 0;
	for (let i = 0; i < n; i++) {
		const li = cats.nth(i).locator('xpath=..');
		const m = (await textOf(li.locator(':scope > .count'))).match(/^（(\d+) 条）$/);
		check(m !== null, `section: category ${i + 1} has no count （N 条）`);
		if (m && Number(m[1]) > want) { target = cats.nth(i); want = Number(m[1]); }
	}
	if (!check(target !== null, 'section: no category with items in the tree')) return;
	const name = await textOf(target);
	await follow(() => target.click());
	state.listPath = url(page).pathname;
	check(/^\/agency\/\d+\/category\/\d+\/$/.test(state.listPath), 'section: list at ' + state.listPath);
	check(await textOf(page.locator('main h1')) === name, 'section: list <h1> is not "' + name + '"');
	const total = await textOf(page.locator('p.total'));
	check(total.startsWith(`共 ${want} 条`), `section: "${total}" does not start with 共 ${want} 条`);
	const items = page.locator('main ul.items > li');
	const shown = await items.count();
	check(shown >= 1 && shown <= want, `section: ${shown} items listed of ${want}`);
	if (shown < want)
		check(await page.getByRole('navigation', { name: '分页' }).count() === 1,
		    'section: more items than shown but no pager');
	for (let i = 0; i < shown; i++) {
		const d = await textOf(items.nth(i).locator('time'));
		check(DATE.test(d), `section: item ${i + 1} date "${d}" is not YYYY-MM-DD`);
	}
	const crumbs = await textOf(page.getByRole('navigation', { name: '当前位置' }));
	check(crumbs.startsWith('当前位置：首页') && crumbs.includes(name),
	    'section: breadcrumbs "' + crumbs + '"');
});

// 4. An item: its 信息属性 table.
step('item', null, async () => {
	if (state.listPath) await page.goto(state.listPath);
	const first = page.locator('main ul.items > li > a').first();
	const title = await textOf(first);
	await follow(() => first.click());
	state.itemPath = url(page).pathname;
	check(/^\/item\/\d+$/.test(state.itemPath), 'item: landed on ' + state.itemPath);
	check(await textOf(page.locator('article h1')) === title, `item: <h1> is not "${title}"`);
	const meta = page.locator('table.meta');
	check(await textOf(meta.locator('caption')) === '信息属性', 'item: metadata table caption');
	for (const l of ['索引号', '主题分类', '发布机构', '成文日期', '发布日期', '文号', '有效性'])
		check(await metaCell(page, meta, l).count() === 1, 'item: metadata table lacks the row ' + l);
	check(await textOf(metaCell(page, meta, '发布机构')) === AGENCY, 'item: 发布机构 is not ' + AGENCY);
	const pub = await textOf(metaCell(page, meta, '发布日期'));
	check(DATE.test(pub), `item: 发布日期 "${pub}" is not YYYY-MM-DD`);
	const idx = await textOf(metaCell(page, meta, '索引号'));
	check(idx !== '' && idx !== '—', 'item: 索引号 is empty');
	check((await textOf(page.locator('article .body'))).length > 20, 'item: the body text is missing');
});

// 5. Search 招商引资 through the search box in the header.
step('search', '/', async () => {
	if (!state.itemPath && state.agencyPath) await page.goto(state.agencyPath);
	const box = page.locator('form.searchbox').getByLabel('站内搜索');
	await box.fill(QUERY);
	await follow(() => box.press('Enter'));
	const u = url(page);
	check(u.pathname === '/search' && u.searchParams.get('q') === QUERY,
	    'search: landed on ' + u.pathname + u.search);
	const total = await textOf(page.locator('.search-total'));
	const m = total.match(/共 (\d+) 条结果/);
	check(m && Number(m[1]) >= 2, `search: "${total}", want at least 2 results`);
	const hits = page.locator('ol.search-results > li');
	const n = await hits.count();
	check(n >= 2, 'search: ' + n + ' results listed');
	const titles = [];
	for (let i = 0; i < n; i++) titles.push(await textOf(hits.nth(i).locator('h3')));
	check(titles.some((t) => t.includes('盐边县招商引资优惠政策')),
	    'search: 盐边县招商引资优惠政策（试行） is not among ' + JSON.stringify(titles));
	check(await hits.first().locator('mark').count() >= 1, 'search: the first result has no highlighted term');
	check(titles.every((t) => t.length > 0), 'search: a result without a title');
	// Searched from the bureau's column: its results only.
	for (let i = 0; i < n; i++)
		check((await textOf(hits.nth(i).locator('.meta'))).includes('发布机构：' + AGENCY),
		    `search: result ${i + 1} is not from ${AGENCY}`);
	// The query stays in the search page's own box.
	check(await page.locator('form.search-form input[name="q"]').inputValue() === QUERY,
	    'search: the query is not kept in the search form');
});

// 6. The online application form, filled through the fields' labels.
step('apply-form', '/', async () => {
	if (state.agencyPath) await page.goto(state.agencyPath);
	await follow(() => page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '依申请公开' }).click());
	check(/^\/apply\/\d+$/.test(url(page).pathname), 'apply-form: landed on ' + url(page).pathname);
	check(await textOf(page.locator('main h1')) === '政府信息公开申请', 'apply-form: <h1>');
	await page.getByLabel('自然人').check();
	await page.getByLabel('姓名或者名称').fill(APPLICANT.name);
	await page.getByLabel('联系电话').fill(APPLICANT.phone);
	await page.getByLabel('电子邮件', { exact: false }).and(page.locator('input[type="email"]')).fill(APPLICANT.email);
	await page.getByLabel('所需政府信息的名称或描述').fill(APPLICANT.request);
	await page.getByLabel('用途说明').fill('了解本县招商引资情况');
	await page.getByRole('radio', { name: '电子邮件' }).check();
	check(await page.getByLabel('姓名或者名称').inputValue() === APPLICANT.name, 'apply-form: 姓名 not filled');
	check(await page.getByRole('radio', { name: '电子邮件' }).isChecked(), 'apply-form: delivery not chosen');
	// The honeypot stays out of the way of a person.
	check(!(await page.getByLabel('请勿填写此项').isVisible()) ||
	    (await page.getByLabel('请勿填写此项').getAttribute('tabindex')) === '-1',
	    'apply-form: the honeypot field is reachable');
});

// 7. Submit: the confirmation with the tracking code and the due date.
step('apply-submit', null, async () => {
	await follow(() => page.getByRole('button', { name: '提交申请' }).click());
	check(await textOf(page.locator('main h1')) === '申请已提交',
	    'apply-submit: <h1> is "' + await textOf(page.locator('main h1')) + '" (form refused?)');
	const code = await textOf(page.locator('main strong.code'));
	check(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(code), `apply-submit: tracking code "${code}"`);
	state.code = code;
	const notice = await textOf(page.locator('main .notice'));
	const m = notice.match(/答复期限：(\d{4}-\d{2}-\d{2})/);
	check(m !== null, 'apply-submit: no 答复期限 date in "' + notice + '"');
	if (m) state.due = m[1];
	if (EXPECT.due)
		check(m && m[1] === EXPECT.due, `apply-submit: 答复期限 ${m && m[1]}, want ${EXPECT.due}`);
	if (EXPECT.received)
		check(notice.includes('收到申请之日：' + EXPECT.received),
		    `apply-submit: 收到申请之日 is not ${EXPECT.received} in "${notice}"`);
	check(await page.getByRole('link', { name: '查看办理进度' }).count() === 1, 'apply-submit: no tracking link');
});

// 8. /track with the code: state and due date, nothing personal.
step('track', '/track', async () => {
	await page.goto('/track');
	const field = page.getByLabel('查询码');
	if (!check(state.code !== null, 'track: no tracking code from the previous step')) return;
	await field.fill(state.code.toLowerCase());	// case and hyphens do not matter
	await follow(() => page.getByRole('button', { name: '查询' }).click());
	check(url(page).pathname === '/track', 'track: landed on ' + url(page).pathname);
	const meta = page.locator('table.meta');
	check((await textOf(meta.locator('caption'))).includes(state.code), 'track: caption lacks the code');
	check(await textOf(metaCell(page, meta, '受理机关')) === AGENCY, 'track: 受理机关');
	const st = await textOf(metaCell(page, meta, '办理状态'));
	check(st !== '', 'track: 办理状态 is empty');
	const due = await textOf(metaCell(page, meta, '答复期限'));
	check(DATE.test(due) && due === state.due, `track: 答复期限 "${due}", the confirmation said "${state.due}"`);
	const left = await textOf(metaCell(page, meta, '剩余时间'));
	check(EXPECT.left ? left === EXPECT.left + ' 个工作日' : /^\d+ 个工作日$/.test(left),
	    `track: 剩余时间 "${left}"`);
	if (EXPECT.received)
		check(await textOf(metaCell(page, meta, '收到申请之日')) === EXPECT.received, 'track: 收到申请之日');
	check(await textOf(metaCell(page, meta, '申请方式')) !== '', 'track: 申请方式 is empty');
	const html = await page.content();
	for (const [k, v] of Object.entries(APPLICANT))
		check(!html.includes(v), `track: the page shows the applicant's ${k} "${v}"`);
});

// 9. 大字版: the text grows and the choice is kept.
step('large-text', '/', async () => {
	const sel = 'main p, main td, main li';
	const before = await fontSize(page, sel);
	// On the tracking page: back to the same address, query included.
	const back = url(page).pathname + url(page).search;
	await follow(() => page.locator('header').getByRole('link', { name: '大字版' }).click());
	const now = url(page).pathname + url(page).search;
	check(now === back, `large-text: came back to ${now}, want ${back}`);
	await page.screenshot({ path: join(shots, '09-large-text-track.png'), fullPage: true });
	check(await page.locator('html.large').count() === 1, 'large-text: <html> has no class "large"');
	const after = await fontSize(page, sel);
	check(after >= before * 1.15, `large-text: font size ${before}px → ${after}px, want at least 15% larger`);
	check(await page.locator('header').getByRole('link', { name: '标准版' }).count() === 1,
	    'large-text: no 标准版 link to switch back');
	// Kept on the next page.
	await page.goto('/');
	check(await page.locator('html.large').count() === 1, 'large-text: not kept on the next page');
});

// 10. 标准版 switches back.
step('standard-text', '/', async () => {
	const before = await fontSize(page, 'main li');
	await follow(() => page.locator('header').getByRole('link', { name: '标准版' }).click());
	check(await page.locator('html.large').count() === 0, 'standard-text: 标准版 did not switch back');
	const after = await fontSize(page, 'main li');
	check(after * 1.15 <= before, `standard-text: font size ${before}px → ${after}px, want at least 15% smaller`);
	check(await page.locator('header').getByRole('link', { name: '大字版' }).count() === 1,
	    'standard-text: no 大字版 link');
});

// 11. The keyboard: Tab reaches the skip link first, Enter moves to <main>.
step('keyboard', '/', async () => {
	await page.goto(state.itemPath || '/');
	await page.keyboard.press('Tab');
	const first = await page.evaluate(() => {
		const a = document.activeElement;
		const r = a.getBoundingClientRect();
		return { tag: a.tagName, text: a.textContent.trim(), href: a.getAttribute('href'),
		    visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight,
		    outline: getComputedStyle(a).outlineStyle };
	});
	check(first.tag === 'A' && first.href === '#main' && first.text === '跳转到主要内容',
	    'keyboard: the first Tab reached ' + JSON.stringify(first));
	check(first.visible, 'keyboard: the focused skip link is not visible on screen');
	await page.screenshot({ path: join(shots, '11-keyboard-skip.png') });
	await page.keyboard.press('Enter');
	const now = await page.evaluate(() => ({ id: document.activeElement.id, hash: location.hash }));
	check(now.hash === '#main', 'keyboard: Enter on the skip link did not go to #main');
	check(now.id === 'main', 'keyboard: focus is on "' + now.id + '" after the skip link, want main');
	// Then Tab goes on into the content, not back to the header.
	await page.keyboard.press('Tab');
	const inMain = await page.evaluate(() => !!document.activeElement.closest('main'));
	check(inMain, 'keyboard: Tab after the skip link left <main>');
});

await runSteps(C, { name: 'browser', browser, shots, prefix: '', steps,
    before: async (s, prevFailed) => { if (prevFailed && s.fallback) await page.goto(s.fallback); },
    shoot: (file) => page.screenshot({ path: file, fullPage: true }) });
