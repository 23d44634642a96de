// backoffice_apply.mjs — the application day of the back office in a real
// browser (issue 6's must-show, second half): playwright-core driving
// Debian's headless Chromium (/usr/bin/chromium).
//
//   node backoffice_apply.mjs BASE_URL SHOT_DIR
//
// The 信息公开工作人员 of 盐边县经济合作和商务局 signs in, reads the annual report
// preview's 三 (二) 部分公开 × 商业企业 cell → takes in an application
// received in person from a company → requests a 补正 (the state is 待补正)
// → records the corrected application (the clock restarts) → chooses
// 部分公开, generates the letter, edits it, sends it (the application is
// 已办结, 部分公开) → a visitor's tracking page shows 部分公开 and nothing
// personal → the report preview (/admin/report/2025, H5's screen) counts one
// more in that cell. The server must serve a demo database whose users need
// no password change, with the clock at 2025-12-10. Each step saves
// SHOT_DIR/apply-NN-step.png (…-FAILED.png when a check failed); the last
// line is "gk-test: browser_admin_apply PASSED FAILED".
import { start, newPage, follow, signIn, textOf, checks, runSteps } from './lib.mjs';

const PASSWORD = 'Gongkai-Demo-2025';
const COMPANY = '攀枝花市某某商贸有限公司';
const PHONE = '13812345678';
const NAME = 'browser_admin_apply';
const { base, shots, browser } = await start(NAME, 'backoffice_apply.mjs');

const C = checks(), ok = C.check;
const text = (loc) => textOf(loc, true);
const go = follow;

// The report preview's cell 三 (二) 部分公开 × 商业企业 (the second number of the row).
async function partialBusiness(p) {
	await p.goto('/admin/report/2025');
	const row = p.locator('table.gk-s3 tr', { has: p.locator('th', { hasText: '部分公开' }) });
	if (!ok(await row.count() === 1, 'report preview: no 部分公开 row in table 三 at ' + p.url()))
		return NaN;
	return Number(await text(row.locator('td').nth(1)));
}

const officer = await newPage(browser, base, ok);
const visitor = await newPage(browser, base, ok);
const st = { before: NaN, path: '', code: '', shot: null };
let page = officer;

