/*
 * schema.c — the database schema as numbered, forward-only migrations.
 * Script N takes a database from version N-1 to N and ends by setting
 * PRAGMA user_version = N; db.c runs each one in its own transaction.
 * Released scripts are never edited: a change is a new script at the end.
 *
 * Dates are ISO 8601 text (YYYY-MM-DD; timestamps with their UTC offset).
 * Every table belongs to an agency, directly or through its item.
 */
#include <stddef.h>

#include "store/db.h"

static const char *const schema_scripts[] = {
	/* v1: the tables of issue 3. */
	"CREATE TABLE agency (\n"
	"  id          INTEGER PRIMARY KEY,\n"
	"  name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),\n"
	"  uscc        TEXT NOT NULL UNIQUE CHECK (length(uscc) = 18),\n"
	"  parent_id   INTEGER REFERENCES agency(id),\n"
	"  level       TEXT NOT NULL DEFAULT '' CHECK (level IN\n"
	"                ('', '国家级', '省级', '市级', '县级', '乡级')),\n"
	"  created_at  TEXT NOT NULL\n"
	");\n"
	"CREATE TABLE users (\n"
	"  id            INTEGER PRIMARY KEY,\n"
	"  agency_id     INTEGER NOT NULL REFERENCES agency(id),\n"
	"  login         TEXT NOT NULL UNIQUE,\n"
	"  display_name  TEXT NOT NULL,\n"
	"  role          TEXT NOT NULL CHECK (role IN ('drafter', 'reviewer',\n"
	"                  'approver', 'officer', 'office', 'admin')),\n"
	"  password_hash TEXT,\n"
	"  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),\n"
	"  created_at    TEXT NOT NULL\n"
	");\n"
	"CREATE TABLE category (\n"
	"  id         INTEGER PRIMARY KEY,\n"
	"  agency_id  INTEGER NOT NULL REFERENCES agency(id),\n"
	"  parent_id  INTEGER REFERENCES category(id),\n"
	"  name       TEXT NOT NULL,\n"
	"  sort       INTEGER NOT NULL DEFAULT 0\n"
	");\n"
	"CREATE TABLE item (\n"
	"  id              INTEGER PRIMARY KEY,\n"
	"  agency_id       INTEGER NOT NULL REFERENCES agency(id),\n"
	"  index_no        TEXT NOT NULL UNIQUE,\n"		/* 索引号 */
	"  title           TEXT NOT NULL,\n"
	"  category_id     INTEGER REFERENCES category(id),\n"
	"  topic           TEXT NOT NULL DEFAULT '',\n"	/* 主题分类 */
	"  publisher       TEXT NOT NULL DEFAULT '',\n"	/* 发布机构 */
	"  doc_no          TEXT NOT NULL DEFAULT '',\n"	/* 文号 */
	"  written_date    TEXT,\n"				/* 成文日期 */
	"  event_end_date  TEXT,\n"
	"  validity        TEXT NOT NULL DEFAULT '有效'\n"
	"                    CHECK (validity IN ('有效', '失效', '废止')),\n"
	"  validity_date   TEXT,\n"
	"  keywords        TEXT NOT NULL DEFAULT '',\n"
	"  body            TEXT NOT NULL DEFAULT '',\n"	/* Markdown */
	"  state           TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft',\n"
	"                    'submitted', 'reviewed', 'approved', 'published',\n"
	"                    'withdrawn')),\n"
	"  drafter_id      INTEGER REFERENCES users(id),\n"
	"  created_at      TEXT NOT NULL,\n"
	"  updated_at      TEXT NOT NULL,\n"
	"  due_date        TEXT,\n"
	"  published_at    TEXT,\n"
	"  withdrawn_at    TEXT,\n"
	"  withdrawn_reason TEXT\n"
	");\n"
	"CREATE TABLE item_history (\n"
	"  id          INTEGER PRIMARY KEY,\n"
	"  item_id     INTEGER NOT NULL REFERENCES item(id),\n"
	"  changed_at  TEXT NOT NULL,\n"
	"  changed_by  INTEGER REFERENCES users(id),\n"
	"  action      TEXT NOT NULL,\n"
	"  snapshot    TEXT NOT NULL\n"				/* JSON of the row before */
	");\n"
	"CREATE TABLE blob (\n"
	"  hash  TEXT PRIMARY KEY CHECK (length(hash) = 64),\n"	/* SHA-256 hex */
	"  size  INTEGER NOT NULL CHECK (size >= 0),\n"
	"  data  BLOB NOT NULL\n"
	");\n"
	"CREATE TABLE attachment (\n"
	"  id          INTEGER PRIMARY KEY,\n"
	"  item_id     INTEGER NOT NULL REFERENCES item(id),\n"
	"  name        TEXT NOT NULL,\n"
	"  blob_hash   TEXT NOT NULL REFERENCES blob(hash),\n"
	"  size        INTEGER NOT NULL CHECK (size >= 0),\n"
	"  mime        TEXT NOT NULL,\n"
	"  created_at  TEXT NOT NULL\n"
	");\n"
	"CREATE TABLE review (\n"
	"  id            INTEGER PRIMARY KEY,\n"
	"  item_id       INTEGER NOT NULL REFERENCES item(id),\n"
	/* 1 科室拟稿 (submit), 2 分管领导审核, 3 主要领导审定 */
	"  level         INTEGER NOT NULL CHECK (level IN (1, 2, 3)),\n"
	"  reviewer_id   INTEGER NOT NULL REFERENCES users(id),\n"
	"  check_legal   INTEGER NOT NULL CHECK (check_legal IN (0, 1)),\n"	/* 合法性 */
	"  check_accurate INTEGER NOT NULL CHECK (check_accurate IN (0, 1)),\n" /* 准确性 */
	"  check_secret  INTEGER NOT NULL CHECK (check_secret IN (0, 1)),\n"	/* 保密性 */
	"  comment       TEXT NOT NULL DEFAULT '',\n"
	"  decision      TEXT NOT NULL CHECK (decision IN ('pass', 'return')),\n"
	"  decided_at    TEXT NOT NULL\n"
	");\n"
	"CREATE TABLE interpretation (\n"
	"  id              INTEGER PRIMARY KEY,\n"
	"  item_id         INTEGER NOT NULL REFERENCES item(id),\n"	/* the 解读 */
	"  policy_item_id  INTEGER NOT NULL REFERENCES item(id),\n"	/* the 政策文件 */
	"  form            TEXT NOT NULL CHECK (form IN ('文字', '图解', '案例', '音视频')),\n"
	"  UNIQUE (item_id, policy_item_id)\n"
	");\n"
	"CREATE TABLE audit (\n"
	"  seq        INTEGER PRIMARY KEY,\n"
	"  time       TEXT NOT NULL,\n"
	"  actor      TEXT NOT NULL,\n"
	"  entity     TEXT NOT NULL,\n"
	"  entity_id  INTEGER NOT NULL,\n"
	"  action     TEXT NOT NULL,\n"
	"  change     TEXT NOT NULL,\n"
	"  prev_hash  TEXT NOT NULL,\n"
	"  hash       TEXT NOT NULL\n"
	");\n"
	"PRAGMA user_version = 1;\n",

	/*
	 * v2: indexes for the common lookups; the paper-archive reference
	 * (纸质档案 box/volume) on items; the audit table made append-only
	 * against accidental UPDATE/DELETE (a determined editor can drop the
	 * triggers; the hash chain is what catches that).
	 */
	"CREATE INDEX agency_parent ON agency(parent_id);\n"
	"CREATE INDEX users_agency ON users(agency_id);\n"
	"CREATE INDEX category_agency ON category(agency_id, parent_id, sort);\n"
	"CREATE INDEX item_agency_state ON item(agency_id, state);\n"
	"CREATE INDEX item_category ON item(category_id, published_at);\n"
	"CREATE INDEX item_due ON item(state, due_date);\n"
	"CREATE INDEX item_history_item ON item_history(item_id);\n"
	"CREATE INDEX attachment_item ON attachment(item_id);\n"
	"CREATE INDEX review_item ON review(item_id, level);\n"
	"CREATE INDEX interpretation_policy ON interpretation(policy_item_id);\n"
	"CREATE INDEX audit_entity ON audit(entity, entity_id);\n"
	"ALTER TABLE item ADD COLUMN paper_ref TEXT NOT NULL DEFAULT '';\n"
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit\n"
	"  BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;\n"
	"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit\n"
	"  BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;\n"
	"PRAGMA user_version = 2;\n",

	/*
	 * v3: several roles per user (user_role; users.role stays as a
	 * legacy column, written with the first role and never read); the
	 * "must change password" flag as a column instead of a '!' in front of
	 * the hash; each category's short code and kind (the default tree's
	 * from core/category.c, a custom one inheriting its parent's kind);
	 * per-agency settings (索引号 pattern, timeliness overrides).
	 */
	"CREATE TABLE user_role (\n"
	"  user_id  INTEGER NOT NULL REFERENCES users(id),\n"
	"  role     TEXT NOT NULL CHECK (role IN ('drafter', 'reviewer',\n"
	"             'approver', 'officer', 'office', 'admin')),\n"
	"  PRIMARY KEY (user_id, role)\n"
	") WITHOUT ROWID;\n"
	"INSERT INTO user_role (user_id, role) SELECT id, role FROM users;\n"
	"ALTER TABLE users ADD COLUMN must_change INTEGER NOT NULL DEFAULT 0\n"
	"  CHECK (must_change IN (0, 1));\n"
	"UPDATE users SET must_change = 1, password_hash = substr(password_hash, 2)\n"
	"  WHERE password_hash LIKE '!%';\n"
	"ALTER TABLE category ADD COLUMN code TEXT;\n"
	"ALTER TABLE category ADD COLUMN kind TEXT NOT NULL DEFAULT 'other'\n"
	"  CHECK (kind IN ('other', 'policy', 'news', 'interp', 'fiscal'));\n"
	/* The default tree of core/category.c as it shipped with v2. */
	"WITH RECURSIVE d(path, code, kind) AS (VALUES\n"
	"  ('机构职能', 'jgzn', 'other'),\n"
	"  ('政策文件', 'zcwj', 'policy'),\n"
	"  ('政策文件/规章', 'zcwj-gz', 'policy'),\n"
	"  ('政策文件/行政规范性文件', 'zcwj-gfx', 'policy'),\n"
	"  ('政策文件/其他文件', 'zcwj-qt', 'policy'),\n"
	"  ('政策解读', 'zcjd', 'interp'),\n"
	"  ('工作动态', 'gzdt', 'news'),\n"
	"  ('财政信息', 'czxx', 'fiscal'),\n"
	"  ('财政信息/预算', 'czxx-ys', 'fiscal'),\n"
	"  ('财政信息/决算', 'czxx-js', 'fiscal'),\n"
	"  ('财政信息/三公经费', 'czxx-sgjf', 'fiscal'),\n"
	"  ('招商引资', 'zsyz', 'other'),\n"
	"  ('办事指南', 'bszn', 'other'),\n"
	"  ('其他', 'qt', 'other')),\n"
	"t(id, path, kind) AS (\n"
	"  SELECT c.id, c.name, coalesce((SELECT d.kind FROM d WHERE d.path = c.name),\n"
	"    'other') FROM category c WHERE c.parent_id IS NULL\n"
	"  UNION ALL\n"
	"  SELECT c.id, t.path || '/' || c.name, coalesce((SELECT d.kind FROM d\n"
	"    WHERE d.path = t.path || '/' || c.name), t.kind)\n"
	"  FROM category c JOIN t ON c.parent_id = t.id)\n"
	"UPDATE category SET\n"
	"  code = (SELECT d.code FROM t JOIN d ON d.path = t.path WHERE t.id = category.id),\n"
	"  kind = coalesce((SELECT t.kind FROM t WHERE t.id = category.id), 'other');\n"
	"CREATE UNIQUE INDEX category_code ON category(agency_id, code)\n"
	"  WHERE code IS NOT NULL;\n"
	"CREATE TABLE agency_setting (\n"
	"  agency_id  INTEGER NOT NULL REFERENCES agency(id),\n"
	"  key        TEXT NOT NULL CHECK (key = 'indexno_pattern' OR\n"
	"               key LIKE 'timeliness._%'),\n"
	"  value      TEXT NOT NULL,\n"
	"  PRIMARY KEY (agency_id, key)\n"
	") WITHOUT ROWID;\n"
	"PRAGMA user_version = 3;\n",

	/*
	 * v4: indexes for the item lists, newest first: an agency's items, and
	 * one category's page (bench_store measured 270 ms at a million items
	 * with a full scan and sort before these).
	 */
	"CREATE INDEX item_agency_created ON item(agency_id, created_at, id);\n"
	"CREATE INDEX item_agency_category_created ON item(agency_id, category_id, created_at, id);\n"
	"PRAGMA user_version = 4;\n",

	/*
	 * v5: the plain text extracted from an attachment (TXT, HTML, DOCX;
	 * NULL for other types), scanned by the confidentiality gate
	 * (store/attachment.h) and kept for search.
	 */
	"ALTER TABLE attachment ADD COLUMN text TEXT;\n"
	"PRAGMA user_version = 5;\n",

	/*
	 * v6: the items not yet published, with what the overdue list shows,
	 * in a small covering index: gk_item_overdue read each of 2,000 late
	 * rows from the table (13 ms at a million items in bench_store); a
	 * partial index holds only the open items, so imports of published
	 * items do not write to it.
	 */
	"CREATE INDEX item_open_due ON item(state, due_date, agency_id, index_no, title)\n"
	"  WHERE state IN ('draft', 'submitted', 'reviewed', 'approved');\n"
	"PRAGMA user_version = 6;\n",

	/*
	 * v7: disclosure on application (issue 4). The agency's contact
	 * details (for the 告知书 and the 公开指南); agency settings widened to
	 * any lower-case dotted key (apply.*, fee.*); applications with their
	 * events (the clock is replayed from them by core/apply.c; due_date,
	 * state, outcome and closed_date are kept on the row for lists and the
	 * report); reconsideration and litigation cases; the 第二十条 figures
	 * and other per agency-year facts; the narrative texts with
	 * placeholders; published report snapshots.
	 */
	"ALTER TABLE agency ADD COLUMN office TEXT NOT NULL DEFAULT '';\n"	/* 政府信息公开工作机构 */
	"ALTER TABLE agency ADD COLUMN address TEXT NOT NULL DEFAULT '';\n"
	"ALTER TABLE agency ADD COLUMN postcode TEXT NOT NULL DEFAULT '';\n"
	"ALTER TABLE agency ADD COLUMN phone TEXT NOT NULL DEFAULT '';\n"
	"ALTER TABLE agency ADD COLUMN fax TEXT NOT NULL DEFAULT '';\n"
	"ALTER TABLE agency ADD COLUMN email TEXT NOT NULL DEFAULT '';\n"
	"ALTER TABLE agency ADD COLUMN hours TEXT NOT NULL DEFAULT '';\n"
	"CREATE TABLE agency_setting_new (\n"
	"  agency_id  INTEGER NOT NULL REFERENCES agency(id),\n"
	"  key        TEXT NOT NULL CHECK (key = 'indexno_pattern' OR\n"
	"               key LIKE 'timeliness._%' OR (length(key) <= 64 AND\n"
	"               key GLOB '[a-z]*.[a-z]*' AND key NOT GLOB '*[^a-z0-9_.]*')),\n"
	"  value      TEXT NOT NULL,\n"
	"  PRIMARY KEY (agency_id, key)\n"
	") WITHOUT ROWID;\n"
	"INSERT INTO agency_setting_new SELECT agency_id, key, value FROM agency_setting;\n"
	"DROP TABLE agency_setting;\n"
	"ALTER TABLE agency_setting_new RENAME TO agency_setting;\n"
	"CREATE TABLE application (\n"
	"  id              INTEGER PRIMARY KEY,\n"
	"  agency_id       INTEGER NOT NULL REFERENCES agency(id),\n"
	"  code            TEXT NOT NULL UNIQUE,\n"		/* tracking code, random */
	"  channel         TEXT NOT NULL CHECK (channel IN ('online', 'in_person',\n"
	"                    'post_signed', 'post_unsigned', 'fax', 'email')),\n"
	"  applicant_type  TEXT NOT NULL CHECK (applicant_type IN ('natural',\n"
	"                    'business', 'research', 'nonprofit', 'legal', 'other')),\n"
	"  applicant_name  TEXT NOT NULL,\n"
	"  applicant_idno  TEXT NOT NULL DEFAULT '',\n"	/* 身份证明 number */
	"  phone           TEXT NOT NULL DEFAULT '',\n"
	"  email           TEXT NOT NULL DEFAULT '',\n"
	"  address         TEXT NOT NULL DEFAULT '',\n"
	"  request         TEXT NOT NULL,\n"		/* the information wanted */
	"  delivery        TEXT NOT NULL DEFAULT '',\n"	/* form and channel wanted */
	"  received_date   TEXT NOT NULL,\n"		/* 条例第三十一条 */
	"  state           TEXT NOT NULL,\n"
	"  due_date        TEXT,\n"
	"  outcome         TEXT,\n"			/* a leaf of section 三 when closed */
	"  closed_date     TEXT,\n"
	"  created_at      TEXT NOT NULL,\n"
	"  updated_at      TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX application_agency_received ON application(agency_id, received_date);\n"
	"CREATE INDEX application_agency_closed ON application(agency_id, closed_date);\n"
	"CREATE INDEX application_open ON application(state, due_date);\n"
	"CREATE TABLE application_event (\n"
	"  id              INTEGER PRIMARY KEY,\n"
	"  application_id  INTEGER NOT NULL REFERENCES application(id),\n"
	"  seq             INTEGER NOT NULL,\n"
	"  kind            TEXT NOT NULL,\n"
	"  date            TEXT NOT NULL,\n"
	"  until_date      TEXT,\n"
	"  days            INTEGER,\n"
	"  outcome         TEXT,\n"
	"  amount          INTEGER,\n"			/* fee, in 分 */
	"  actor           TEXT NOT NULL,\n"
	"  note            TEXT NOT NULL DEFAULT '',\n"
	"  recorded_at     TEXT NOT NULL,\n"
	"  UNIQUE (application_id, seq)\n"
	");\n"
	"CREATE TABLE legal_case (\n"
	"  id              INTEGER PRIMARY KEY,\n"
	"  agency_id       INTEGER NOT NULL REFERENCES agency(id),\n"
	"  application_id  INTEGER REFERENCES application(id),\n"
	"  route           TEXT NOT NULL CHECK (route IN ('recon', 'suit_direct',\n"
	"                    'suit_after')),\n"
	"  case_no         TEXT NOT NULL DEFAULT '',\n"
	"  filed_date      TEXT NOT NULL,\n"
	"  result          TEXT NOT NULL DEFAULT 'pending' CHECK (result IN\n"
	"                    ('upheld', 'corrected', 'other', 'pending')),\n"
	"  closed_date     TEXT,\n"
	"  note            TEXT NOT NULL DEFAULT '',\n"
	"  created_at      TEXT NOT NULL,\n"
	"  updated_at      TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX legal_case_agency ON legal_case(agency_id, filed_date);\n"
	"CREATE TABLE figure (\n"
	"  agency_id  INTEGER NOT NULL REFERENCES agency(id),\n"
	"  year       INTEGER NOT NULL,\n"
	"  key        TEXT NOT NULL,\n"
	"  value      INTEGER NOT NULL,\n"			/* × 1,000,000 (GK_NUM_SCALE) */
	"  source     TEXT NOT NULL DEFAULT '',\n"
	"  updated_at TEXT NOT NULL,\n"
	"  PRIMARY KEY (agency_id, year, key)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE report_text (\n"
	"  agency_id  INTEGER NOT NULL REFERENCES agency(id),\n"
	"  year       INTEGER NOT NULL,\n"
	"  section    TEXT NOT NULL CHECK (section IN ('overview', 'problems', 'other')),\n"
	"  text       TEXT NOT NULL,\n"
	"  updated_at TEXT NOT NULL,\n"
	"  PRIMARY KEY (agency_id, year, section)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE report_snapshot (\n"
	"  id            INTEGER PRIMARY KEY,\n"
	"  agency_id     INTEGER NOT NULL REFERENCES agency(id),\n"
	"  year          INTEGER NOT NULL,\n"
	"  version       INTEGER NOT NULL CHECK (version >= 1),\n"	/* a corrected report is a new version */
	"  model_json    TEXT NOT NULL,\n"			/* gongkai.report/1 */
	"  sha256        TEXT NOT NULL,\n"
	"  published_at  TEXT NOT NULL,\n"
	"  actor         TEXT NOT NULL,\n"
	"  UNIQUE (agency_id, year, version)\n"
	");\n"
	"PRAGMA user_version = 7;\n",

	/*
	 * v8: covering indexes for the annual report's counts
	 * (src/store/report_data.c), so a report reads index pages only, never
	 * the item and application rows with their bodies and personal fields
	 * (bench/README.md, bench_report_gen: the rows were 70 % of a
	 * government's aggregate). Each replaces a narrower index with the same
	 * leading columns.
	 */
	"DROP INDEX item_category;\n"
	"CREATE INDEX item_category ON item(category_id, published_at, agency_id, state,\n"
	"  due_date, written_date, validity, validity_date);\n"
	"DROP INDEX application_agency_received;\n"
	"CREATE INDEX application_agency_received ON application(agency_id, received_date,\n"
	"  closed_date, applicant_type, outcome);\n"
	"CREATE INDEX application_event_kind ON application_event(application_id, kind, seq,\n"
	"  date, amount);\n"
	"PRAGMA user_version = 8;\n",

	/*
	 * v9 (issue 5, the portal): site_state.gen, bumped by triggers in the
	 * same transaction as any change the public pages show (an item
	 * entering or leaving 'published' or changed while published, its
	 * attachments and interpretation links, agencies, their settings and
	 * categories, report snapshots, published consultations), so a server
	 * holding rendered pages in memory drops them when gen moves
	 * (src/web/server.c); and consultation, the 留言咨询 (src/store/
	 * consultation.c): a question from the public, moderated before it is
	 * shown, with its answer and the dates the working days are counted
	 * between; platform_setting, the platform's footer and header facts
	 * (主办单位, 网站标识码, ICP备案号...).
	 */
	"CREATE TABLE site_state (\n"
	"  id   INTEGER PRIMARY KEY CHECK (id = 1),\n"
	"  gen  INTEGER NOT NULL\n"
	");\n"
	"INSERT INTO site_state (id, gen) VALUES (1, 1);\n"
	"CREATE TRIGGER site_item_ins AFTER INSERT ON item WHEN NEW.state = 'published'\n"
	"  BEGIN UPDATE site_state SET gen = gen + 1; END;\n"
	"CREATE TRIGGER site_item_upd AFTER UPDATE ON item\n"
	"  WHEN OLD.state = 'published' OR NEW.state = 'published'\n"
	"  BEGIN UPDATE site_state SET gen = gen + 1; END;\n"
	"CREATE TRIGGER site_item_del AFTER DELETE ON item WHEN OLD.state = 'published'\n"
	"  BEGIN UPDATE site_state SET gen = gen + 1; END;\n"
	"CREATE TRIGGER site_att_ins AFTER INSERT ON attachment\n"
	"  BEGIN UPDATE site_state SET gen = gen + 1; END;\n"
	"CREATE TRIGGER site_att_del AFTER DELETE ON attachment\n"
	"  BEGIN UPDATE site_state SET gen = gen + 1; END;\n"
	"CREATE TRIGGER site_interp_ins AFTER INSERT ON interpretation\n"
	"  BEGIN UPDATE site_state SET gen = gen + 1; END;\n"
	"CREATE TRIGGER site_interp_del AFTER DELETE ON interpretation\n"
	"  BEGIN UPDATE site_state SET gen = gen + 1; END;\n"
	"CREATE TRIGGER site_agency_ins AFTER INSERT ON agency\n"
	"  BEGIN UPDATE site_state SET gen = gen + 1; END;\n"
	"CREATE TRIGGER site_agency_upd AFTER UPDATE ON agency\n"
	"  BEGIN UPDATE site_state SET gen = gen + 1; END;\n"
	"CREATE TRIGGER site_setting_ins AFTER INSERT ON agency_setting\n"
	"  BEGIN UPDATE site_state SET gen = gen + 1; END;\n"
	"CREATE TRIGGER site_setting_upd AFTER UPDATE ON agency_setting\n"
	"  BEGIN UPDATE site_state SET gen = gen + 1; END;\n"
	"CREATE TRIGGER site_setting_del AFTER DELETE ON agency_setting\n"
	"  BEGIN UPDATE site_state SET gen = gen + 1; END;\n"
	"CREATE TRIGGER site_category_ins AFTER INSERT ON category\n"
	"  BEGIN UPDATE site_state SET gen = gen + 1; END;\n"
	"CREATE TRIGGER site_category_upd AFTER UPDATE ON category\n"
	"  BEGIN UPDATE site_state SET gen = gen + 1; END;\n"
	"CREATE TRIGGER site_category_del AFTER DELETE ON category\n"
	"  BEGIN UPDATE site_state SET gen = gen + 1; END;\n"
	"CREATE TRIGGER site_report_ins AFTER INSERT ON report_snapshot\n"
	"  BEGIN UPDATE site_state SET gen = gen + 1; END;\n"
	"CREATE TABLE platform_setting (\n"			/* struct gk_site (src/web/web.h) */
	"  key    TEXT PRIMARY KEY,\n"
	"  value  TEXT NOT NULL\n"
	") WITHOUT ROWID;\n"
	"CREATE TRIGGER site_platform_ins AFTER INSERT ON platform_setting\n"
	"  BEGIN UPDATE site_state SET gen = gen + 1; END;\n"
	"CREATE TRIGGER site_platform_upd AFTER UPDATE ON platform_setting\n"
	"  BEGIN UPDATE site_state SET gen = gen + 1; END;\n"
	"CREATE TRIGGER site_platform_del AFTER DELETE ON platform_setting\n"
	"  BEGIN UPDATE site_state SET gen = gen + 1; END;\n"
	"CREATE TABLE consultation (\n"
	"  id            INTEGER PRIMARY KEY,\n"
	"  agency_id     INTEGER NOT NULL REFERENCES agency(id),\n"
	"  code          TEXT NOT NULL UNIQUE,\n"		/* tracking code, as applications */
	"  name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),\n"
	"  phone         TEXT NOT NULL DEFAULT '',\n"	/* personal: never shown publicly */
	"  email         TEXT NOT NULL DEFAULT '',\n"
	"  title         TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 100),\n"
	"  question      TEXT NOT NULL CHECK (length(question) BETWEEN 1 AND 5000),\n"
	"  asked_at      TEXT NOT NULL,\n"			/* timestamp with offset */
	"  asked_date    TEXT NOT NULL,\n"			/* the day counted from */
	"  state         TEXT NOT NULL DEFAULT 'pending' CHECK (state IN\n"
	"                  ('pending', 'answered', 'published', 'rejected')),\n"
	"  answer        TEXT NOT NULL DEFAULT '',\n"
	"  answered_by   TEXT NOT NULL DEFAULT '',\n"
	"  answer_date   TEXT,\n"
	"  published_at  TEXT,\n"
	"  reject_reason TEXT NOT NULL DEFAULT ''\n"
	");\n"
	"CREATE INDEX consultation_agency ON consultation(agency_id, state, asked_date);\n"
	"CREATE TRIGGER site_consult_upd AFTER UPDATE ON consultation\n"
	"  WHEN OLD.state = 'published' OR NEW.state = 'published'\n"
	"  BEGIN UPDATE site_state SET gen = gen + 1; END;\n"
	"PRAGMA user_version = 9;\n",

	/*
	 * v10 (issue 5, search): item_fts, the full-text index of the published
	 * items' title and body (store/search.c, docs/search.md), tokenized by
	 * gk_cjk (bigrams of Han characters plus unigrams, Latin/digit words),
	 * ranked by bm25 with the title weighted 10 to the body's 1. External
	 * content through the view item_fts_src, which shows exactly the
	 * published items, so FTS5's 'rebuild' and 'integrity-check' agree with
	 * the index. Triggers keep it in step in the same transaction as every
	 * change: an item entering 'published' is added, leaving it removed,
	 * a published item whose title or body changes re-indexed; a change of
	 * validity or other metadata leaves the index alone (filters read item).
	 */
	"CREATE VIEW item_fts_src AS\n"
	"  SELECT id, title, body FROM item WHERE state = 'published';\n"
	"CREATE VIRTUAL TABLE item_fts USING fts5(title, body, content = 'item_fts_src',\n"
	"  content_rowid = 'id', tokenize = 'gk_cjk');\n"
	"INSERT INTO item_fts (item_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)');\n"
	"INSERT INTO item_fts (rowid, title, body)\n"
	"  SELECT id, title, body FROM item WHERE state = 'published';\n"
	"CREATE TRIGGER item_fts_ins AFTER INSERT ON item WHEN NEW.state = 'published'\n"
	"  BEGIN INSERT INTO item_fts (rowid, title, body) VALUES (NEW.id, NEW.title, NEW.body); END;\n"
	"CREATE TRIGGER item_fts_upd AFTER UPDATE OF state, title, body, id ON item\n"
	"  WHEN (OLD.state = 'published' OR NEW.state = 'published') AND\n"
	"    (OLD.state IS NOT NEW.state OR OLD.title IS NOT NEW.title OR\n"
	"     OLD.body IS NOT NEW.body OR OLD.id IS NOT NEW.id)\n"
	"  BEGIN\n"
	"    INSERT INTO item_fts (item_fts, rowid, title, body)\n"
	"      SELECT 'delete', OLD.id, OLD.title, OLD.body WHERE OLD.state = 'published';\n"
	"    INSERT INTO item_fts (rowid, title, body)\n"
	"      SELECT NEW.id, NEW.title, NEW.body WHERE NEW.state = 'published';\n"
	"  END;\n"
	"CREATE TRIGGER item_fts_del AFTER DELETE ON item WHEN OLD.state = 'published'\n"
	"  BEGIN INSERT INTO item_fts (item_fts, rowid, title, body)\n"
	"    VALUES ('delete', OLD.id, OLD.title, OLD.body); END;\n"
	"PRAGMA user_version = 10;\n",

	/*
	 * v11 (issue 5, search at scale): item_published, the items in order of
	 * publication, covering the search filters, so a date-sorted search
	 * over many matches walks the items newest first and checks each
	 * against item_fts, stopping after the page instead of sorting every
	 * match (store/search.c ORD_WALK, docs/search.md); and item_search, the
	 * same columns by id, which the filters join to every match (a few
	 * dozen bytes a row instead of the item's row with its body).
	 */
	"CREATE INDEX item_published ON item(state, published_at, agency_id, category_id,\n"
	"  validity);\n"
	"CREATE INDEX item_search ON item(id, state, published_at, agency_id, category_id,\n"
	"  validity);\n"
	"PRAGMA user_version = 11;\n",

	/*
	 * v12 (issue 5, search at 1,000,000 items; docs/search.md): the filters
	 * become tokens of a third column, tags (gk_search_tags(): a<agency>,
	 * y<year of publication>, c<category>, v<validity code>), so a filtered
	 * search is an intersection of doclists inside FTS5 instead of a join
	 * of every match to item; item_title_fts indexes the titles alone (with
	 * the same tags), so the title tier of a ranking reads the small title
	 * index instead of every body match; the rank is gk_rank() (BM25's
	 * term-frequency and length parts without the IDF, whose computation
	 * reads every match of each phrase); and FTS5 keeps 16 MB of pending
	 * tokens before writing a segment (the default 1 MB makes a bulk import
	 * rewrite each segment many times over in merges). The triggers now also
	 * follow the columns behind the tags.
	 */
	"DROP TRIGGER item_fts_ins;\n"
	"DROP TRIGGER item_fts_upd;\n"
	"DROP TRIGGER item_fts_del;\n"
	"DROP TABLE item_fts;\n"
	"DROP VIEW item_fts_src;\n"
	"CREATE VIEW item_fts_src AS\n"
	"  SELECT id, title, body, gk_search_tags(agency_id, category_id, published_at, validity)\n"
	"    AS tags FROM item WHERE state = 'published';\n"
	"CREATE VIRTUAL TABLE item_fts USING fts5(title, body, tags, content = 'item_fts_src',\n"
	"  content_rowid = 'id', tokenize = 'gk_cjk');\n"
	"CREATE VIRTUAL TABLE item_title_fts USING fts5(title, tags, content = 'item_fts_src',\n"
	"  content_rowid = 'id', tokenize = 'gk_cjk');\n"
	"INSERT INTO item_fts (item_fts, rank) VALUES ('rank', 'gk_rank(10.0, 1.0, 0.0)');\n"
	"INSERT INTO item_title_fts (item_title_fts, rank) VALUES ('rank', 'gk_rank(1.0, 0.0)');\n"
	"INSERT INTO item_fts (item_fts, rank) VALUES ('hashsize', 16777216);\n"
	"INSERT INTO item_title_fts (item_title_fts, rank) VALUES ('hashsize', 4194304);\n"
	"INSERT INTO item_fts (item_fts) VALUES ('rebuild');\n"
	"INSERT INTO item_title_fts (item_title_fts) VALUES ('rebuild');\n"
	/*
	 * The date walk's index with id right after published_at, so ORDER BY
	 * published_at DESC, id DESC is the index order: v11's put the filter
	 * columns before the rowid, and every item sharing the newest timestamp
	 * had to be probed and sorted before the first row.
	 */
	"DROP INDEX item_published;\n"
	"CREATE INDEX item_published ON item(state, published_at, id, agency_id, category_id,\n"
	"  validity);\n"
	"CREATE TRIGGER item_fts_ins AFTER INSERT ON item WHEN NEW.state = 'published'\n"
	"  BEGIN\n"
	"    INSERT INTO item_fts (rowid, title, body, tags) VALUES (NEW.id, NEW.title, NEW.body,\n"
	"      gk_search_tags(NEW.agency_id, NEW.category_id, NEW.published_at, NEW.validity));\n"
	"    INSERT INTO item_title_fts (rowid, title, tags) VALUES (NEW.id, NEW.title,\n"
	"      gk_search_tags(NEW.agency_id, NEW.category_id, NEW.published_at, NEW.validity));\n"
	"  END;\n"
	"CREATE TRIGGER item_fts_upd AFTER UPDATE OF state, title, body, id, agency_id,\n"
	"  category_id, published_at, validity ON item\n"
	"  WHEN (OLD.state = 'published' OR NEW.state = 'published') AND\n"
	"    (OLD.state IS NOT NEW.state OR OLD.title IS NOT NEW.title OR\n"
	"     OLD.body IS NOT NEW.body OR OLD.id IS NOT NEW.id OR\n"
	"     OLD.agency_id IS NOT NEW.agency_id OR OLD.category_id IS NOT NEW.category_id OR\n"
	"     OLD.published_at IS NOT NEW.published_at OR OLD.validity IS NOT NEW.validity)\n"
	"  BEGIN\n"
	"    INSERT INTO item_fts (item_fts, rowid, title, body, tags)\n"
	"      SELECT 'delete', OLD.id, OLD.title, OLD.body, gk_search_tags(OLD.agency_id,\n"
	"        OLD.category_id, OLD.published_at, OLD.validity) WHERE OLD.state = 'published';\n"
	"    INSERT INTO item_title_fts (item_title_fts, rowid, title, tags)\n"
	"      SELECT 'delete', OLD.id, OLD.title, gk_search_tags(OLD.agency_id,\n"
	"        OLD.category_id, OLD.published_at, OLD.validity) WHERE OLD.state = 'published';\n"
	"    INSERT INTO item_fts (rowid, title, body, tags)\n"
	"      SELECT NEW.id, NEW.title, NEW.body, gk_search_tags(NEW.agency_id,\n"
	"        NEW.category_id, NEW.published_at, NEW.validity) WHERE NEW.state = 'published';\n"
	"    INSERT INTO item_title_fts (rowid, title, tags)\n"
	"      SELECT NEW.id, NEW.title, gk_search_tags(NEW.agency_id,\n"
	"        NEW.category_id, NEW.published_at, NEW.validity) WHERE NEW.state = 'published';\n"
	"  END;\n"
	"CREATE TRIGGER item_fts_del AFTER DELETE ON item WHEN OLD.state = 'published'\n"
	"  BEGIN\n"
	"    INSERT INTO item_fts (item_fts, rowid, title, body, tags) VALUES ('delete', OLD.id,\n"
	"      OLD.title, OLD.body, gk_search_tags(OLD.agency_id, OLD.category_id,\n"
	"      OLD.published_at, OLD.validity));\n"
	"    INSERT INTO item_title_fts (item_title_fts, rowid, title, tags) VALUES ('delete',\n"
	"      OLD.id, OLD.title, gk_search_tags(OLD.agency_id, OLD.category_id,\n"
	"      OLD.published_at, OLD.validity));\n"
	"  END;\n"
	"PRAGMA user_version = 12;\n",

	/* v13 (security: sessions, login failures and lockout, API tokens (issue 6, H1; store/session.h, store/token.h)). */
	"CREATE TABLE session (\n"
	"  id          INTEGER PRIMARY KEY,\n"
	"  hash        TEXT NOT NULL UNIQUE CHECK (length(hash) = 64),\n"	/* SHA-256 hex of the cookie value */
	"  user_id     INTEGER NOT NULL REFERENCES users(id),\n"
	"  csrf        TEXT NOT NULL CHECK (length(csrf) = 64),\n"
	"  created_at  TEXT NOT NULL,\n"
	"  last_seen   INTEGER NOT NULL,\n"				/* seconds since the epoch */
	"  client      TEXT NOT NULL DEFAULT ''\n"
	");\n"
	"CREATE INDEX session_user ON session (user_id);\n"
	"CREATE TABLE login_guard (\n"					/* failed logins, per login */
	"  login         TEXT PRIMARY KEY,\n"
	"  failures      INTEGER NOT NULL DEFAULT 0,\n"
	"  window_start  INTEGER NOT NULL DEFAULT 0,\n"		/* seconds: first failure counted */
	"  locked_until  INTEGER NOT NULL DEFAULT 0,\n"		/* seconds; 0: not locked */
	"  updated_at    TEXT NOT NULL\n"
	");\n"
	"CREATE TABLE api_token (\n"
	"  id            INTEGER PRIMARY KEY,\n"
	"  agency_id     INTEGER NOT NULL REFERENCES agency(id),\n"
	"  user_id       INTEGER NOT NULL REFERENCES users(id),\n"	/* drafts are written as this user */
	"  name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),\n"
	"  hash          TEXT NOT NULL UNIQUE CHECK (length(hash) = 64),\n"
	"  prefix        TEXT NOT NULL,\n"				/* the first characters, to recognise it */
	"  created_by    TEXT NOT NULL,\n"
	"  created_at    TEXT NOT NULL,\n"
	"  last_used_at  TEXT,\n"
	"  revoked_at    TEXT\n"
	");\n"
	"CREATE INDEX api_token_agency ON api_token (agency_id);\n"
	"PRAGMA user_version = 13;\n",

	/* v14 (applications: stored, editable answer letters, every version kept, the sent one frozen (issue 6, H4; store/letter_store.h)). */
	"CREATE TABLE application_letter (\n"
	"  id              INTEGER PRIMARY KEY,\n"
	"  application_id  INTEGER NOT NULL REFERENCES application(id),\n"
	"  version         INTEGER NOT NULL CHECK (version >= 1),\n"
	"  outcome         TEXT NOT NULL,\n"		/* the leaf of section 三 it answers with */
	"  answer_date     TEXT NOT NULL,\n"		/* the date the letter bears */
	"  options         TEXT NOT NULL DEFAULT '{}',\n"	/* JSON: what the draft was made from */
	"  body            TEXT NOT NULL,\n"		/* the letter as text, as edited */
	"  actor           TEXT NOT NULL,\n"
	"  created_at      TEXT NOT NULL,\n"
	"  sent_at         TEXT,\n"			/* set once, with the ANSWER event: frozen */
	"  UNIQUE (application_id, version)\n"
	");\n"
	"CREATE TRIGGER application_letter_frozen BEFORE UPDATE ON application_letter\n"
	"  WHEN OLD.sent_at IS NOT NULL OR NEW.body IS NOT OLD.body OR\n"
	"    NEW.version IS NOT OLD.version OR NEW.application_id IS NOT OLD.application_id OR\n"
	"    NEW.outcome IS NOT OLD.outcome OR NEW.answer_date IS NOT OLD.answer_date\n"
	"  BEGIN SELECT RAISE(ABORT, 'application_letter: versions are kept as written'); END;\n"
	"CREATE TRIGGER application_letter_no_delete BEFORE DELETE ON application_letter\n"
	"  BEGIN SELECT RAISE(ABORT, 'application_letter: versions are kept'); END;\n"
	"PRAGMA user_version = 14;\n",

	/*
	 * v15 (the report narrative inputs (issue 6, H5), store/supervision.h):
	 * training sessions and complaints with their rectification feedback,
	 * counted into the narrative's {{trainings.*}} and {{complaints.*}}.
	 */
	"CREATE TABLE training (\n"
	"  id          INTEGER PRIMARY KEY,\n"
	"  agency_id   INTEGER NOT NULL REFERENCES agency(id),\n"
	"  held_date   TEXT NOT NULL,\n"
	"  topic       TEXT NOT NULL,\n"
	"  attendees   INTEGER NOT NULL CHECK (attendees > 0),\n"
	"  hours10     INTEGER NOT NULL CHECK (hours10 > 0),\n"	/* hours × 10 */
	"  created_at  TEXT NOT NULL,\n"
	"  updated_at  TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX training_agency ON training(agency_id, held_date);\n"
	"CREATE TABLE complaint (\n"
	"  id             INTEGER PRIMARY KEY,\n"
	"  agency_id      INTEGER NOT NULL REFERENCES agency(id),\n"
	"  received_date  TEXT NOT NULL,\n"
	"  about          TEXT NOT NULL,\n"
	"  feedback       TEXT NOT NULL DEFAULT '',\n"
	"  closed_date    TEXT,\n"
	"  created_at     TEXT NOT NULL,\n"
	"  updated_at     TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX complaint_agency ON complaint(agency_id, received_date);\n"
	"PRAGMA user_version = 15;\n",

	/*
	 * v16 (settings (issue 6, H6); store/site.h): the working-day
	 * calendar's notices entered in the back office (国务院办公厅关于某年部分
	 * 节假日安排的通知), one row per year with its days; laid over the
	 * shipped calendar file (gk_site_calendar_apply: a year with a notice
	 * here is defined by it). A change bumps site_state.gen, since due
	 * dates shown to the public depend on it.
	 */
	"CREATE TABLE calendar_notice (\n"
	"  year        INTEGER PRIMARY KEY CHECK (year BETWEEN 1 AND 9999),\n"
	"  doc_no      TEXT NOT NULL DEFAULT '',\n"		/* 文号, e.g. 国办发明电〔2025〕7号 */
	"  entered_by  TEXT NOT NULL,\n"
	"  entered_at  TEXT NOT NULL\n"
	");\n"
	"CREATE TABLE calendar_day (\n"
	"  date   TEXT PRIMARY KEY CHECK (length(date) = 10),\n"
	"  year   INTEGER NOT NULL REFERENCES calendar_notice(year),\n"
	"  kind   TEXT NOT NULL CHECK (kind IN ('off', 'work')),\n"
	"  name   TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX calendar_day_year ON calendar_day(year, date);\n"
	"CREATE TRIGGER site_calendar_ins AFTER INSERT ON calendar_notice\n"
	"  BEGIN UPDATE site_state SET gen = gen + 1; END;\n"
	"CREATE TRIGGER site_calendar_upd AFTER UPDATE ON calendar_notice\n"
	"  BEGIN UPDATE site_state SET gen = gen + 1; END;\n"
	"CREATE TRIGGER site_calendar_del AFTER DELETE ON calendar_notice\n"
	"  BEGIN UPDATE site_state SET gen = gen + 1; END;\n"
	"PRAGMA user_version = 16;\n",

	/*
	 * v17 (issue 7, channels; store/channel.h, docs/channels.md): per item
	 * and channel what was published and when (item_channel: one row per
	 * item and channel, replaced; the audit chain keeps the history), and
	 * which channels a category requires (channel_rule; category_id 0 = the
	 * agency's default).
	 */
	"CREATE TABLE item_channel (\n"
	"  item_id         INTEGER NOT NULL REFERENCES item(id),\n"
	"  channel         TEXT NOT NULL CHECK (channel IN ('portal', 'wechat', 'notice')),\n"
	"  status          TEXT NOT NULL\n"
	"                    CHECK (status IN ('pending', 'published', 'failed', 'removed')),\n"
	"  at              TEXT NOT NULL,\n"
	"  content_sha256  TEXT,\n"
	"  place           TEXT,\n"
	"  detail          TEXT,\n"
	"  PRIMARY KEY (item_id, channel)\n"
	");\n"
	"CREATE TABLE channel_rule (\n"
	"  agency_id    INTEGER NOT NULL REFERENCES agency(id),\n"
	"  category_id  INTEGER NOT NULL DEFAULT 0,\n"
	"  channel      TEXT NOT NULL CHECK (channel IN ('portal', 'wechat', 'notice')),\n"
	"  required     INTEGER NOT NULL CHECK (required IN (0, 1)),\n"
	"  within_days  INTEGER CHECK (within_days IS NULL OR within_days BETWEEN 0 AND 366),\n"
	"  PRIMARY KEY (agency_id, category_id, channel)\n"
	");\n"
	"PRAGMA user_version = 17;\n",

	/*
	 * v18 (issue 7, I7-A; store/wechat_outbox.h, docs/wechat.md): an
	 * agency's WeChat official account (base URL, appid, secret, the cached
	 * access token and cover image), and the outbox: one row per
	 * publication, moved step by step (queued -> drafted -> submitted ->
	 * published | failed) with the ids of each step kept before the next
	 * call, so a restart resumes and never submits a draft twice.
	 */
	"CREATE TABLE wechat_account (\n"
	"  agency_id       INTEGER PRIMARY KEY REFERENCES agency(id),\n"
	"  base_url        TEXT NOT NULL,\n"
	"  appid           TEXT NOT NULL,\n"
	"  secret          TEXT NOT NULL,\n"
	"  access_token    TEXT,\n"
	"  token_expires   INTEGER NOT NULL DEFAULT 0,\n"	/* Unix time */
	"  thumb_media_id  TEXT,\n"
	"  updated_at      TEXT NOT NULL\n"
	");\n"
	"CREATE TABLE wechat_outbox (\n"
	"  id              INTEGER PRIMARY KEY,\n"
	"  item_id         INTEGER NOT NULL REFERENCES item(id),\n"
	"  agency_id       INTEGER NOT NULL REFERENCES agency(id),\n"
	"  state           TEXT NOT NULL DEFAULT 'queued' CHECK (state IN\n"
	"                    ('queued', 'drafted', 'submitted', 'published', 'failed')),\n"
	"  content_sha256  TEXT,\n"
	"  draft_media_id  TEXT,\n"
	"  publish_id      TEXT,\n"
	"  article_url     TEXT,\n"
	"  attempts        INTEGER NOT NULL DEFAULT 0,\n"
	"  next_at         INTEGER NOT NULL DEFAULT 0,\n"	/* Unix time of the next try */
	"  last_error      TEXT,\n"
	"  queued_by       TEXT NOT NULL,\n"
	"  created_at      TEXT NOT NULL,\n"
	"  updated_at      TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX wechat_outbox_due ON wechat_outbox(state, next_at);\n"
	"CREATE UNIQUE INDEX wechat_outbox_live ON wechat_outbox(item_id)\n"
	"  WHERE state IN ('queued', 'drafted', 'submitted');\n"
	"PRAGMA user_version = 18;\n",

	/*
	 * v19: reserved for the printed notices, which needed nothing beyond
	 * item_channel (v17). The empty table stays so that the versions of
	 * databases already made keep their meaning; nothing reads it.
	 */
	"CREATE TABLE schema_slot_19 (x);\n"
	"PRAGMA user_version = 19;\n",

	/*
	 * v20 (issue 7, targeted push; store/subscription.h, docs/push.md):
	 * subscriptions by e-mail (double opt-in: the confirmation token is
	 * stored hashed; a confirmed one replaces the address's earlier one
	 * for the agency), and the outbox: one row per message (the
	 * confirmation or a digest) with its items, its own unsubscribe token
	 * (hashed), the rendered message until it is sent, its Message-ID, the
	 * attempts and the next one. `mark` is where a subscription's digests
	 * have got to: "published_at#id" of the last item considered.
	 */
	"CREATE TABLE subscription (\n"
	"  id               INTEGER PRIMARY KEY,\n"
	"  agency_id        INTEGER NOT NULL REFERENCES agency(id),\n"
	"  email            TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 254),\n"
	"  categories       TEXT NOT NULL DEFAULT '',\n"	/* category ids, comma-separated */
	"  topics           TEXT NOT NULL DEFAULT '',\n"	/* 主题分类, one a line */
	"  keywords         TEXT NOT NULL DEFAULT '',\n"	/* one a line */
	"  state            TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending',\n"
	"                     'confirmed', 'unsubscribed', 'replaced')),\n"
	"  confirm_sha256   TEXT NOT NULL UNIQUE CHECK (length(confirm_sha256) = 64),\n"
	"  created_at       TEXT NOT NULL,\n"
	"  confirmed_at     TEXT,\n"
	"  unsubscribed_at  TEXT,\n"
	"  mark             TEXT\n"
	");\n"
	"CREATE UNIQUE INDEX subscription_live ON subscription (agency_id, email)\n"
	"  WHERE state = 'confirmed';\n"
	"CREATE INDEX subscription_email ON subscription (email, created_at);\n"
	"CREATE TABLE push_outbox (\n"
	"  id               INTEGER PRIMARY KEY,\n"
	"  subscription_id  INTEGER NOT NULL REFERENCES subscription(id),\n"
	"  kind             TEXT NOT NULL CHECK (kind IN ('confirm', 'digest')),\n"
	"  items            TEXT NOT NULL DEFAULT '',\n"	/* item ids, comma-separated */
	"  unsub_sha256     TEXT NOT NULL UNIQUE CHECK (length(unsub_sha256) = 64),\n"
	"  message_id       TEXT NOT NULL UNIQUE,\n"
	"  message          TEXT,\n"				/* RFC 5322; NULL once sent */
	"  state            TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending',\n"
	"                     'sent', 'failed', 'cancelled')),\n"
	"  attempts         INTEGER NOT NULL DEFAULT 0,\n"
	"  next_attempt     TEXT NOT NULL,\n"
	"  last_error       TEXT,\n"
	"  created_at       TEXT NOT NULL,\n"
	"  sent_at          TEXT\n"
	");\n"
	"CREATE INDEX push_outbox_due ON push_outbox (state, next_attempt);\n"
	"PRAGMA user_version = 20;\n",

	/*
	 * v21 (the sync check and the site self-check (issue 7, I7-D);
	 * store/channel.h, docs/channels.md): every channel's rows in one
	 * shape. The portal is derived from the item (published at
	 * published_at while published, removed at withdrawn_at once
	 * withdrawn; it always shows the current content, so no hash);
	 * wechat and notice come from item_channel. A channel rule applies to
	 * items published on the portal on or after its since date (NULL: all).
	 */
	"ALTER TABLE channel_rule ADD COLUMN since TEXT\n"
	"  CHECK (since IS NULL OR length(since) = 10);\n"
	"CREATE VIEW item_channel_all AS\n"
	"  SELECT item_id, channel, status, at, content_sha256, place, detail\n"
	"    FROM item_channel WHERE channel <> 'portal'\n"
	"  UNION ALL\n"
	"  SELECT id, 'portal', CASE state WHEN 'published' THEN 'published' ELSE 'removed' END,\n"
	"    COALESCE(CASE state WHEN 'published' THEN published_at ELSE withdrawn_at END,\n"
	"      updated_at), NULL, NULL, NULL\n"
	"    FROM item WHERE state IN ('published', 'withdrawn');\n"
	"PRAGMA user_version = 21;\n",
};

int
gk_db_schema_latest(void)
{
	return (int)(sizeof(schema_scripts) / sizeof(schema_scripts[0]));
}

const char *
gk_schema_script(int v)
{
	if (v < 1 || v > gk_db_schema_latest())
		return NULL;
	return schema_scripts[v - 1];
}
