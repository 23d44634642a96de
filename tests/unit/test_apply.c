/*
 * test_apply.c — disclosure on application (core/apply): a table of
 * applications across 春节 and 国庆 2024–2026 and three year ends whose due
 * dates, working days left and phases were counted by hand from
 * data/cn-holidays.tsv (the counting is in the comments; nothing here is
 * computed with the code under test); every refusal; the calendar's edge
 * (GK_ENOTFOUND); names, labels and the outcome rows against the report.
 *
 * Calendar facts used below (data/cn-holidays.tsv):
 *   2024 春节: Sun 02-04 work; 02-10..02-17 off; Sun 02-18 work.
 *   2024 清明: 04-04..04-06 off; Sun 04-07 work.
 *   2024 国庆: Sat 09-14 work; 09-15..09-17 off; Sun 09-29 work;
 *              10-01..10-07 off; Sat 10-12 work.
 *   2025 元旦: 01-01 off.
 *   2025 春节: Sun 01-26 work; 01-28..02-04 off; Sat 02-08 work.
 *   2025 国庆: Sun 09-28 work; 10-01..10-08 off; Sat 10-11 work.
 *   2026 元旦: 01-01..01-03 off; Sun 01-04 work.
 *   2026 春节: Sat 02-14 work; 02-15..02-23 off; Sat 02-28 work.
 *   2026 国庆: Sun 09-20 work; 09-25..09-27 off; 10-01..10-07 off; Sat 10-10 work.
 *   2027: not covered.
 * Counting: "N WD after D" = the N-th working day after D, D not counted.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "core/apply.h"

static struct calendar cal;

static int32_t
D(const char *s)
{
	int32_t d;

	if (s == NULL)
		return GK_DATE_NONE;
	if (gk_date_parse(s, strlen(s), &d) != GK_OK)
		fail_msg("bad date in test: %s", s);
	return d;
}

static int
setup(void **state)
{
	char err[1024], *buf;
	size_t len;

	(void)state;
	buf = gk_test_slurp("data/cn-holidays.tsv", &len);
	if (calendar_load(buf, len, &cal, err, sizeof(err)) != GK_OK)
		fail_msg("%s", err);
	free(buf);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	calendar_clear(&cal);
	return 0;
}

/* An event as written in the table. */
struct tev {
	enum apply_ev		 k;
	const char		*d;	/* NULL ends the list */
	const char		*until;
	int			 days;
	enum apply_outcome	 out;
};

#define REC(d)		{ APPLY_EV_RECEIVED, d, NULL, 0, APPLY_OUT_OPEN }
#define COR(d, u)	{ APPLY_EV_CORRECT, d, u, 0, APPLY_OUT_OPEN }
#define CORD(d)		{ APPLY_EV_CORRECTED, d, NULL, 0, APPLY_OUT_OPEN }
#define CON(d)		{ APPLY_EV_CONSULT, d, NULL, 0, APPLY_OUT_OPEN }
#define CONS(d)		{ APPLY_EV_CONSULTED, d, NULL, 0, APPLY_OUT_OPEN }
#define EXT(d, n)	{ APPLY_EV_EXTEND, d, NULL, n, APPLY_OUT_OPEN }
#define FEE(d)		{ APPLY_EV_FEE, d, NULL, 0, APPLY_OUT_OPEN }
#define PAID(d)		{ APPLY_EV_PAID, d, NULL, 0, APPLY_OUT_OPEN }
#define ANS(d, o)	{ APPLY_EV_ANSWER, d, NULL, 0, o }
#define WDR(d)		{ APPLY_EV_WITHDRAW, d, NULL, 0, APPLY_OUT_OPEN }

#define MAXEV	8
#define END	{ 0, NULL, NULL, 0, 0 }

struct row {
	const char		*name;
	int			 nopause;	/* fee_pauses_clock = 0 */
	const char		*today;
	struct tev		 ev[MAXEV];
	enum apply_phase	 phase;
	const char		*due;		/* NULL: no due date */
	long			 left;
	int			 late;
};

#define P	APPLY_PH_PROCESSING
#define C	APPLY_PH_CORRECTING
#define K	APPLY_PH_CONSULTING
#define F	APPLY_PH_FEE
#define X	APPLY_PH_CLOSED