const steps = [
	['login-report-before', async () => {
		page = officer;
		await signIn(officer, 'officer', PASSWORD, ok);
		st.before = await partialBusiness(officer);
		ok(Number.isInteger(st.before), 'report preview: the cell is not a number');
		st.shot = officer.locator('table.gk-s3').first();	// the table, not the whole report
	}],
	['intake', async () => {
		await officer.goto('/admin/applications');
		await go(officer, () => officer.getByRole('link', { name: '登记新申请' }).click());
		await officer.getByLabel('申请渠道').selectOption('in_person');
		await officer.getByLabel('收到申请之日').fill('2025-12-01');
		await officer.getByLabel('申请人类型').selectOption('business');
		await officer.getByLabel('姓名或者名称').fill(COMPANY);
		await officer.getByLabel('联系电话').fill(PHONE);
		await officer.getByLabel('所需政府信息的名称或描述').fill('2025年招商引资项目清单及兑现情况');
		await officer.getByLabel('获取信息的方式', { exact: true }).fill('电子邮件');
		await officer.getByLabel('电子邮件', { exact: true }).fill('buyer@example.com');
		await go(officer, () => officer.getByRole('button', { name: '登记', exact: true }).click());
		st.path = new URL(officer.url()).pathname;
		ok(/^\/admin\/applications\/\d+$/.test(st.path), 'intake: at ' + officer.url());
		st.code = await text(officer.locator('h1 .code'));
		ok(/^[0-9A-Z]{12}$/.test(st.code), 'intake: code "' + st.code + '"');
		ok(await text(officer.locator('#due')) === '2025-12-29', 'intake: due ' +
		    await text(officer.locator('#due')));
		ok(await text(officer.locator('#state')) === '办理中', 'intake: state');
	}],
	['correction-requested', async () => {
		await officer.getByLabel('告知日期').fill('2025-12-02');
		await officer.getByLabel('补正期限').fill('2025-12-09');
		await officer.getByLabel('需补正的事项').fill('请写明所需项目的名称');
		await go(officer, () => officer.getByRole('button', { name: '记录补正告知' }).click());
		ok(await text(officer.locator('#state')) === '待补正', 'correct: state ' +
		    await text(officer.locator('#state')));
		ok((await text(officer.locator('table.timeline'))).includes('请写明所需项目的名称'),
		    'correct: not in the timeline');
	}],
	['corrected', async () => {
		await officer.getByLabel('收到补正之日').fill('2025-12-08');
		await go(officer, () => officer.getByRole('button', { name: '记录已补正' }).click());
		ok(await text(officer.locator('#state')) === '办理中', 'corrected: state');
		ok((await text(officer.locator('.clock'))).includes('2025-12-08'), 'corrected: no restart');
	}],
	['letter-draft', async () => {
		await go(officer, () => officer.getByRole('link', { name: /答复（选择办理结果/ }).click());
		await officer.getByLabel('办理结果（年度报告表三的栏目）').selectOption('partial');
		await officer.getByLabel('答复日期').fill('2025-12-10');
		await officer.getByLabel('部分公开：提供的部分').fill('2025年招商引资项目清单');
		await officer.getByLabel('理由或说明').fill('兑现金额涉及企业商业秘密，不予公开');
		await officer.getByLabel('获取信息的方式、地点和时间').fill('通过电子邮件发送');
		await go(officer, () => officer.getByRole('button', { name: '生成草稿' }).click());
		ok((await text(officer.locator('article.gk-letter h1'))) === '政府信息公开申请答复告知书',
		    'draft: no letter');
		ok((await text(officer.locator('article.gk-letter'))).includes(COMPANY), 'draft: no addressee');
	}],
	['letter-edited', async () => {
		const body = officer.getByLabel(/告知书正文/);
		await body.fill((await body.inputValue()) + '\n　　如需纸质文本，请与本机关联系。\n');
		await go(officer, () => officer.getByRole('button', { name: '保存修改' }).click());
		ok((await text(officer.locator('main h2'))).includes('第 2 版'), 'edit: not version 2');
		ok((await text(officer.locator('article.gk-letter'))).includes('如需纸质文本'),
		    'edit: the edit is not shown');
	}],
	['answered-partial', async () => {
		await go(officer, () => officer.getByRole('button', { name: '确认答复并发送' }).click());
		ok(new URL(officer.url()).pathname === st.path, 'send: at ' + officer.url());
		ok(await text(officer.locator('#state')) === '已办结', 'send: state');
		ok((await text(officer.locator('#outcome'))).includes('部分公开'), 'send: outcome');
	}],
	['tracking-page', async () => {
		page = visitor;
		await visitor.goto('/track');
		await visitor.locator('input[name="code"]').fill(st.code);
		await go(visitor, () => visitor.locator('main form button[type="submit"]').first().click());
		const t = await text(visitor.locator('main'));
		ok(t.includes('部分公开'), 'track: no 部分公开');
		ok(t.includes('已办结'), 'track: not 已办结');
		ok(!t.includes(COMPANY) && !t.includes(PHONE), 'track: personal data shown');
	}],
	['report-counts-it', async () => {
		page = officer;
		const after = await partialBusiness(officer);
		ok(after === st.before + 1, `report preview: 部分公开 × 商业企业 is ${after}, want ${st.before + 1}`);
		st.shot = officer.locator('table.gk-s3').first();
	}],
];

await runSteps(C, { name: NAME, browser, shots, prefix: 'apply-',
    steps: steps.map(([name, fn]) => ({ name, fn })),
    before: () => { st.shot = null; },
    shoot: async (file) => {
	if (st.shot !== null && await st.shot.count() === 1)
		await st.shot.screenshot({ path: file });
	else
		await page.screenshot({ path: file, fullPage: true });
    } });
