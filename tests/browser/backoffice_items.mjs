// backoffice_items.mjs — the item day of the back office in a real browser
// (issue 6's must-show, first half): playwright-core driving Debian's
// headless Chromium (/usr/bin/chromium), one browser context per person.
//
//   node backoffice_items.mjs BASE_URL SHOT_DIR
//
// A drafter signs in and drafts a 工作动态 with an ID number in its body
// (preview first) → the confidentiality gate blocks the submission (409)
// → one click masks the number, saved → submitted → the 分管领导 returns
// it with a comment → the drafter sees the comment, fixes and resubmits →
// the 分管领导 passes it with the three checks → the 主要领导 approves →
// the 信息公开工作人员 publishes → the item is on the portal and search
// finds it; then the officer's dashboard. The server must serve a demo database (`gongkai demo`) whose
// users need no password change. Each step saves
// SHOT_DIR/items-NN-step.png (…-FAILED.png when a check failed); the last
// line is "gk-test: browser_admin_items PASSED FAILED".
import { start, newPage, follow, signIn, textOf, checks, runSteps } from './lib.mjs';

const PASSWORD = 'Gongkai-Demo-2025';
const TITLE = '招商引资项目集中签约仪式举行';
const IDNO = '510422198001011235';		// 盐边县, 1980-01-01, check digit 5 (GB 11643)
const IDNO_MASKED = '510422********1235';
const DAY = process.env.GK_EXPECT_DAY || '2026-03-02';	// the server's today (GONGKAI_NOW)

const { base, shots, browser } = await start('browser_admin_items', 'backoffice_items.mjs');

const C = checks(), check = C.check;

// One signed-in person: a context of their own (their own cookie).
const people = {};
let page = null;		// the page of the current step (for the screenshot)
let allowed = new Set();	// statuses >= 400 the current action expects

async function person(login) {
	if (!people[login]) {
		const p = await newPage(browser, base, check, (st) => allowed.has(st));
		people[login] = p;
		await signIn(p, login, PASSWORD, check);
		check(await textOf(p.locator('main h1')) === '工作台', `${login}: no 工作台 after login`);
	}
	page = people[login];
	return page;
}

// What the steps found, for later ones.
const state = { itemPath: null };

const steps = [];
const step = (name, fn) => steps.push({ name, fn });

// The item's page for p; from the dashboard's queue when it is there.
async function openItem(p, fromQueue) {
	await p.goto('/admin/');
	const link = p.locator('#h-queue + ul a[href="' + state.itemPath + '"]');
	if (fromQueue) {
		check(await link.count() === 1, 'the item is not in the queue of ' + p.url());
		if (await link.count() === 1) {
			await follow(p, () => link.click());
			return;
		}
	}
	await p.goto(state.itemPath);
}

async function tickChecks(p) {
	for (const c of ['合法性', '准确性', '保密性'])
		await p.getByLabel(c + '审查通过').check();
}

async function notice(p, want, where) {
	const n = await textOf(p.locator('.notice.ok'));
	check(n.includes(want), `${where}: notice "${n}", want ${want}`);
}

// 1. The drafter drafts a work-news item with an ID number; preview first.
step('draft', async () => {
	const p = await person('drafter');
	await p.goto('/admin/items');
	await follow(p, () => p.getByRole('link', { name: '起草信息' }).click());
	check(await textOf(p.locator('main h1')) === '起草信息', 'draft: no editor');
	await p.getByLabel('标题').fill(TITLE);
	await p.getByLabel('栏目').selectOption('工作动态');
	await p.getByLabel('成文日期').fill(DAY);
	await p.getByLabel('活动结束日期').fill(DAY);
	await p.getByLabel('关键词').fill('招商引资，签约');
	await p.getByLabel('正文').fill(`签约仪式在县行政中心举行。\n\n- 签约项目 3 个\n- 联系人身份证号 ${IDNO}`);
	await follow(p, () => p.getByRole('button', { name: '预览', exact: true }).click());
	const pv = p.locator('section.preview');
	check(await pv.isVisible(), 'draft: no preview');
	check(await pv.locator('li').count() === 2, 'draft: the preview has no list of 2');
	await follow(p, () => p.getByRole('button', { name: '保存', exact: true }).click());
	state.itemPath = new URL(p.url()).pathname;
	check(/^\/admin\/items\/\d+$/.test(state.itemPath), 'draft: saved to ' + p.url());
	await notice(p, '已保存', 'draft');
	check(/\/\d{4}-\d{5}$/.test(await textOf(p.locator('#f-indexno'))), 'draft: no 索引号 allocated');
	const f = await textOf(p.locator('#findings'));
	check(f.includes('居民身份证号') && f.includes('5104**********1235'),
	    'draft: the findings do not name the ID number: ' + f);
	check(!f.includes(IDNO), 'draft: the findings show the whole number');
});

// 2. The gate blocks the submission.
step('gate-blocks', async () => {
	const p = await person('drafter');
	allowed = new Set([409]);
	await follow(p, () => p.getByRole('button', { name: '提交审核' }).click());
	allowed = new Set();
	const e = await textOf(p.locator('.error-summary'));
	check(e.includes('保密审查未通过'), 'gate: "' + e + '"');
	check(await textOf(p.locator('.state strong')) === '草稿', 'gate: not a draft any more');
});

