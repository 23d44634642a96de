#!/usr/bin/env python3
"""chain_writer.py DB TAG N [DELAY_MS] — an independent writer for the CLI tests.

Adds N agency rows named TAG-1..TAG-N to a gongkai database, one transaction
each (BEGIN IMMEDIATE), each with its audit entry hashed by this script's own
implementation of the format in docs/store.md. It proves the documented
serialisation matches the C code (gongkai audit verify must accept its
entries) and serves as a second process writing during a backup.
"""
import hashlib
import sqlite3
import sys
import time

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
GENESIS = "0" * 64


def uscc(n):
    """A valid 统一社会信用代码 (GB 32100-2015 check character) for serial n."""
    body = "91510422%09d" % n
    c = 31 - sum(CHARSET.index(ch) * w for ch, w in zip(body, WEIGHTS)) % 31
    return body + CHARSET[0 if c == 31 else c]


def entry_hash(seq, tm, actor, entity, entity_id, action, change, prev):
    out = b"gongkai-audit-v1\n"
    for f in (str(seq), tm, actor, entity, str(entity_id), action, change, prev):
        b = f.encode()
        out += str(len(b)).encode() + b":" + b + b"\n"
    return hashlib.sha256(out).hexdigest()


def main():
    path, tag, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    delay = int(sys.argv[4]) / 1000 if len(sys.argv) > 4 else 0
    db = sqlite3.connect(path, isolation_level=None, timeout=30)
    db.execute("PRAGMA foreign_keys = ON")
    base = abs(hash(tag)) % 100000 * 1000
    for i in range(1, n + 1):
        db.execute("BEGIN IMMEDIATE")
        name = "%s-%d" % (tag, i)
        code = uscc(base + i)
        tm = "2026-03-01T10:00:00+08:00"
        cur = db.execute("INSERT INTO agency (name, uscc, level, created_at) "
                         "VALUES (?, ?, '', ?)", (name, code, tm))
        aid = cur.lastrowid
        row = db.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        seq, prev = (row[0] + 1, row[1]) if row else (1, GENESIS)
        change = '{"id":%d,"name":"%s","uscc":"%s"}' % (aid, name, code)
        h = entry_hash(seq, tm, "chain_writer", "agency", aid, "create", change, prev)
        db.execute("INSERT INTO audit VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (seq, tm, "chain_writer", "agency", aid, "create", change, prev, h))
        db.execute("COMMIT")
        if delay:
            time.sleep(delay)
    db.close()


if __name__ == "__main__":
    main()
