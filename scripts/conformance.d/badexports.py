"""Bad exports: each rule of the data contract broken once, on a foreign shape.

The contract: "anything that breaks it must be rejected with a clear message that names the file,
the line and the field". cos's message is `FILE:LINE: column COLUMN: value "VALUE": what is wrong`
(docs/data-contract.md, "Problems and the report"); problems that are not about one value name the
file and line, or only the file. Each case must exit with status 2, write no store, and print a line
naming the file, the line the broken record starts on (quoted line breaks before it move it down),
and the column.
"""

import copy
import os
import re
import shutil
import subprocess

import csvio
import foreign
from compare import Difference


class Case:
    def __init__(self, name, file, row=None, column=None, value=None, raw=None, lines=None, file_only=False,
                 also=()):
        self.name, self.file, self.row, self.column, self.value = name, file, row, column, value
        self.also = also             # further (row, column, value) changes in the same file
        self.raw = raw               # function(bytes, line) -> bytes, applied to the written file
        self.lines = lines           # rows whose lines are acceptable (default: [row])
        self.file_only = file_only   # the message names only the file (and the column)


def base_export(seed):
    """A small export of a foreign shape: CRLF, a BOM, shuffled and padded headers, extra columns,
    and names with quoted line breaks, so that a record's line is not its row number + 1."""
    e = foreign.generate(seed * 7919 + 13, "tiny")
    for f, shape in e.shapes.items():
        shape.crlf = True
        shape.bom = f in ("charge_tickets", "objects", "organizations")
        shape.order = list(reversed(shape.order))
        if not shape.extras:
            shape.extras = ["Notes"]
    # quoted line breaks in early rows of every file with names
    for f in ("organizations", "contracts", "product_categories", "products", "object_types",
              "object_profiles", "objects"):
        rows = e.tables[f]
        for r in rows[:2]:
            r["name"] = "line one,\r\nline \"two\"\nthree"
    return e


def find_row(rows, pred, start=2):
    """A row index >= start (so earlier rows' line breaks move it) whose values satisfy pred."""
    for i in range(start, len(rows)):
        if pred(rows[i]):
            return i
    for i in range(len(rows)):
        if pred(rows[i]):
            return i
    return None