static const struct row rows[] = {
	/* ---- plain applications: 20 WD after receipt ---- */
	/* Thu 2024-02-01: 02 Fri(1) 04 Sun(2) 05..09(3-7) [10..17 off] 18 Sun(8)
	 * 19..23(9-13) 26..29(14-17) 03-01(18) 03-04(19) 03-05(20). */
	{ "2024春节 当日", 0, "2024-02-01", { REC("2024-02-01") }, P, "2024-03-05", 20, 0 },
	/* Thu 2024-02-08: 09(1) 18 Sun(2) 19..23(3-7) 26..29(8-11) 03-01(12)
	 * 03-04..08(13-17) 03-11,12,13(18-20). Today 02-18 is WD 2 → 18 left. */
	{ "2024春节 调休日", 0, "2024-02-18", { REC("2024-02-08") }, P, "2024-03-13", 18, 0 },
	/* Fri 2024-09-20: 23..27(1-5) 29 Sun(6) 30(7) [10-01..07 off] 10-08..11(8-11)
	 * 10-12 Sat(12) 14..18(13-17) 21,22,23(18-20). Today 10-01: 7 used → 13. */
	{ "2024国庆 假中", 0, "2024-10-01", { REC("2024-09-20") }, P, "2024-10-23", 13, 0 },
	/* Fri 2024-09-13: 14 Sat(1) [15..17 off] 18,19,20(2-4) 23..27(5-9) 29 Sun(10)
	 * 30(11) 10-08..11(12-15) 12 Sat(16) 14..17(17-20). Today 10-18: 1 WD late. */
	{ "2024国庆 逾期", 0, "2024-10-18", { REC("2024-09-13") }, P, "2024-10-17", -1, 1 },
	/* Mon 2024-12-16: 17..20(1-4) 23..27(5-9) 30,31(10-11) [01-01 off]
	 * 01-02,03(12-13) 06..10(14-18) 13,14(19-20). Today 12-31: 11 used → 9. */
	{ "2024年末 结转", 0, "2024-12-31", { REC("2024-12-16") }, P, "2025-01-14", 9, 0 },
	/* Fri 2025-01-24: 26 Sun(1) 27(2) [28..02-04 off] 02-05,06,07(3-5) 08 Sat(6)
	 * 10..14(7-11) 17..21(12-16) 24..27(17-20). */
	{ "2025春节 当日", 0, "2025-01-24", { REC("2025-01-24") }, P, "2025-02-27", 20, 0 },
	/* Mon 2025-01-27: 02-05,06,07(1-3) 08 Sat(4) 10..14(5-9) 17..21(10-14)
	 * 24..28(15-19) 03-03(20). Today 02-08 (Sat, work): 4 used → 16. */
	{ "2025春节 节前最后一天", 0, "2025-02-08", { REC("2025-01-27") }, P, "2025-03-03", 16, 0 },
	/* Mon 2025-01-20: 21..24(1-4) 26 Sun(5) 27(6) 02-05..07(7-9) 08(10)
	 * 10..14(11-15) 17..21(16-20). Today Mon 02-24: 1 WD late. */
	{ "2025春节 逾期", 0, "2025-02-24", { REC("2025-01-20") }, P, "2025-02-21", -1, 1 },
	/* Fri 2025-09-26: 28 Sun(1) 29,30(2-3) [10-01..08 off] 09,10(4-5) 11 Sat(6)
	 * 13..17(7-11) 20..24(12-16) 27..30(17-20). Today 10-05: 3 used → 17. */
	{ "2025国庆 假中", 0, "2025-10-05", { REC("2025-09-26") }, P, "2025-10-30", 17, 0 },
	/* Tue 2025-09-30: 10-09,10(1-2) 11 Sat(3) 13..17(4-8) 20..24(9-13)
	 * 27..31(14-18) 11-03,04(19-20). Today Mon 11-10: 5,6,7,10 → 4 late. */
	{ "2025国庆 节前 逾期", 0, "2025-11-10", { REC("2025-09-30") }, P, "2025-11-04", -4, 1 },
	/* Mon 2025-12-15: 16..19(1-4) 22..26(5-9) 29,30,31(10-12) [01-01..03 off]
	 * 01-04 Sun(13) 05..09(14-18) 12,13(19-20). Today 01-03: 12 used → 8. */
	{ "2025年末 跨元旦", 0, "2026-01-03", { REC("2025-12-15") }, P, "2026-01-13", 8, 0 },
	/* Fri 2026-02-13: 14 Sat(1) [15..23 off] 24..27(2-5) 28 Sat(6) 03-02..06(7-11)
	 * 09..13(12-16) 16..19(17-20). Today 02-20: 1 used → 19. */
	{ "2026春节 假中", 0, "2026-02-20", { REC("2026-02-13") }, P, "2026-03-19", 19, 0 },
	/* Tue 2026-02-10: 11,12,13(1-3) 14 Sat(4) 24..27(5-8) 28 Sat(9) 03-02..06(10-14)
	 * 09..13(15-19) 16(20). Today 02-28 (Sat, work): 9 used → 11. */
	{ "2026春节 调休日", 0, "2026-02-28", { REC("2026-02-10") }, P, "2026-03-16", 11, 0 },
	/* Fri 2026-09-18: 20 Sun(1) 21..24(2-5) [25..27 off] 28,29,30(6-8) [10-01..07 off]
	 * 08,09(9-10) 10 Sat(11) 12..16(12-16) 19..22(17-20). Today 09-27: 5 used → 15. */
	{ "2026中秋国庆 假中", 0, "2026-09-27", { REC("2026-09-18") }, P, "2026-10-22", 15, 0 },
	/* Wed 2026-09-30: 10-08,09(1-2) 10 Sat(3) 12..16(4-8) 19..23(9-13)
	 * 26..30(14-18) 11-02,03(19-20). Today 10-10: 3 used → 17. */
	{ "2026国庆 节前", 0, "2026-10-10", { REC("2026-09-30") }, P, "2026-11-03", 17, 0 },
	/* Tue 2026-12-01: 02,03,04(1-3) 07..11(4-8) 14..18(9-13) 21..25(14-18) 28,29(19-20). */
	{ "2026年末 年内到期", 0, "2026-12-01", { REC("2026-12-01") }, P, "2026-12-29", 20, 0 },

	/* ---- answers ---- */
	{ "当场答复", 0, "2025-03-10", { REC("2025-01-24"), ANS("2025-01-24", APPLY_OUT_OPEN) },
	  X, "2025-02-27", 0, 0 },
	/* Due 2025-02-21 (above); answered Mon 02-24. */
	{ "逾期答复", 0, "2025-03-10", { REC("2025-01-20"), ANS("2025-02-24", APPLY_OUT_NA_NOTHELD) },
	  X, "2025-02-21", 0, 1 },
	/* Due 2024-10-17 (above); answered that day. */
	{ "到期日答复", 0, "2024-12-01", { REC("2024-09-13"), ANS("2024-10-17", APPLY_OUT_PARTIAL) },
	  X, "2024-10-17", 0, 0 },

	/* ---- 补正 ---- */
	/* 7th WD after Fri 2025-01-24: 26,27,02-05,06,07,08,10 → 02-10; 02-06 is in time. */
	{ "补正中 无答复期限", 0, "2025-02-10",
	  { REC("2025-01-24"), COR("2025-02-06", "2025-02-14") }, C, NULL, 0, 0 },
	/* Restart on Fri 2025-02-14: 17..21(1-5) 24..28(6-10) 03-03..07(11-15) 10..14(16-20). */
	{ "补正后重新起算", 0, "2025-02-14",
	  { REC("2025-01-24"), COR("2025-02-10", "2025-02-20"), CORD("2025-02-14") },
	  P, "2025-03-14", 20, 0 },
	/* Restart on Sat 2026-02-14 (work): 24..27(1-4) 28 Sat(5) 03-02..06(6-10)
	 * 09..13(11-15) 16..20(16-20). Today = due → 0 left, not late. */
	{ "2026春节 调休日收到补正", 0, "2026-03-20",
	  { REC("2026-02-10"), COR("2026-02-13", "2026-03-06"), CORD("2026-02-14") },
	  P, "2026-03-20", 0, 0 },
	/* The 10-WD extension of the first period lapses with the restart on Wed
	 * 2024-02-21: 22,23(1-2) 26..29(3-6) 03-01(7) 04..08(8-12) 11..15(13-17)
	 * 18,19,20(18-20). (Kept, it would give 04-03.) */
	{ "补正前的延长随重新起算失效", 0, "2024-03-20",
	  { REC("2024-02-01"), EXT("2024-02-02", 10), COR("2024-02-05", "2024-02-26"), CORD("2024-02-21") },
	  P, "2024-03-20", 0, 0 },
	/* 7th WD after Fri 2025-09-26: 28 Sun, 29, 30, 10-09, 10, 11 Sat, 13 → 10-13;
	 * 09-30 is in time. 补正期限 10-17 passed, answered 10-20: 其他处理 1, no due date. */
	{ "逾期不补正", 0, "2025-10-20",
	  { REC("2025-09-26"), COR("2025-09-30", "2025-10-17"), ANS("2025-10-20", APPLY_OUT_OTHER_NOCORRECT) },
	  X, NULL, 0, 0 },
	{ "补正期限已过仍待补正", 0, "2025-10-20",
	  { REC("2025-09-26"), COR("2025-09-29", "2025-10-10") }, C, NULL, 0, 0 },
	/* 补正 on Thu 2026-09-24 (5th WD after 09-18). Restart Fri 10-09: 10 Sat(1)
	 * 12..16(2-6) 19..23(7-11) 26..30(12-16) 11-02..05(17-20); answered 11-06: late. */
	{ "补正后仍不明确 逾期", 0, "2026-11-30",
	  { REC("2026-09-18"), COR("2026-09-24", "2026-10-16"), CORD("2026-10-09"),
	    ANS("2026-11-06", APPLY_OUT_NA_UNCLEAR) }, X, "2026-11-05", 0, 1 },
	/* Corrected after its deadline (accepted: 有正当理由). Restart Mon 2024-10-14:
	 * 15..18(1-4) 21..25(5-9) 28..31(10-13) 11-01(14) 04..08(15-19) 11(20).
	 * Today Fri 11-01: 4,5,6,7,8,11 → 6 left. */
	{ "逾期后收到补正", 0, "2024-11-01",
	  { REC("2024-09-20"), COR("2024-09-27", "2024-10-11"), CORD("2024-10-14") },
	  P, "2024-11-11", 6, 0 },
	/* 补正 over the year end: 12-23 is the 6th WD after 12-15 (16..19, 22, 23).
	 * Restart Mon 2026-01-05: 06..09(1-4) 12..16(5-9) 19..23(10-14) 26..30(15-19) 02-02(20). */
	{ "跨年补正", 0, "2026-01-05",
	  { REC("2025-12-15"), COR("2025-12-23", "2026-01-09"), CORD("2026-01-05") },
	  P, "2026-02-02", 20, 0 },

	/* ---- consultations (条例第三十二条、第三十三条第三款) ---- */
	/* Received Fri 2025-01-24, sent Mon 01-27: counted 26,27 (2). Paused 02-05,06,07 (3).
	 * 18 more after 02-07: 08 Sat(1) 10..14(2-6) 17..21(7-11) 24..28(12-16) 03-03,04(17-18).
	 * (= 02-27 + 3 WD.) Today 02-07: 18 left. */
	{ "2025春节 征求意见已答复", 0, "2025-02-07",
	  { REC("2025-01-24"), CON("2025-01-27"), CONS("2025-02-07") }, P, "2025-03-04", 18, 0 },
	/* Received Fri 2025-09-26, sent Mon 09-29: counted 28,29 (2). Limit 15 WD after
	 * 09-29: 30(1) 10-09,10(2-3) 11 Sat(4) 13..17(5-9) 20..24(10-14) 27(15) → 10-27.
	 * 18 more after 10-27: 28..31(1-4) 11-03..07(5-9) 10..14(10-14) 17..20(15-18).
	 * Today 10-09 inside the pause: every counted day is after 10-27 → 18. */
	{ "2025国庆 征求意见未答复", 0, "2025-10-09",
	  { REC("2025-09-26"), CON("2025-09-29") }, K, "2025-11-20", 18, 0 },
	/* Same, reply after the limit: the pause stops at 10-27. Today Mon 11-03:
	 * 04..07(4) 10..14(9) 17..20(13) → 13. */
	{ "征求意见逾期答复 只中止15日", 0, "2025-11-03",
	  { REC("2025-09-26"), CON("2025-09-29"), CONS("2025-11-03") }, P, "2025-11-20", 13, 0 },
	/* Reply the day it was sent: nothing paused. Due 2024-03-13 (row 2); today
	 * 02-09 is WD 1 → 19. */
	{ "征求意见当日答复", 0, "2024-02-09",
	  { REC("2024-02-08"), CON("2024-02-09"), CONS("2024-02-09") }, P, "2024-03-13", 19, 0 },
	/* Received Mon 2026-02-02. Counted 03,04 (2). Paused 05,06,09..12 (6).
	 * Counted 13, 14 Sat, 24, 25, 26 (5; 7 so far). Paused 27, 28 Sat, 03-02, 03 (4).
	 * 13 more after 03-03: 04,05,06(1-3) 09..13(4-8) 16..20(9-13).
	 * (Plain due 03-06 + 10 WD paused = 03-20.) */
	{ "2026春节 两次征求意见", 0, "2026-03-03",
	  { REC("2026-02-02"), CON("2026-02-04"), CONS("2026-02-12"), CON("2026-02-26"),
	    CONS("2026-03-03") }, P, "2026-03-20", 13, 0 },
	/* Due 2024-10-17; a consultation sent after it stops nothing. Today Mon 10-21:
	 * 18, 21 → 2 late. */
	{ "逾期后征求意见", 0, "2024-10-21",
	  { REC("2024-09-13"), CON("2024-10-18") }, K, "2024-10-17", -2, 1 },
	/* Sent on the due date Thu 2024-10-17: the period's last day used; paused
	 * 18, 21, 22 → due = reply 10-22 with 0 left. */
	{ "到期日征求意见", 0, "2024-10-22",
	  { REC("2024-09-13"), CON("2024-10-17"), CONS("2024-10-22") }, P, "2024-10-22", 0, 0 },
	/* Received Mon 2024-12-16, sent Fri 12-20: counted 17..20 (4). Limit 15 WD:
	 * 23..27(5) 30,31(7) 01-02,03(9) 06..10(14) 13(15) → 2025-01-13. 16 more:
	 * 14..17(1-4) 20..24(5-9) 26 Sun(10) 27(11) 02-05,06,07(12-14) 08 Sat(15) 10(16).
	 * Today 12-31: all counted days lie after 01-13 → 16. */
	{ "年末征求意见未答复 跨春节", 0, "2024-12-31",
	  { REC("2024-12-16"), CON("2024-12-20") }, K, "2025-02-10", 16, 0 },

	/* ---- extensions (条例第三十三条第二款) ---- */
	/* Decided on the due date 2025-02-27: +20 → 28(1) 03-03..07(2-6) 10..14(7-11)
	 * 17..21(12-16) 24..27(17-20). Today Fri 03-28: 1 late. */
	{ "到期日延长20日 逾期", 0, "2025-03-28",
	  { REC("2025-01-24"), EXT("2025-02-27", 20) }, P, "2025-03-27", -1, 1 },
	/* Due 2025-11-04; +10: 05,06,07(1-3) 10..14(4-8) 17,18(9-10) → 11-18; second +10
	 * decided 11-10 (≤ 11-18): 19,20,21(1-3) 24..28(4-8) 12-01,02(9-10).
	 * Today 11-18: 10 left. */
	{ "两次延长共20日", 0, "2025-11-18",
	  { REC("2025-09-30"), EXT("2025-10-09", 10), EXT("2025-11-10", 10) }, P, "2025-12-02", 10, 0 },
	/* Due 2026-01-13; +15: 14,15,16(1-3) 19..23(4-8) 26..30(9-13) 02-02,03(14-15).
	 * Today 01-05: 06..09, 12, 13 (6) + 15 = 21. */
	{ "跨年延长", 0, "2026-01-05",
	  { REC("2025-12-15"), EXT("2026-01-05", 15) }, P, "2026-02-03", 21, 0 },
	/* Received Fri 2026-09-18, consult Mon 09-21 .. Wed 09-30: counted 20 Sun, 21 (2);
	 * paused 22, 23, 24, 28, 29, 30 (6); 18 + 5 more after 09-30: 10-08,09(1-2) 10 Sat(3)
	 * 12..16(4-8) 19..23(9-13) 26..30(14-18) 11-02..06(19-23).
	 * Today 10-09: 10 Sat, 12..16, 19..23, 26..30, 11-02..06 → 21. */
	{ "2026国庆 征求意见加延长", 0, "2026-10-09",
	  { REC("2026-09-18"), CON("2026-09-21"), CONS("2026-09-30"), EXT("2026-10-09", 5) },
	  P, "2026-11-06", 21, 0 },
	/* Due 2024-03-13; +20 across 清明: 14,15(1-2) 18..22(3-7) 25..29(8-12)
	 * 04-01,02,03(13-15) [04..06 off] 07 Sun(16) 08..11(17-20). */
	{ "2024清明 延长", 0, "2024-03-13",
	  { REC("2024-02-08"), EXT("2024-03-13", 20) }, P, "2024-04-11", 20, 0 },

	/* ---- fees ---- */
	/* Notice Mon 2025-02-10: counted 26,27,02-05..08,10 (7); paused 11..14 (4);
	 * 13 more after 02-14: 17..21(1-5) 24..28(6-10) 03-03,04,05(11-13).
	 * (= 02-27 + 4.) Today 02-14: 13. */
	{ "收费 暂停计时 已缴", 0, "2025-02-14",
	  { REC("2025-01-24"), FEE("2025-02-10"), PAID("2025-02-14") }, P, "2025-03-05", 13, 0 },
	/* Without the pause the due date stays 02-27: today 02-14 → 17..21, 24..27 = 9. */
	{ "收费 不暂停 已缴", 1, "2025-02-14",
	  { REC("2025-01-24"), FEE("2025-02-10"), PAID("2025-02-14") }, P, "2025-02-27", 9, 0 },
	/* Notice Thu 2025-10-09 after receipt Fri 09-26: counted 28,29,30,10-09 (4).
	 * Pay deadline 20 WD: 10(1) 11 Sat(2) 13..17(3-7) 20..24(8-12) 27..31(13-17)
	 * 11-03,04,05(18-20) → 11-05; assumed paused to it. 16 more after 11-05:
	 * 06,07(1-2) 10..14(3-7) 17..21(8-12) 24..27(13-16). Today 10-13: 16. */
	{ "收费 未缴 待缴中", 0, "2025-10-13",
	  { REC("2025-09-26"), FEE("2025-10-09") }, F, "2025-11-27", 16, 0 },
	/* Same, unpaid by 11-05, answered 11-06 as 其他处理 2: due stays 11-27, in time. */
	{ "逾期未缴费", 0, "2025-12-01",
	  { REC("2025-09-26"), FEE("2025-10-09"), ANS("2025-11-06", APPLY_OUT_OTHER_NOFEE) },
	  X, "2025-11-27", 0, 0 },
	/* No pause: due 2026-03-16 (row 13) regardless; today Tue 03-17 → 1 late. */
	{ "收费 不暂停 未缴 逾期", 1, "2026-03-17",
	  { REC("2026-02-10"), FEE("2026-02-12") }, F, "2026-03-16", -1, 1 },
	/* Notice on the due date Thu 2024-10-17, paid Mon 10-21: paused 18, 21 →
	 * due = 10-21 with nothing left. */
	{ "到期日发收费通知", 0, "2024-10-21",
	  { REC("2024-09-13"), FEE("2024-10-17"), PAID("2024-10-21") }, P, "2024-10-21", 0, 0 },
	/* Received Thu 2024-02-01. Counted 02 (1). Consult 02-02..02-19 paused
	 * 04 Sun, 05..09, 18 Sun, 19 (8). Counted 20 (2). Fee 02-20, paid 03-01:
	 * paused 21, 22, 23, 26..29, 03-01 (8). 18 more after 03-01: 04..08(1-5)
	 * 11..15(6-10) 18..22(11-15) 25,26,27(16-18). (= 03-05 + 16.) */
	{ "2024春节 征求意见加收费", 0, "2024-03-01",
	  { REC("2024-02-01"), CON("2024-02-02"), CONS("2024-02-19"), FEE("2024-02-20"),
	    PAID("2024-03-01") }, P, "2024-03-27", 18, 0 },

	/* ---- withdrawal ---- */
	{ "年末结转后撤回", 0, "2025-01-31",
	  { REC("2024-12-16"), WDR("2025-01-06") }, X, "2025-01-14", 0, 0 },
};

