#!/usr/bin/env python3
"""doc_rows.py — checks that every number of a report's tables 二, 三 and 四,
as the plain-text report prints them (the seed's layout), stands in the same
row of a document converted back to text: row by row, in order, each row's
label followed by exactly its values.

    doc_rows.py REPORT.txt docx CONVERTED.txt    LibreOffice's txt:Text of the DOCX
                                                  (one table cell per line)
    doc_rows.py REPORT.txt xlsx SHEET.csv...      LibreOffice's CSV of each sheet
    doc_rows.py REPORT.txt pdf  CONVERTED.txt     pdftotext -layout of the PDF

Prints "rows N" (rows checked) and one line per mismatch; exit 1 on any.
"""
import csv
import re
import sys

NUM = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
H2 = "二、主动公开政府信息情况"
H3 = "三、收到和处理政府信息公开申请情况"
H4 = "四、政府信息公开行政复议、行政诉讼情况"
H5 = "五、存在的主要问题及改进情况"


def report_rows(path):
    """[(section, label, [values])] from the text report; section 4's label is ''."""
    lines = open(path, encoding="utf-8").read().split("\n")
    sec, rows = 0, []
    for ln in lines:
        s = ln.strip()
        if s == H2:
            sec = 2
            continue
        if s == H3:
            sec = 3
            continue
        if s == H4:
            sec = 4
            continue
        if s == H5:
            break
        if sec == 0 or "\t" not in ln:
            continue
        fields = [f.strip() for f in ln.split("\t") if f.strip() != ""]
        vals = []
        while fields and NUM.match(fields[-1]):
            vals.insert(0, fields.pop())
        if not vals:
            continue
        if sec == 4:
            rows.append((4, "", vals))
        elif fields:
            rows.append((sec, fields[-1], vals))
    return rows


def squash(s):
    return re.sub(r"\s+", "", s)


def check_docx(rows, path):
    lines = [ln.strip() for ln in open(path, encoding="utf-8").read().split("\n")]
    bad, i = [], 0
    for sec in (2, 3, 4):
        head = H2 if sec == 2 else H3 if sec == 3 else H4
        try:
            i = lines.index(head, i)
        except ValueError:
            bad.append("missing heading " + head)
            continue
        for s, label, vals in rows:
            if s != sec:
                continue
            if label:
                try:
                    i = lines.index(label, i + 1)
                except ValueError:
                    bad.append("row %s: label not found after line %d" % (label, i))
                    continue
                got = [x for x in lines[i + 1:i + 1 + 3 * len(vals)] if x != ""][:len(vals)]
            else:
                # 四: the first run of 15 numbers after the heading
                k = i
                while k < len(lines) and not NUM.match(lines[k]):
                    k += 1
                got = [x for x in lines[k:k + 3 * len(vals)] if x != ""][:len(vals)]
            if got != vals:
                bad.append("row %s: want %s, got %s" % (label or "四", vals, got))
    return bad


def check_xlsx(rows, paths):
    # One CSV per sheet: put them in the report's order (表二, 表三, 表四).
    order = {"表二": 0, "表三": 1, "表四": 2}
    paths = sorted(paths, key=lambda p: min([v for k, v in order.items() if k in p] or [9]))
    table = []
    for p in paths:
        with open(p, encoding="utf-8", newline="") as f:
            table.extend(csv.reader(f))
    bad, i = [], 0
    for sec, label, vals in rows:
        found = None
        for k in range(i, len(table)):
            r = [c.strip() for c in table[k]]
            if label and label in r:
                after = r[r.index(label) + 1:]
            elif not label and r and all(NUM.match(c) for c in r if c) and \
                    len([c for c in r if c]) == len(vals):
                after = r
            else:
                continue
            found = (k, [c for c in after if c != ""])
            break
        if found is None:
            bad.append("row %s: not found" % (label or "四"))
            continue
        i = found[0] + 1
        if found[1] != vals:
            bad.append("row %s: want %s, got %s" % (label or "四", vals, found[1]))
    return bad


def check_pdf(rows, path):
    lines = open(path, encoding="utf-8").read().split("\n")
    bad, i = [], 0
    for sec in (2, 3, 4):
        head = H2 if sec == 2 else H3 if sec == 3 else H4
        k = next((j for j in range(i, len(lines)) if squash(lines[j]) == head), None)
        if k is None:
            bad.append("missing heading " + head)
            continue
        i = k
        for s, label, vals in rows:
            if s != sec:
                continue
            # The first line after the last row holding the label (its first
            # characters: a long label wraps) must end with the row's values.
            pre = squash(label)[:8]
            for j in range(i + 1, len(lines)):
                toks = lines[j].split()
                if label and pre in squash(lines[j]):
                    break
                if not label and toks and all(NUM.match(t) for t in toks):
                    break
            else:
                bad.append("row %s: not found after line %d" % (label or "四", i + 1))
                continue
            i = j
            if len(toks) < len(vals) or toks[-len(vals):] != vals or \
                    (not label and len(toks) != len(vals)):
                bad.append("row %s: want %s, got %s" % (label or "四", vals, lines[j].strip()))
    return bad


def main():
    if len(sys.argv) < 4 or sys.argv[2] not in ("docx", "xlsx", "pdf"):
        sys.stderr.write(__doc__)
        return 2
    rows = report_rows(sys.argv[1])
    if sys.argv[2] == "docx":
        bad = check_docx(rows, sys.argv[3])
    elif sys.argv[2] == "xlsx":
        bad = check_xlsx(rows, sys.argv[3:])
    else:
        bad = check_pdf(rows, sys.argv[3])
    print("rows %d" % len(rows))
    for b in bad:
        print(b)
    return 1 if bad or not rows else 0


if __name__ == "__main__":
    sys.exit(main())