def cases(e):
    t = e.tables
    out = []

    def value(name, f, col, v, pred=lambda r: True, lines=None):
        i = find_row(t[f], pred)
        if i is not None:
            out.append(Case(name, f, i, col, v, lines=lines))

    def no_breaks(r):
        return all(v is None or ("\n" not in v and "\r" not in v) for v in r.values())

    # rule 1: ids are unique within their file
    for f in ("organizations", "contracts", "products", "objects", "charge_tickets", "invoices", "usage_events"):
        if len(t[f]) > 3:
            out.append(Case(f"duplicate id in {f}", f, 3, "id", t[f][1]["id"], lines=[1, 3]))
    # rule 2: every *_id points at an existing row of the right file
    for f, col in [("organizations", "parent_id"), ("contracts", "organization_id"), ("products", "category_id"),
                   ("object_profiles", "object_type_id"), ("objects", "organization_id"),
                   ("objects", "contract_id"), ("objects", "object_type_id"), ("objects", "object_profile_id"),
                   ("usage_events", "object_id"), ("usage_events", "product_id"), ("charge_tickets", "contract_id"),
                   ("charge_tickets", "object_id"), ("charge_tickets", "product_id"),
                   ("charge_tickets", "invoice_id"), ("invoices", "organization_id")]:
        # an id of another file: it exists, but not in the file the column names
        other = t["charge_tickets"][0]["id"] if f != "charge_tickets" else t["usage_events"][0]["id"]
        value(f"{f}.{col} names no row", f, col, other + " (missing)")
    # rule 3: an object's profile belongs to the object's type
    profs = t["object_profiles"]
    by_type = {}
    for p in profs:
        by_type.setdefault(p["object_type_id"], []).append(p["id"])
    if len(by_type) >= 2:
        ty, prs = next(iter(by_type.items()))
        value("object's profile of another type", "objects", "object_profile_id", prs[0],
              pred=lambda r: r["object_type_id"] != ty)
    # rule 4: an object's contract belongs to the object's organization
    ks = t["contracts"]
    if len({k["organization_id"] for k in ks}) >= 2:
        k0 = ks[0]
        value("object's contract of another organization", "objects", "contract_id", k0["id"],
              pred=lambda r: r["organization_id"] != k0["organization_id"])
    # rule 5: a ticket's invoice belongs to the contract's organization, in the contract's currency
    korg = {k["id"]: k["organization_id"] for k in ks}
    kcur = {k["id"]: k["currency"].upper() for k in ks}
    invs = t["invoices"]
    if invs:
        i0 = invs[0]
        value("ticket's invoice of another organization", "charge_tickets", "invoice_id", i0["id"],
              pred=lambda r: korg[r["contract_id"]] != i0["organization_id"])
        other_cur = [i for i in invs if any(korg[k["id"]] == i["organization_id"] and kcur[k["id"]] != i["currency"].upper() for k in ks)]
        if other_cur:
            i1 = other_cur[0]
            value("ticket's invoice in another currency", "charge_tickets", "invoice_id", i1["id"],
                  pred=lambda r: korg[r["contract_id"]] == i1["organization_id"] and kcur[r["contract_id"]] != i1["currency"].upper())
    # status
    value("invoice status not draft/final/void", "invoices", "status", "paid")
    # the organization tree has no cycles
    orgs = t["organizations"]
    if len(orgs) >= 4:
        out.append(Case("organization that is its own parent", "organizations", 2, "parent_id", orgs[2]["id"]))
        out.append(Case("two organizations parents of each other", "organizations", 3, "parent_id", orgs[1]["id"],
                        lines=[1, 3], also=[(1, "parent_id", orgs[3]["id"])]))
        out.append(Case("a cycle of three organizations", "organizations", 4 % len(orgs), "parent_id", orgs[2]["id"],
                        lines=[2, 3, 4 % len(orgs)], also=[(2, "parent_id", orgs[3]["id"]),
                                                          (3, "parent_id", orgs[4 % len(orgs)]["id"])]))
    # values of each type
    for f, col, v in [("contracts", "start_date", "2026-02-30"), ("contracts", "currency", "S€K"),
                      ("contracts", "currency", "SE"), ("objects", "active_from", "2026-1-05"),
                      ("objects", "active_to", "20260105"), ("usage_events", "occurred_at", "2026-13-01T00:00:00Z"),
                      ("usage_events", "occurred_at", "yesterday"), ("usage_events", "quantity", "1e3"),
                      ("charge_tickets", "amount", "1.2345678"), ("charge_tickets", "amount", "+5"),
                      ("charge_tickets", "amount", "1,5"), ("charge_tickets", "quantity", "NaN"),
                      ("charge_tickets", "period_start", "2026-06"), ("charge_tickets", "unit_price", "12.5 SEK"),
                      ("invoices", "total_amount", "12.50.1"), ("invoices", "invoice_date", "31/12/2026"),
                      ("invoices", "currency", "EURO")]:
        value(f"{f}.{col} = {v!r}", f, col, v)
    # required fields that are null
    for f, col in [("organizations", "name"), ("contracts", "number"), ("contracts", "currency"),
                   ("product_categories", "name"), ("products", "category_id"), ("objects", "active_from"),
                   ("usage_events", "occurred_at"), ("charge_tickets", "amount"), ("invoices", "status")]:
        value(f"{f}.{col} is null", f, col, None)
    # syntax: a wrong number of fields, an unterminated quote, text after a closing quote, bad UTF-8
    for f in ("charge_tickets", "objects"):
        i = find_row(t[f], no_breaks)
        if i is not None:
            out.append(Case(f"{f}: a field too many", f, i, None, raw=lambda b: b"surplus," + b))
            out.append(Case(f"{f}: text after a closing quote", f, i, None,
                            raw=lambda b: b'"quoted"junk,' + b))
            out.append(Case(f"{f}: invalid UTF-8", f, i, None, raw=lambda b: b"\xff\xfe" + b))
    i = find_row(t["usage_events"], no_breaks)
    if i is not None:
        out.append(Case("usage_events: an unterminated quote", "usage_events", i, None,
                        raw=lambda b: b'"never closed,' + b))
    return out


def write_case(e, case, directory):
    e2 = copy.deepcopy(e)
    if case.row is not None and case.raw is None:
        for row, col, v in [(case.row, case.column, case.value), *case.also]:
            if col not in e2.shapes[case.file].order:
                # an absent optional column: add it back to the header for this case
                e2.shapes[case.file].order.append(col)
                e2.shapes[case.file].headers[col] = col
            e2.tables[case.file][row][col] = v
    starts = csvio.write_export(e2, directory)
    if case.raw is not None:
        path = os.path.join(directory, case.file + ".csv")
        data = open(path, "rb").read()
        lines = data.split(b"\n")
        n = starts[case.file][case.row] - 1
        lines[n] = case.raw(lines[n])
        data = b"\n".join(lines)
        with open(path, "wb") as fh:
            fh.write(data)
    return starts