static void
to_events(const struct tev *t, struct apply_event *ev, size_t *n)
{
	size_t i;

	for (i = 0; i < MAXEV && t[i].d != NULL; i++) {
		memset(&ev[i], 0, sizeof(ev[i]));
		ev[i].kind = t[i].k;
		ev[i].date = D(t[i].d);
		ev[i].until = D(t[i].until);
		ev[i].days = t[i].days;
		ev[i].outcome = t[i].out;
		ev[i].amount = t[i].k == APPLY_EV_FEE ? 20000 : 0;
	}
	*n = i;
}

static void
test_deadline_table(void **state)
{
	struct apply_event ev[MAXEV];
	struct apply_status st;
	struct apply_rules r;
	enum apply_refusal why;
	char err[512], got[GK_DATE_LEN];
	size_t i, n, at, nrows = sizeof(rows) / sizeof(rows[0]);
	enum gk_err e;

	(void)state;
	assert_true(nrows >= 40);
	for (i = 0; i < nrows; i++) {
		const struct row *w = &rows[i];

		apply_rules_default(&r);
		r.fee_pauses_clock = !w->nopause;
		to_events(w->ev, ev, &n);
		e = apply_replay(&cal, &r, ev, n, D(w->today), &st, &why, &at, err, sizeof(err));
		if (e != GK_OK)
			fail_msg("%s: refused at %zu (%s): %s", w->name, at, apply_refusal_id(why), err);
		gk_date_format(st.due, got);
		if (strcmp(got, w->due ? w->due : "-") != 0)
			fail_msg("%s: due %s, want %s", w->name, got, w->due ? w->due : "-");
		if (st.phase != w->phase)
			fail_msg("%s: phase %s, want %s", w->name, apply_phase_name(st.phase),
			    apply_phase_name(w->phase));
		if (st.days_left != w->left)
			fail_msg("%s: days_left %ld, want %ld", w->name, st.days_left, w->left);
		if (st.late != w->late)
			fail_msg("%s: late %d, want %d", w->name, st.late, w->late);
		assert_int_equal(st.received, ev[0].date);
		if (st.due != GK_DATE_NONE)
			assert_true(st.due >= st.start);
	}
}