// 3. One click masks it; saved; then submitted.
step('masked-submitted', async () => {
	const p = await person('drafter');
	await p.goto(state.itemPath);
	await follow(p, () => p.locator('#findings').getByRole('button', { name: '遮盖' }).first().click());
	await notice(p, '已遮盖', 'mask');
	const body = await p.getByLabel('正文').inputValue();
	check(body.includes(IDNO_MASKED) && !body.includes(IDNO), 'mask: body is "' + body + '"');
	check((await textOf(p.locator('#findings'))).includes('未发现'), 'mask: findings remain');
	await follow(p, () => p.getByRole('button', { name: '保存', exact: true }).click());
	await notice(p, '已保存', 'mask');
	await follow(p, () => p.getByRole('button', { name: '提交审核' }).click());
	await notice(p, '已提交分管领导审核', 'submit');
	check(await textOf(p.locator('.state strong')) === '待审核', 'submit: state');
});

// 4. The 分管领导 returns it with a comment.
step('returned', async () => {
	const p = await person('reviewer');
	await openItem(p, true);
	check(await p.getByRole('group', { name: '分管领导审核' }).isVisible(), 'return: no review form');
	// Returning without a comment is refused, and says why.
	allowed = new Set([409]);
	await follow(p, () => p.getByRole('button', { name: '退回修改' }).click());
	allowed = new Set();
	check(await p.locator('.error-summary').count() === 1, 'return: no message without a comment');
	await p.getByLabel('审核意见（退回时必填）').fill('请补充签约金额');
	await follow(p, () => p.getByRole('button', { name: '退回修改' }).click());
	await notice(p, '已退回拟稿人修改', 'return');
});

// 5. The drafter sees the comment, fixes and resubmits.
step('fixed', async () => {
	const p = await person('drafter');
	await p.goto('/admin/');
	check((await textOf(p.locator('#h-queue + ul'))).includes('已退回：请补充签约金额'),
	    'fix: the dashboard does not show the comment');
	await openItem(p, true);
	await p.getByLabel('正文').fill('签约仪式在县行政中心举行。\n\n- 签约项目 3 个\n- 协议金额 12.5 亿元');
	await follow(p, () => p.getByRole('button', { name: '保存', exact: true }).click());
	await follow(p, () => p.getByRole('button', { name: '提交审核' }).click());
	await notice(p, '已提交分管领导审核', 'resubmit');
});

// 6. The 分管领导 passes it with the three checks.
step('reviewed', async () => {
	const p = await person('reviewer');
	await openItem(p, true);
	await tickChecks(p);
	await p.getByLabel('审核意见（退回时必填）').fill('同意');
	await follow(p, () => p.getByRole('button', { name: '审核通过' }).click());
	await notice(p, '审核通过', 'review');
	const trail = await textOf(p.locator('table.trail'));
	check(trail.includes('请补充签约金额') && trail.includes('同意'), 'review: trail "' + trail + '"');
});

// 7. The 主要领导 approves.
step('approved', async () => {
	const p = await person('approver');
	await openItem(p, true);
	await tickChecks(p);
	await p.getByLabel('审定意见（退回时必填）').fill('同意公开');
	await follow(p, () => p.getByRole('button', { name: '审定通过' }).click());
	await notice(p, '审定通过', 'approve');
});

// 8. The 信息公开工作人员 publishes.
step('published', async () => {
	const p = await person('officer');
	await openItem(p, true);
	await follow(p, () => p.getByRole('button', { name: '发布', exact: true }).click());
	await notice(p, '已发布', 'publish');
	check(await textOf(p.locator('.state strong')) === '已发布', 'publish: state');
});

// 9. On the portal, and found by search.
step('portal-search', async () => {
	const p = await person('officer');
	await follow(p, () => p.getByRole('link', { name: '在门户网站查看' }).click());
	check(/^\/item\/\d+$/.test(new URL(p.url()).pathname), 'portal: at ' + p.url());
	check((await textOf(p.locator('main h1'))).includes(TITLE), 'portal: no title');
	await p.waitForTimeout(300);	// the page cache notices the change within 200 ms
	await p.goto('/search?q=' + encodeURIComponent('集中签约'));
	const id = state.itemPath.split('/').pop();
	check(await p.locator(`main a[href="/item/${id}"]`).count() >= 1, 'search: the item is not found');
});

// 10. The officer's dashboard: every section, each line a link.
step('dashboard', async () => {
	const p = await person('officer');
	await p.goto('/admin/');
	for (const h of ['我的待办', '发布时限', '依申请公开', '留言咨询待答复', '年度报告', '渠道同步'])
		check(await p.getByRole('heading', { name: h, exact: true }).count() === 1,
		    'dashboard: no section ' + h);
	/* The panel's own links (the menu has the same two). */
	check(await p.locator('main a[href="/admin/channels"]').count() === 1 &&
	    await p.locator('main a[href="/admin/check"]').count() === 1,
	    'dashboard: no channel panel');
	const year = Number(DAY.slice(0, 4)) - 1;
	check(await p.locator(`a[href="/admin/report/${year}"]`).count() === 1,
	    `dashboard: no link to the ${year} report`);
	// The demo bureau has one pending 留言咨询.
	check(await p.locator('#h-consult + ul a[href^="/admin/consultations/"]').count() === 1,
	    'dashboard: the pending consultation is not listed');
});

await runSteps(C, { name: 'browser_admin_items', browser, shots, prefix: 'items-', steps,
    before: () => { allowed = new Set(); },
    shoot: async (file) => { if (page) await page.screenshot({ path: file, fullPage: true }); } });