def run(exe, work, seed):
    e = base_export(seed)
    diffs = []
    root = os.path.join(work, "bad")
    env = dict(os.environ, HOME=work, XDG_CACHE_HOME=os.path.join(work, "cache"))

    def attempt(directory):
        store = os.path.join(work, "bad.cos")
        if os.path.exists(store):
            os.remove(store)
        p = subprocess.run([exe, "import", directory, "-o", store], capture_output=True, env=env)
        return p.returncode, p.stderr.decode("utf-8", "replace"), os.path.exists(store)

    # the export itself loads
    good = os.path.join(root, "good")
    csvio.write_export(e, good)
    rc, err, made = attempt(good)
    if rc != 0:
        diffs.append(Difference("bad exports", "base export", "(import)", (), "exit", 0, rc, err[:300]))
        return diffs
    all_cases = cases(e)
    # whole-file problems: a missing file, a missing required column, a column named twice
    for n, case in enumerate(all_cases):
        d = os.path.join(root, f"case{n}")
        starts = write_case(e, case, d)
        rc, err, made = attempt(d)
        lines = [starts[case.file][r] for r in (case.lines or [case.row])]
        check(diffs, case, rc, err, made, lines)
        shutil.rmtree(d, ignore_errors=True)
    for f, col in [("charge_tickets", "amount"), ("objects", "object_type_id"), ("organizations", "name")]:
        d = os.path.join(root, "nocol")
        e2 = copy.deepcopy(e)
        if col in e2.shapes[f].order:
            e2.shapes[f].order.remove(col)
        csvio.write_export(e2, d)
        rc, err, made = attempt(d)
        check_file(diffs, f"{f}: required column {col} missing", f, col, rc, err, made)
        shutil.rmtree(d, ignore_errors=True)
    d = os.path.join(root, "nofile")
    csvio.write_export(e, d)
    os.remove(os.path.join(d, "object_types.csv"))
    rc, err, made = attempt(d)
    check_file(diffs, "object_types.csv missing", "object_types", None, rc, err, made)
    shutil.rmtree(d, ignore_errors=True)
    for name, text in (("manifest.json is not JSON", b'{"as_of": 2026-10-31'),
                       ("manifest.json as_of is not a date", b'{"as_of": "2026-02-30"}')):
        d = os.path.join(root, "manifest")
        csvio.write_export(e, d)
        with open(os.path.join(d, "manifest.json"), "wb") as fh:
            fh.write(text)
        rc, err, made = attempt(d)
        check_file(diffs, name, "manifest", None, rc, err, made, suffix=".json")
        shutil.rmtree(d, ignore_errors=True)
    d = os.path.join(root, "twice")
    e2 = copy.deepcopy(e)
    e2.shapes["products"].extras.append(" NAME ")      # `name` again, spelt another way
    csvio.write_export(e2, d)
    rc, err, made = attempt(d)
    check_file(diffs, "products.csv names the column name twice", "products", "name", rc, err, made)
    shutil.rmtree(root, ignore_errors=True)
    return diffs


def check(diffs, case, rc, err, made, lines):
    where = "bad exports"
    if rc != 2:
        diffs.append(Difference(where, case.name, "(import)", (), "exit", 2, rc, err[:200]))
        return
    if made:
        diffs.append(Difference(where, case.name, "(import)", (), "store", "no store written", "a store file"))
    file = case.file + ".csv"
    pats = [r"(cos import: )?" + re.escape(f"{file}:{ln}:") for ln in lines]
    hits = [l for l in err.splitlines() if any(re.match(p, l) for p in pats)]
    if not hits:
        diffs.append(Difference(where, case.name, "(message)", (), "file:line", f"{file}:{lines}",
                                " / ".join(err.splitlines()[:3])))
        return
    if case.column and not any(f"column {case.column}" in h for h in hits):
        diffs.append(Difference(where, case.name, "(message)", (), "column", case.column, hits[0]))


def check_file(diffs, name, f, col, rc, err, made, suffix=".csv"):
    where = "bad exports"
    if rc != 2:
        diffs.append(Difference(where, name, "(import)", (), "exit", 2, rc, err[:200]))
        return
    if made:
        diffs.append(Difference(where, name, "(import)", (), "store", "no store written", "a store file"))
    hits = [l for l in err.splitlines() if re.match(r"(cos import: )?" + re.escape(f + suffix), l)]
    if not hits or (col and not any(col in h for h in hits)):
        diffs.append(Difference(where, name, "(message)", (), "file and column", f"{f}{suffix}, {col}",
                                " / ".join(err.splitlines()[:3])))