/* Details the table does not show: pauses, deadlines, outcome, flags. */
static void
test_details(void **state)
{
	struct apply_event ev[MAXEV];
	struct apply_status st;
	struct apply_rules r;
	char err[512];
	size_t n;
	const struct tev a[] = { REC("2025-01-24"), ANS("2025-01-24", APPLY_OUT_OPEN), { 0, NULL, NULL, 0, 0 } };
	const struct tev b[] = { REC("2025-09-26"), CON("2025-09-29"), CONS("2025-11-03"),
	    FEE("2025-11-04"), { 0, NULL, NULL, 0, 0 } };
	const struct tev c[] = { REC("2025-01-24"), COR("2025-02-10", "2025-02-20"), CORD("2025-02-14"),
	    WDR("2025-02-17"), { 0, NULL, NULL, 0, 0 } };

	(void)state;
	apply_rules_default(&r);
	assert_int_equal(r.answer_days, 20);
	assert_int_equal(r.extend_max, 20);
	assert_int_equal(r.correct_notice_days, 7);
	assert_int_equal(r.consult_days, 15);
	assert_int_equal(r.pay_days, 20);
	assert_int_equal(r.fee_pauses_clock, 1);

	to_events(a, ev, &n);
	assert_int_equal(apply_replay(&cal, &r, ev, n, D("2025-02-01"), &st, NULL, NULL, err, sizeof(err)), GK_OK);
	assert_true(st.immediate);
	assert_int_equal(st.outcome, APPLY_OUT_OPEN);
	assert_int_equal(st.closed, D("2025-01-24"));

	/* Consult 09-29, limit 10-27 (counted above), reply 11-03 → pause ends 10-27.
	 * Fee 11-04: pay deadline 20 WD: 05,06,07(3) 10..14(8) 17..21(13) 24..28(18)
	 * 12-01,02(20) → 2025-12-02. */
	to_events(b, ev, &n);
	assert_int_equal(apply_replay(&cal, &r, ev, n, D("2025-11-04"), &st, NULL, NULL, err, sizeof(err)), GK_OK);
	assert_int_equal(st.phase, APPLY_PH_FEE);
	assert_int_equal(st.npauses, 2);
	assert_int_equal(st.pauses[0].why, APPLY_EV_CONSULT);
	assert_int_equal(st.pauses[0].from, D("2025-09-29"));
	assert_int_equal(st.pauses[0].to, D("2025-10-27"));
	assert_int_equal(st.pauses[1].why, APPLY_EV_FEE);
	assert_int_equal(st.pauses[1].to, GK_DATE_NONE);
	assert_int_equal(st.pay_until, D("2025-12-02"));
	assert_int_equal(st.consult_until, GK_DATE_NONE);

	/* Withdrawn after the restart: 其他处理 3; the 补正 pause is history. */
	to_events(c, ev, &n);
	assert_int_equal(apply_replay(&cal, &r, ev, n, D("2025-03-01"), &st, NULL, NULL, err, sizeof(err)), GK_OK);
	assert_int_equal(st.phase, APPLY_PH_CLOSED);
	assert_int_equal(st.outcome, APPLY_OUT_OTHER_MISC);
	assert_false(st.immediate);
	assert_int_equal(st.start, D("2025-02-14"));
	assert_int_equal(st.corrected, D("2025-02-14"));
	assert_int_equal(st.due, D("2025-03-14"));
	assert_int_equal(st.npauses, 1);
	assert_int_equal(st.pauses[0].why, APPLY_EV_CORRECT);
	assert_int_equal(st.pauses[0].from, D("2025-02-10"));
	assert_int_equal(st.pauses[0].to, D("2025-02-14"));

	/* An answer closes an open consultation on its date: sent Mon 2025-01-27,
	 * answered Thu 02-06 (before the limit) → pause 01-27..02-06. */
	{
		const struct tev d[] = { REC("2025-01-24"), CON("2025-01-27"),
		    ANS("2025-02-06", APPLY_OUT_DENY_THIRD), END };

		to_events(d, ev, &n);
		assert_int_equal(apply_replay(&cal, &r, ev, n, D("2025-02-07"), &st, NULL, NULL, err,
		    sizeof(err)), GK_OK);
		assert_int_equal(st.pauses[0].to, D("2025-02-06"));
		/* counted 26, 27 (2); paused 02-05, 06 (2); 18 more after 02-06:
		 * 07(1) 08 Sat(2) 10..14(3-7) 17..21(8-12) 24..28(13-17) 03-03(18). */
		assert_int_equal(st.due, D("2025-03-03"));
		assert_false(st.late);
		assert_int_equal(st.outcome, APPLY_OUT_DENY_THIRD);
	}
	/* 其他处理 2: the unpaid fee's pause ends at the pay deadline 2025-11-05. */
	{
		const struct tev f[] = { REC("2025-09-26"), FEE("2025-10-09"),
		    ANS("2025-11-06", APPLY_OUT_OTHER_NOFEE), END };

		to_events(f, ev, &n);
		assert_int_equal(apply_replay(&cal, &r, ev, n, D("2025-12-01"), &st, NULL, NULL, err,
		    sizeof(err)), GK_OK);
		assert_int_equal(st.pauses[0].why, APPLY_EV_FEE);
		assert_int_equal(st.pauses[0].to, D("2025-11-05"));
	}
	/* Today before receipt: only days from the start count (20), not late. */
	{
		const struct tev g[] = { REC("2025-01-24"), END };

		to_events(g, ev, &n);
		assert_int_equal(apply_replay(&cal, &r, ev, n, D("2025-01-10"), &st, NULL, NULL, err,
		    sizeof(err)), GK_OK);
		assert_int_equal(st.days_left, 20);
		/* Sat 2025-02-22, the day after the due date 02-21 of a 01-20 receipt: late, 0 counted. */
		ev[0].date = D("2025-01-20");
		assert_int_equal(apply_replay(&cal, &r, ev, n, D("2025-02-22"), &st, NULL, NULL, err,
		    sizeof(err)), GK_OK);
		assert_int_equal(st.days_left, 0);
		assert_true(st.late);
		/* No today: refused with a message, at = n. */
		{
			enum apply_refusal why;
			size_t at;

			assert_int_equal(apply_replay(&cal, &r, ev, n, GK_DATE_NONE, &st, &why, &at, err,
			    sizeof(err)), GK_EINVAL);
			assert_int_equal(at, n);
			assert_true(err[0] != '\0');
		}
	}

	/* No events: nothing received. */
	assert_int_equal(apply_replay(&cal, &r, ev, 0, D("2025-03-01"), &st, NULL, NULL, err, sizeof(err)), GK_OK);
	assert_int_equal(st.phase, APPLY_PH_NONE);
	assert_int_equal(st.due, GK_DATE_NONE);
}

/* One refusal: the events up to the bad one replay fine, the bad one is refused
 * with why, at and a message, and st equals the replay of the prefix. */
static void
refused(const char *name, const struct tev *t, enum apply_refusal want, int nopause)
{
	struct apply_event ev[MAXEV];
	struct apply_status st, before;
	struct apply_rules r;
	enum apply_refusal why;
	char err[512], err2[512];
	size_t n, at;
	enum gk_err e;

	apply_rules_default(&r);
	r.fee_pauses_clock = !nopause;
	to_events(t, ev, &n);
	e = apply_replay(&cal, &r, ev, n, D("2025-06-30"), &st, &why, &at, err, sizeof(err));
	if (e != GK_EINVAL || why != want || at != n - 1)
		fail_msg("%s: e=%d why=%s at=%zu, want %s at %zu (%s)", name, (int)e,
		    apply_refusal_id(why), at, apply_refusal_id(want), n - 1, err);
	if (err[0] == '\0')
		fail_msg("%s: no message", name);
	assert_int_equal(apply_replay(&cal, &r, ev, n - 1, D("2025-06-30"), &before, NULL, NULL,
	    err2, sizeof(err2)), GK_OK);
	if (memcmp(&st, &before, sizeof(st)) != 0)
		fail_msg("%s: state after the refusal differs from the state before it", name);
}

static void
test_refusals(void **state)
{
	(void)state;
	/* order */
	refused("事件先于收到", (const struct tev[]){ CON("2025-02-03"), END }, APPLY_R_ORDER, 0);
	refused("重复收到", (const struct tev[]){ REC("2025-02-03"), REC("2025-02-04"), END }, APPLY_R_ORDER, 0);
	refused("日期倒退", (const struct tev[]){ REC("2025-02-05"), CON("2025-02-10"),
	    CONS("2025-02-07"), END }, APPLY_R_ORDER, 0);
	/* closed */
	refused("办结后答复", (const struct tev[]){ REC("2025-02-05"), ANS("2025-02-06", APPLY_OUT_OPEN),
	    ANS("2025-02-07", APPLY_OUT_PARTIAL), END }, APPLY_R_CLOSED, 0);
	refused("撤回后延长", (const struct tev[]){ REC("2025-02-05"), WDR("2025-02-06"),
	    EXT("2025-02-07", 5), END }, APPLY_R_CLOSED, 0);
	/* state */
	refused("无收费而缴费", (const struct tev[]){ REC("2025-02-05"), PAID("2025-02-06"), END }, APPLY_R_STATE, 0);
	refused("无补正告知而收到补正", (const struct tev[]){ REC("2025-02-05"), CORD("2025-02-06"), END }, APPLY_R_STATE, 0);
	refused("无征求意见而收到意见", (const struct tev[]){ REC("2025-02-05"), CONS("2025-02-06"), END }, APPLY_R_STATE, 0);
	refused("同时两次征求意见", (const struct tev[]){ REC("2025-02-05"), CON("2025-02-06"),
	    CON("2025-02-07"), END }, APPLY_R_STATE, 0);
	refused("待补正时延长", (const struct tev[]){ REC("2025-02-05"), COR("2025-02-06", "2025-02-20"),
	    EXT("2025-02-07", 5), END }, APPLY_R_STATE, 0);
	refused("待补正时征求意见", (const struct tev[]){ REC("2025-02-05"), COR("2025-02-06", "2025-02-20"),
	    CON("2025-02-07"), END }, APPLY_R_STATE, 0);
	refused("第二次收费", (const struct tev[]){ REC("2025-02-05"), FEE("2025-02-06"),
	    PAID("2025-02-07"), FEE("2025-02-10"), END }, APPLY_R_STATE, 0);
	refused("待缴费时补正", (const struct tev[]){ REC("2025-02-05"), FEE("2025-02-06"),
	    COR("2025-02-07", "2025-02-20"), END }, APPLY_R_STATE, 0);
	/* late notice: 7th WD after Fri 2025-01-24 is Mon 02-10 */
	refused("补正告知超7日", (const struct tev[]){ REC("2025-01-24"), COR("2025-02-11", "2025-02-25"), END },
	    APPLY_R_LATE_NOTICE, 0);
	refused("第二次补正", (const struct tev[]){ REC("2025-01-24"), COR("2025-02-05", "2025-02-12"),
	    CORD("2025-02-07"), COR("2025-02-10", "2025-02-20"), END }, APPLY_R_LATE_NOTICE, 0);
	/* due 2025-02-27: a fee notice on 02-28 is too late */
	refused("期限届满后收费", (const struct tev[]){ REC("2025-01-24"), FEE("2025-02-28"), END },
	    APPLY_R_LATE_NOTICE, 0);
	/* extend */
	refused("延长超过20日", (const struct tev[]){ REC("2025-01-24"), EXT("2025-02-05", 15),
	    EXT("2025-02-06", 6), END }, APPLY_R_EXTEND, 0);
	refused("延长0日", (const struct tev[]){ REC("2025-01-24"), EXT("2025-02-05", 0), END }, APPLY_R_EXTEND, 0);
	refused("延长负数", (const struct tev[]){ REC("2025-01-24"), EXT("2025-02-05", -3), END }, APPLY_R_EXTEND, 0);
	refused("期限届满后延长", (const struct tev[]){ REC("2025-01-24"), EXT("2025-02-28", 5), END },
	    APPLY_R_EXTEND, 0);
	/* outcome */
	refused("未补正告知却逾期不补正", (const struct tev[]){ REC("2025-01-24"),
	    ANS("2025-02-05", APPLY_OUT_OTHER_NOCORRECT), END }, APPLY_R_OUTCOME, 0);
	refused("补正期限未届满", (const struct tev[]){ REC("2025-01-24"), COR("2025-02-05", "2025-02-14"),
	    ANS("2025-02-14", APPLY_OUT_OTHER_NOCORRECT), END }, APPLY_R_OUTCOME, 0);
	refused("已补正却逾期不补正", (const struct tev[]){ REC("2025-01-24"), COR("2025-02-05", "2025-02-14"),
	    CORD("2025-02-10"), ANS("2025-03-14", APPLY_OUT_OTHER_NOCORRECT), END }, APPLY_R_OUTCOME, 0);
	refused("未补正却补正后仍不明确", (const struct tev[]){ REC("2025-01-24"),
	    ANS("2025-02-05", APPLY_OUT_NA_UNCLEAR), END }, APPLY_R_OUTCOME, 0);
	refused("无收费却逾期未缴费", (const struct tev[]){ REC("2025-01-24"),
	    ANS("2025-02-05", APPLY_OUT_OTHER_NOFEE), END }, APPLY_R_OUTCOME, 0);
	/* pay deadline of a notice on Mon 2025-02-10 is 03-10 (counted in the table row) */
	refused("缴费期限未届满", (const struct tev[]){ REC("2025-01-24"), FEE("2025-02-10"),
	    ANS("2025-03-10", APPLY_OUT_OTHER_NOFEE), END }, APPLY_R_OUTCOME, 0);
	refused("已缴费却逾期未缴费", (const struct tev[]){ REC("2025-01-24"), FEE("2025-02-10"),
	    PAID("2025-02-12"), ANS("2025-03-11", APPLY_OUT_OTHER_NOFEE), END }, APPLY_R_OUTCOME, 0);
	refused("结果不在分类中", (const struct tev[]){ REC("2025-01-24"),
	    ANS("2025-02-05", APPLY_OUT__MAX), END }, APPLY_R_OUTCOME, 0);
	/* date */
	refused("补正期限不晚于告知", (const struct tev[]){ REC("2025-01-24"), COR("2025-02-05", "2025-02-05"), END },
	    APPLY_R_DATE, 0);
	refused("补正期限缺失", (const struct tev[]){ REC("2025-01-24"), COR("2025-02-05", NULL), END },
	    APPLY_R_DATE, 0);
	/* a missing or impossible date: test_refusal_no_date */
	/* pay late */
	refused("逾期缴费", (const struct tev[]){ REC("2025-01-24"), FEE("2025-02-10"), PAID("2025-03-11"), END },
	    APPLY_R_PAY_LATE, 0);
	refused("逾期缴费 不暂停", (const struct tev[]){ REC("2025-01-24"), FEE("2025-02-10"), PAID("2025-03-11"), END },
	    APPLY_R_PAY_LATE, 1);
}

/* A missing date cannot be written in the table (NULL ends it): built here. */
static void
test_refusal_no_date(void **state)
{
	struct apply_event ev[2];
	struct apply_status st;
	struct apply_rules r;
	enum apply_refusal why;
	char err[512];
	size_t at;

	(void)state;
	apply_rules_default(&r);
	memset(ev, 0, sizeof(ev));
	ev[0].kind = APPLY_EV_RECEIVED;
	ev[0].date = D("2025-01-24");
	ev[1].kind = APPLY_EV_CONSULT;
	ev[1].date = GK_DATE_NONE;
	assert_int_equal(apply_replay(&cal, &r, ev, 2, D("2025-02-01"), &st, &why, &at, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(why, APPLY_R_DATE);
	assert_int_equal(at, 1);
	assert_non_null(strstr(err, "缺少日期"));
	ev[1].date = INT32_MAX;	/* not a date of years 0001..9999 */
	assert_int_equal(apply_replay(&cal, &r, ev, 2, D("2025-02-01"), &st, &why, &at, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(why, APPLY_R_DATE);
	ev[1].kind = (enum apply_ev)99;
	ev[1].date = D("2025-01-27");
	assert_int_equal(apply_replay(&cal, &r, ev, 2, D("2025-02-01"), &st, &why, &at, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(why, APPLY_R_STATE);
	/* err may be NULL with errlen 0 */
	assert_int_equal(apply_replay(&cal, &r, ev, 2, D("2025-02-01"), &st, NULL, NULL, NULL, 0), GK_EINVAL);
}

/* Messages name the rule and the dates. */
static void
test_messages(void **state)
{
	struct apply_event ev[MAXEV];
	struct apply_status st;
	struct apply_rules r;
	char err[512];
	size_t n;
	const struct tev late[] = { REC("2025-01-24"), COR("2025-02-11", "2025-02-25"), END };
	const struct tev ext[] = { REC("2025-01-24"), EXT("2025-02-05", 15), EXT("2025-02-06", 6), END };

	(void)state;
	apply_rules_default(&r);
	to_events(late, ev, &n);
	assert_int_equal(apply_replay(&cal, &r, ev, n, D("2025-02-11"), &st, NULL, NULL, err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "第三十条"));
	assert_non_null(strstr(err, "2025-01-24"));
	assert_non_null(strstr(err, "2025-02-10"));
	assert_non_null(strstr(err, "2025-02-11"));
	to_events(ext, ev, &n);
	assert_int_equal(apply_replay(&cal, &r, ev, n, D("2025-02-11"), &st, NULL, NULL, err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "第三十三条"));
	assert_non_null(strstr(err, "20"));
}

/* Dates outside the calendar (2019–2026) are an error, never a guess. */
static void
test_uncovered(void **state)
{
	struct apply_event ev[MAXEV];
	struct apply_status st;
	struct apply_rules r;
	enum apply_refusal why;
	char err[512];
	size_t n, at;
	/* Thu 2026-12-10: 20 WD later is in January 2027, not covered. */
	const struct tev a[] = { REC("2026-12-10"), END };
	const struct tev b[] = { REC("2026-12-01"), END };
	const struct tev c[] = { REC("2018-06-01"), END };

	(void)state;
	apply_rules_default(&r);
	to_events(a, ev, &n);
	assert_int_equal(apply_replay(&cal, &r, ev, n, D("2026-12-10"), &st, &why, &at, err, sizeof(err)), GK_ENOTFOUND);
	assert_int_equal(why, APPLY_R_DATE);
	assert_int_equal(at, 0);
	assert_true(err[0] != '\0');
	/* Due 2026-12-29 is covered, but today in 2027 is not. */
	to_events(b, ev, &n);
	assert_int_equal(apply_replay(&cal, &r, ev, n, D("2027-01-04"), &st, &why, &at, err, sizeof(err)), GK_ENOTFOUND);
	assert_int_equal(at, 1);
	assert_int_equal(st.due, D("2026-12-29"));
	to_events(c, ev, &n);
	assert_int_equal(apply_replay(&cal, &r, ev, n, D("2025-01-04"), &st, &why, &at, err, sizeof(err)), GK_ENOTFOUND);
	assert_int_equal(st.phase, APPLY_PH_NONE);
}

static void
test_names(void **state)
{
	enum apply_channel ch;
	enum apply_applicant ap;
	enum apply_ev ev;
	int i;

	(void)state;
	for (i = 0; i < APPLY_CH__MAX; i++) {
		assert_true(apply_channel_from_name(apply_channel_name((enum apply_channel)i), &ch));
		assert_int_equal(ch, i);
		assert_true(apply_channel_from_name(apply_channel_label((enum apply_channel)i), &ch));
		assert_int_equal(ch, i);
		assert_non_null(strstr(apply_channel_receipt_rule((enum apply_channel)i), "第三十一条"));
	}
	assert_false(apply_channel_from_name("pigeon", &ch));
	assert_false(apply_channel_from_name(NULL, &ch));
	assert_string_equal(apply_channel_name(APPLY_CH__MAX), "?");
	for (i = 0; i < APPLY_AP__MAX; i++) {
		assert_true(apply_applicant_from_name(apply_applicant_name((enum apply_applicant)i), &ap));
		assert_int_equal(ap, i);
		assert_true(apply_applicant_from_name(apply_applicant_label((enum apply_applicant)i), &ap));
		assert_int_equal(ap, i);
		assert_true(apply_applicant_from_name(gk_s3_col_ids[apply_applicant_col(ap)], &ap));
		assert_int_equal(ap, i);
	}
	assert_int_equal(apply_applicant_col(APPLY_AP_NATURAL), GK_S3_NATURAL);
	assert_int_equal(apply_applicant_col(APPLY_AP_OTHER), GK_S3_OTHERORG);
	assert_string_equal(apply_applicant_label(APPLY_AP_LEGAL), "法律服务机构");
	assert_false(apply_applicant_from_name("总计", &ap));
	for (i = 0; i < APPLY_EV__MAX; i++) {
		assert_true(apply_ev_from_name(apply_ev_name((enum apply_ev)i), &ev));
		assert_int_equal(ev, i);
		assert_true(apply_ev_from_name(apply_ev_label((enum apply_ev)i), &ev));
		assert_int_equal(ev, i);
	}
	assert_false(apply_ev_from_name("x", &ev));
	for (i = 0; i < APPLY_PH__MAX; i++) {
		assert_string_not_equal(apply_phase_name((enum apply_phase)i), "?");
		assert_string_not_equal(apply_phase_label((enum apply_phase)i), "?");
	}
	for (i = 0; i < APPLY_R__MAX; i++)
		assert_string_not_equal(apply_refusal_id((enum apply_refusal)i), "?");
	assert_string_equal(apply_refusal_id(APPLY_R_PAY_LATE), "pay_late");
}

/* apply_outcomes[] is exactly the report's outcome leaves, in order. */
static void
test_outcomes_are_report_leaves(void **state)
{
	enum apply_outcome o;
	int r, i, seen;

	(void)state;
	i = 0;
	for (r = 0; r < GK_S3ROW__MAX; r++) {
		if (gk_s3_rows[r].role != GK_S3R_OUTCOME)
			continue;
		seen = 0;
		for (o = 0; o < APPLY_OUT__MAX; o++)
			seen += apply_outcomes[o].row == (enum gk_s3row)r;
		if (seen != 1)
			fail_msg("report row %s appears %d times", gk_s3_rows[r].id, seen);
		assert_int_equal(apply_outcomes[i].row, r);	/* same order */
		i++;
	}
	assert_int_equal(i, APPLY_OUT__MAX);
	for (o = 0; o < APPLY_OUT__MAX; o++) {
		enum apply_outcome back;
		const struct apply_outcome_def *d = &apply_outcomes[o];

		assert_int_equal(gk_s3_rows[d->row].role, GK_S3R_OUTCOME);
		assert_string_equal(d->id, gk_s3_rows[d->row].id);
		assert_true(d->label != NULL && d->label[0] != '\0');
		assert_true(d->basis != NULL && d->basis[0] != '\0');
		assert_true(apply_outcome_from_name(d->id, &back));
		assert_int_equal(back, o);
		assert_true(apply_outcome_from_name(d->label, &back));
		assert_int_equal(back, o);
		assert_true(apply_outcome_from_name(gk_s3_rows[d->row].label, &back));
		assert_int_equal(back, o);
	}
	assert_false(apply_outcome_from_name("deny", &o));	/* a group, not a leaf */
	assert_false(apply_outcome_from_name(NULL, &o));
	assert_non_null(strstr(apply_outcomes[APPLY_OUT_DENY_SECRET].basis, "第十四条"));
	assert_non_null(strstr(apply_outcomes[APPLY_OUT_PARTIAL].basis, "第三十七条"));
	assert_non_null(strstr(apply_outcomes[APPLY_OUT_OTHER_NOCORRECT].basis, "第三十条"));
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(test_deadline_table, setup, teardown),
	cmocka_unit_test_setup_teardown(test_details, setup, teardown),
	cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
	cmocka_unit_test_setup_teardown(test_refusal_no_date, setup, teardown),
	cmocka_unit_test_setup_teardown(test_messages, setup, teardown),
	cmocka_unit_test_setup_teardown(test_uncovered, setup, teardown),
	cmocka_unit_test(test_names),
	cmocka_unit_test(test_outcomes_are_report_leaves),
};

GK_TEST_MAIN("apply", tests)
