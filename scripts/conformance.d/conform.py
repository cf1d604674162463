"""scripts/conformance: cos against an independent reference, on exports cos's generator never writes.

    scripts/conformance [--seed N] [--size tiny|small|medium|large] [--keep DIR] [--bin DIR]
                        [--data DIR [--as-of DATE] [--period FROM..TO]] [--no-bad] [--duckdb]

1. writes a foreign export (foreign.py) and reads it back with our own reader (csvio.py);
2. imports it with `cos import`, then runs ONE `cos STORE --format json -f SCRIPT` over every
   organization and every view (organization, tree, ticket lists, ls, category, product, object
   type, profile, object, contract, invoice, find, the start view);
3. computes every figure with reference.py and compares them exactly (compare.py);
4. breaks each contract rule once on a foreign shape and checks cos refuses it (badexports.py).

Every difference is printed as ORGANIZATION | VIEW | TABLE | ROW | COLUMN: expected, cos. Exit 1
on any difference that is not in KNOWN (known.py), 2 on a broken set-up.
"""

import argparse
import ast
import datetime
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True      # nothing written into the repository
sys.path.insert(0, HERE)

import badexports  # noqa: E402
import compare  # noqa: E402
import csvio  # noqa: E402
import edge  # noqa: E402
import foreign  # noqa: E402
import known  # noqa: E402
import reference  # noqa: E402
from reference import Reference, NO_OBJECT, NO_PROFILE  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(HERE))


def q(text):
    """`text` as one word of the cos command language, taken literally (README "The language":
    `'...'` quotes with no escapes or variables; in `"..."`, `\\` escapes)."""
    if "'" not in text:
        return "'" + text + "'"
    return '"' + re.sub(r'([\\"$])', r"\\\1", text) + '"'


def typable(text):
    return "\n" not in text and "\r" not in text


def cos_binary(args):
    if args.bin:
        return os.path.join(args.bin, "cos")
    swift = shutil.which("swift") or "/opt/swift/usr/bin/swift"
    flags = ["-c", "release"] if args.release else []
    path = subprocess.run([swift, "build", *flags, "--show-bin-path"], cwd=ROOT, capture_output=True,
                          text=True, check=True).stdout.strip()
    exe = os.path.join(path, "cos")
    if not os.path.exists(exe):
        subprocess.run([swift, "build", *flags, "--product", "cos"], cwd=ROOT, check=True)
    return exe


class Plan:
    """The script's lines, each with what its JSON must hold."""

    def __init__(self):
        self.lines = []     # (command, where, label, check)

    def add(self, command, where, label, maker, depends=None):
        """`depends`: the line (1-based) this one runs in the context of: when that line failed, this
        one is not compared (the failure is the difference)."""
        self.lines.append((command, where, label, maker, depends))
        return len(self.lines)


def views(expected):
    return lambda doc, out, where, label: compare.compare_view(where, label, expected, doc, out)


def listing(name, rows, keys):
    def check(doc, out, where, label):
        compare.compare_table(where, label, name, rows, doc.get("tables", {}).get(name), out, key_cols=keys)
    return check


def fold(text):
    """Case- and accent-insensitive form for `find` (README `open`: "case- and accent-insensitive";
    [DOC TextFolding.fold]: lower case, diacritics removed, widths folded, and the letters that do
    not decompose spelled in ASCII). Diacritics are what canonical decomposition splits off: a
    compatibility form such as the digraph Ǆ or a no-break space is kept as it is."""
    d = unicodedata.normalize("NFD", text)
    d = "".join(ch for ch in d if not unicodedata.combining(ch)).casefold()
    d = "".join(chr(ord(ch) - 0xFEE0) if 0xFF01 <= ord(ch) <= 0xFF5E else ch for ch in d)
    return d.translate(FOLD_LETTERS)


FOLD_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ð": "d", "ł": "l", "þ": "th", "ı": "i"})


def find_check(ref, text):
    """`find TEXT`: the organizations whose number or id is TEXT exactly, or whose name holds TEXT
    case- and accent-insensitively, ranked: exact number or id, name prefix, word prefix, substring
    (README `find`); ties by folded name, then file order ([DOC OrganizationIndex.search]). The set
    and the order are compared exactly."""
    needle = fold(text.strip())
    same_text = lambda v: v == text        # ids and numbers compare byte for byte
    ranked = []
    for n, oid in enumerate(ref.org_order):
        o = ref.orgs[oid]
        name = fold(o.name)
        if same_text(o.id) or same_text(o.number):
            rank = 0
        elif needle and name.startswith(needle):
            rank = 1
        elif needle and any(name[i - 1] == " " for i in find_all(name, needle) if i > 0):
            rank = 2
        elif needle and needle in name:
            rank = 3
        else:
            continue
        ranked.append((rank, name.encode("utf-8"), n, o))
    ranked.sort(key=lambda r: r[:3])
    want = [r[3].id for r in ranked]

    def check(doc, out, where, label):
        rows = doc.get("tables", {}).get("organizations")
        if rows is None:
            out.append(compare.Difference(where, label, "organizations", (), "(table)", "a table", "none"))
            return
        got = [r.get("id") for r in rows]
        for i in sorted(set(want) - set(got)):
            out.append(compare.Difference(where, label, "organizations", (("id", i),), "(row)", "found", "missing"))
        for i in sorted(set(got) - set(want)):
            out.append(compare.Difference(where, label, "organizations", (("id", i),), "(row)", "not a match", "listed"))
        if set(got) == set(want) and got != want:
            first = next(i for i, (a, b) in enumerate(zip(want, got)) if a != b)
            out.append(compare.Difference(where, label, "organizations", (("position", first),), "(order)",
                                          want[first:first + 3], got[first:first + 3]))
        for r in rows:
            o = ref.orgs.get(r.get("id"))
            if o is not None:
                for c, v in (("name", o.name), ("number", o.number)):
                    if r.get(c) != v:
                        out.append(compare.Difference(where, label, "organizations", (("id", o.id),), c, v, r.get(c)))
    return check


def find_all(text, needle):
    i = text.find(needle)
    while i >= 0:
        yield i
        i = text.find(needle, i + 1)


def top_check(ref):
    tops = ref.top_organizations()

    def check(doc, out, where, label):
        rows = doc.get("tables", {}).get("top_organizations")
        if rows is None:
            out.append(compare.Difference(where, label, "top_organizations", (), "(table)", "a table", "none"))
            return
        per = {}
        for r in rows:
            per.setdefault(r.get("currency"), []).append(r)
        for cur, amounts in tops.items():
            got = per.get(cur, [])
            got_amounts = [compare.Decimal(r["amount"]) for r in got]
            if got_amounts != amounts[:len(got_amounts)] or len(got_amounts) != len(amounts):
                out.append(compare.Difference(where, label, "top_organizations", (("currency", cur),), "amount",
                                              [format(a, "f") for a in amounts], [format(a, "f") for a in got_amounts]))
            for r in got:
                o = ref.orgs.get(r.get("organization_id"))
                if o is None or ref.total_invoicing(o).get(cur) != compare.Decimal(r["amount"]):
                    out.append(compare.Difference(where, label, "top_organizations",
                                                  (("organization_id", r.get("organization_id")), ("currency", cur)),
                                                  "amount", o and ref.total_invoicing(o).get(cur), r.get("amount")))
        for cur in per:
            if cur not in tops:
                out.append(compare.Difference(where, label, "top_organizations", (("currency", cur),), "(row)",
                                              "no rows", per[cur][:1]))
    return check


def build_plan(ref, full_tickets=True, sample=None):
    """The script: which commands run is decided here from `ref`; what each must answer is a
    function of a reference (`maker(ref) -> check`), so a difference can be tried again against a
    reference with a known cos bug switched on (known.py)."""
    plan = Plan()
    skipped = []
    plan.add("cd /", "/", "start view", top_check)
    for oid in ref.org_order:
        if not typable(oid):
            skipped.append(f"organization {oid!r}: an id with a line break cannot be typed")
            continue
        w = f"org {oid!r}"
        base = f"/id:{q(oid)}"
        plan.add(f"open id:{q(oid)}", w, "organization", lambda r, oid=oid: views(r.organization(r.orgs[oid])))
        plan.add("tree", w, "tree", lambda r, oid=oid: views(r.tree(r.orgs[oid])))
        for which, all_time, cmd in [("any", False, "tickets --limit none"),
                                     ("any", True, "tickets --all --limit none"),
                                     ("uninvoiced", False, "tickets --uninvoiced --limit none"),
                                     ("uninvoiced", True, "tickets --uninvoiced --all --limit none"),
                                     ("invoiced", False, "tickets --invoiced --limit none")]:
            plan.add(cmd, w, cmd, lambda r, oid=oid, which=which, all_time=all_time:
                     views(r.ticket_list(r.orgs[oid], which, all_time)))
        # why it changed, and what billing left behind [docs/data-contract.md "Figures beyond the contract"]
        base_month = ref.p_from - 2
        for cmd, by, against in (("compare", None, None), ("compare by type", "type", None),
                              ("compare by profile", "profile", None), ("compare by product", "product", None),
                              ("compare by object", "object", None),
                              ("compare year", None, "year"),
                              (f"compare {reference.month_text(base_month)} by product", "product", (base_month, base_month))):
            plan.add(cmd, w, cmd, lambda r, oid=oid, by=by, against=against: views(r.compare(
                r.orgs[oid], "organization", (), by, (r.p_from - 12, r.p_to - 12) if against == "year" else against)))
        plan.add("audit", w, "audit", lambda r, oid=oid: views(r.audit(r.orgs[oid])))
        for name in ref.lists(ref.orgs[oid]):
            keys = ("id", "object_type_id") if name == "profiles" else ("id",)
            plan.add(f"ls {name}", w, f"ls {name}",
                     lambda r, oid=oid, name=name, keys=keys: listing(name, r.lists(r.orgs[oid])[name], keys))
        counts = {}
        for target in ref.drill_targets(ref.orgs[oid]):
            kind, ids = target[0], target[1:]
            if sample is not None and kind in ("object", "contract", "invoice"):
                counts[kind] = counts.get(kind, 0) + 1
                if counts[kind] > sample:
                    continue
            if not all(i is None or typable(i) for i in ids):
                skipped.append(f"{w}: {kind} {ids!r}: an id with a line break cannot be typed")
                continue
            shown = "/".join(repr(i) for i in ids)
            if kind == "category":
                path = f"{base}/categories/id:{q(ids[0])}"
            elif kind == "product":
                path = f"{base}/categories/id:{q(ids[0])}/id:{q(ids[1])}"
            elif kind == "type":
                path = f"{base}/types/" + (f"id:{q(ids[0])}" if ids[0] is not None else q(NO_OBJECT))
            elif kind == "profile":
                seg = f"id:{q(ids[1])}" if ids[1] is not None else q(NO_PROFILE)
                path = f"{base}/types/id:{q(ids[0])}/{seg}"
            else:
                path = f"{base}/{kind}s/id:{q(ids[0])}"
            at = plan.add(f"cd {path}", w, f"cd {kind} {shown}",
                          lambda r, oid=oid, kind=kind, ids=ids: views(r.drill(r.orgs[oid], kind, ids)))
            if kind == "product" and full_tickets:
                # the same product as a place of the organization [README `cd`: "an organization holds
                # categories, products, ..."]
                plan.add(f"cd {base}/products/id:{q(ids[1])}", w, f"cd products/{ids[1]!r}",
                         lambda r, oid=oid, ids=ids: views(r.drill(r.orgs[oid], "product", ids)))
            if kind in ("category", "product", "type", "profile", "object", "invoice") and full_tickets:
                plan.add("tickets --limit none", w, f"tickets in {kind} {shown}",
                         lambda r, oid=oid, kind=kind, ids=ids:
                         views({"tickets": r.ticket_rows(r.scope_tickets(r.orgs[oid], kind, ids))}), depends=at)
            if kind != "invoice":
                plan.add("compare", w, f"compare in {kind} {shown}", lambda r, oid=oid, kind=kind, ids=ids:
                         views(r.compare(r.orgs[oid], kind, ids)), depends=at)
            if kind == "object":
                plan.add("trace", w, f"trace in object {shown}", lambda r, oid=oid, ids=ids:
                         views(r.trace(r.orgs[oid], ids[0])), depends=at)
            if kind == "contract":
                plan.add("audit", w, f"audit in contract {shown}", lambda r, oid=oid, ids=ids:
                         views(r.audit(r.orgs[oid], ids[0])), depends=at)
                for flag in ("uninvoiced", "invoiced"):
                    plan.add(f"tickets --{flag} --all --limit none", w, f"tickets --{flag} --all in contract {ids[0]!r}",
                             lambda r, cid=ids[0], flag=flag: views({"tickets": r.ticket_rows(
                                 [x for x in r.contracts[cid].tickets if (x.invoice is None) == (flag == "uninvoiced")])}),
                             depends=at)
    # find: exact ids and numbers, name prefixes and inner words
    seen = set()
    for oid in ref.org_order[:40]:
        o = ref.orgs[oid]
        for text in [oid, o.number, o.name[:4].strip(), (o.name.split() or [""])[-1][:5]]:
            if text and typable(text) and text not in seen and len(text.strip()) >= 2:
                seen.add(text)
                plan.add(f"find --limit 100000 {q(text)}", "find", f"find {text!r}",
                         lambda r, text=text: find_check(r, text))
    settings_pass(plan, ref)
    return plan, skipped


def nothing(r):
    return lambda doc, out, where, label: None


def settings_pass(plan, ref):
    """`as-of`, `period default|last N|YYYY-MM|FROM..TO`, the parts of a view (`cards`, `trend`,
    `summary [BY]`), `ls organizations` and a page of `tickets`, on a few organizations."""
    busy = [o for o in ref.org_order if ref.orgs[o].tickets and typable(o)][:3]
    if not busy:
        return
    d = ref.as_of - datetime.timedelta(days=200)
    day = d.isoformat()
    m = reference.month_of(d)
    single = reference.month_text(m - 1)
    span = f"{reference.month_text(m - 15)}..{reference.month_text(m - 2)}"
    plan.add(f"as-of {day}", "settings", f"as-of {day}", nothing)
    for setting, period in (("period default", None), ("period last 3", "last 3"), (f"period {single}", single),
                            (f"period {span}", span)):
        plan.add(setting, "settings", setting, nothing)
        for oid in busy:
            w = f"org {oid!r} ({setting}, as-of {day})"
            at = (lambda r, p=period: r.with_dates(day, p))
            plan.add(f"open id:{q(oid)}", w, "organization", lambda r, oid=oid, at=at: views(at(r).organization(at(r).orgs[oid])))
            plan.add("tree", w, "tree", lambda r, oid=oid, at=at: views(at(r).tree(at(r).orgs[oid])))
            parts = {"cards": ["cards"], "trend": ["invoicing_trend", "usage_trend", "objects_vs_charges"],
                     "summary": ["by_category", "by_object_type", "by_object_profile"],
                     "summary category": ["by_category"], "summary type": ["by_object_type"],
                     "summary profile": ["by_object_profile"]}
            for cmd, names in parts.items():
                plan.add(cmd, w, cmd, lambda r, oid=oid, at=at, names=names: views(
                    {n: t for n, t in at(r).organization(at(r).orgs[oid]).items() if n in names}))
            plan.add("tickets --limit none", w, "tickets", lambda r, oid=oid, at=at: views(at(r).ticket_list(at(r).orgs[oid])))
            plan.add("tickets --all --limit 3 --offset 2", w, "tickets page",
                     lambda r, oid=oid, at=at: page_check(at(r).ticket_list(at(r).orgs[oid], "any", True)["tickets"], 2, 3))
            plan.add("ls organizations", w, "ls organizations", lambda r, oid=oid: listing(
                "organizations", [{"id": c.id, "name": c.name} for c in r.orgs[oid].children], ("id",)))


def page_check(rows, offset, limit):
    """A page: its rows, and `pages` saying so [README "Machine-readable output"]."""
    def check(doc, out, where, label):
        page = rows[offset:offset + limit]
        compare.compare_table(where, label, "tickets", page, doc.get("tables", {}).get("tickets"), out)
        want = {"offset": offset, "shown": len(page), "total": len(rows)}
        got = doc.get("pages", {}).get("tickets")
        if len(page) < len(rows) and got != want:
            out.append(compare.Difference(where, label, "(document)", (), "pages", want, got))
    return check


def run_cos(exe, store, plan, work, ref_args, source_args=()):
    script = os.path.join(work, "views.cos")
    with open(script, "w", encoding="utf-8") as f:
        for cmd, *_ in plan.lines:
            f.write(cmd + "\n")
    env = dict(os.environ, HOME=work, XDG_CACHE_HOME=os.path.join(work, "cache"), NO_COLOR="1", COLUMNS="200")
    env.pop("COS_DATA", None)
    cmd = [exe, store, *source_args, "--format", "json", "--keep-going", "--no-rc", "-f", script, *ref_args]
    t = time.time()
    p = subprocess.run(cmd, capture_output=True, env=env)
    took = time.time() - t
    failed = {}
    prefix = script + ":"
    for line in p.stderr.decode("utf-8", "replace").splitlines():
        if line.startswith(prefix):
            m = re.match(r"(\d+)(?::\d+)?: (.*)", line[len(prefix):])
            if m:
                failed[int(m[1])] = m[2]
    outputs = p.stdout.decode("utf-8").splitlines()
    return outputs, failed, took, p


def main():
    ap = argparse.ArgumentParser(prog="scripts/conformance", description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--size", default="small", choices=sorted(foreign.SIZES) + ["edge"])
    ap.add_argument("--sample", type=int, metavar="N",
                    help="visit at most N objects, contracts and invoices per organization (default: all for"
                         " tiny, small and edge, 4 for medium and large)")
    ap.add_argument("--keep", metavar="DIR", help="keep the export, the store, the script and its output in DIR")
    ap.add_argument("--bin", metavar="DIR", help="the directory of the cos binary (default: swift build --show-bin-path)")
    ap.add_argument("--release", action="store_true", help="use the release build")
    ap.add_argument("--data", metavar="DIR", help="check an existing export instead of generating one")
    ap.add_argument("--as-of", dest="as_of", help="with --data: the as-of date to pass")
    ap.add_argument("--period", help="with --data: the period to pass")
    ap.add_argument("--no-bad", action="store_true", help="skip the bad-export checks")
    ap.add_argument("--probes", action="store_true",
                    help="also change a small export's form once per probe (probes.py): the contract's forms must"
                         " load and answer alike; the forms it leaves open are reported")
    ap.add_argument("--duckdb", action="store_true", help="also compute the organization cards with DuckDB")
    ap.add_argument("--all-differences", action="store_true", help="print every difference (default: the first 60)")
    ap.add_argument("--postgres", metavar="CONNINFO",
                    help="also load the export into a schema of this PostgreSQL database (cos import --to) and"
                         " run the same comparison from it; --ci uses $COS_TEST_POSTGRES when scripts/test set it")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--ci", action="store_true",
                    help="what scripts/test runs: the edge export and a tiny seed (also from PostgreSQL when"
                         " $COS_TEST_POSTGRES is set), one small seed with the bad exports and the probes, one"
                         " medium seed")
    args = ap.parse_args()
    if not args.ci:
        return run_one(args, args.size, args.seed, not args.no_bad)
    status = 0
    t = time.time()
    keep = args.keep
    for size, seed, bad in (("edge", 1, False), ("tiny", 7, False), ("small", 3, True), ("medium", 2, False)):
        if keep:
            args.keep = os.path.join(keep, f"{size}-{seed}")
        status = max(status, run_one(args, size, seed, bad))
    cpu = sum(getattr(resource.getrusage(who), f) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
              for f in ("ru_utime", "ru_stime"))
    print(f"conformance: --ci took {time.time() - t:.1f}s ({cpu:.1f}s of CPU, cos and Python together)")
    return status


def check_views(exe, store, ref, work, as_of, period, sample=None, source_args=(), where_prefix=""):
    """Runs one cos script over every organization and view of `store` and compares it with `ref`."""
    plan, skipped = build_plan(ref, sample=sample, full_tickets=sample is None)
    ref_args = (["--as-of", as_of] if as_of else []) + (["--period", period] if period else [])
    outputs, failed, took, proc = run_cos(exe, store, plan, work, ref_args, source_args)
    t_run = time.time()
    diffs = []
    k = 0
    quirky = {}
    cos_cards = {}
    for n, (cmd, where, label_, maker, depends) in enumerate(plan.lines, start=1):
        if n in failed:
            d = compare.Difference(where, label_, "(command)", (), "exit", "success", f"failed: {failed[n]}", note=cmd)
            d.bug = known.known_failure(cmd, failed[n], ref)
            diffs.append(d)
            continue
        if depends in failed:
            k += 1
            continue
        if k >= len(outputs):
            diffs.append(compare.Difference(where, label_, "(command)", (), "output", "one JSON line", "nothing", note=cmd))
            continue
        doc = json.loads(outputs[k])
        k += 1
        if label_ == "organization" and where.endswith("'") and where.startswith("org "):
            cos_cards[ast.literal_eval(where[4:])] = doc.get("tables", {}).get("cards", [])
        found = []
        maker(ref)(doc, found, where, label_)
        if found:
            # a difference is a known cos bug when a reference with that bug switched on agrees
            # with cos on that cell (known.py)
            for d in found:
                d.bug = None
            for bug in known.QUIRKS:
                if bug not in quirky:
                    quirky[bug] = ref.with_quirks({bug})
                again = []
                maker(quirky[bug])(doc, again, where, label_)
                left = {(a.table, a.row, a.column) for a in again}
                for d in found:
                    if d.bug is None and (d.table, d.row, d.column) not in left:
                        d.bug = bug
        diffs += found
    if k != len(outputs):
        diffs.append(compare.Difference("-", "-", "(script)", (), "lines", k, len(outputs),
                                        "cos printed more JSON lines than the script has successful commands"))
    for d in diffs:
        d.where = where_prefix + d.where
    return {"diffs": diffs, "plan": plan, "skipped": skipped, "took": took, "outputs": outputs,
            "cos_cards": cos_cards, "compare": time.time() - t_run}


def run_one(args, size, seed, bad):

    work = os.path.abspath(args.keep) if args.keep else tempfile.mkdtemp(prefix="cos-conformance.")
    os.makedirs(work, exist_ok=True)
    t0 = time.time()
    try:
        exe = cos_binary(args)
        if args.data:
            export_dir = os.path.abspath(args.data)
            tables, manifest = csvio.read_export(export_dir)
            as_of, period, notes, label = args.as_of, args.period, [], f"export {export_dir}"
        else:
            export = edge.generate() if size == "edge" else foreign.generate(seed, size)
            export_dir = os.path.join(work, "export")
            if os.path.exists(export_dir):
                shutil.rmtree(export_dir)
            csvio.write_export(export, export_dir)
            tables, manifest = csvio.read_export(export_dir)
            for f in foreign.FILES:       # our writer and our reader agree on every value
                if tables[f] != export.tables[f]:
                    print(f"conformance: set-up error: {f}.csv does not read back as written", file=sys.stderr)
                    return 2
            as_of, period, notes = export.as_of_option, export.period_option, export.notes
            label = f"seed {seed}, size {size}"
        rows = sum(len(v) for v in tables.values())
        ref = Reference(tables, manifest, as_of, period)
        t_gen = time.time()
        store = os.path.join(work, "store.cos")
        env = dict(os.environ, HOME=work, XDG_CACHE_HOME=os.path.join(work, "cache"))
        p = subprocess.run([exe, "import", export_dir, "-o", store], capture_output=True, env=env)
        if p.returncode != 0:
            print(f"conformance: {label}: cos refused a contract-conforming export (exit {p.returncode}):",
                  file=sys.stderr)
            print(p.stderr.decode("utf-8", "replace")[:4000], file=sys.stderr)
            return 1
        t_imp = time.time()
        sample = args.sample if args.sample is not None else (4 if size in ("medium", "large") else None)
        result = check_views(exe, store, ref, work, as_of, period, sample)
        diffs, plan, skipped, took, outputs, cos_cards = (result[k] for k in (
            "diffs", "plan", "skipped", "took", "outputs", "cos_cards"))
        t_run = time.time() - result["compare"]
        if args.keep:
            with open(os.path.join(work, "views.jsonl"), "w", encoding="utf-8") as f:
                f.write("\n".join(outputs) + "\n")
        t_cmp = time.time()
        pg = args.postgres or (os.environ.get("COS_TEST_POSTGRES") if args.ci and size in ("edge", "tiny") else None)
        took_pg = None
        if pg:
            # the same export and the same script from a PostgreSQL source [README: "Every view answers
            # exactly as from SQLite"]
            schema = f"conformance_{size}_{seed}_{os.getpid()}"
            p = subprocess.run([exe, "import", export_dir, "--to", pg, "--schema", schema], capture_output=True, env=env)
            if p.returncode != 0:
                diffs.append(compare.Difference("postgres", "cos import --to", "(import)", (), "exit", 0, p.returncode,
                                                p.stderr.decode("utf-8", "replace")[:300]))
            else:
                t = time.time()
                result = check_views(exe, pg, ref, work, as_of, period, sample, ["--schema", schema], "[postgres] ")
                diffs += result["diffs"]
                took_pg = time.time() - t
                drop = subprocess.run(["psql", "-X", "-q", pg, "-c", f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'],
                                      capture_output=True)
                if drop.returncode != 0:
                    print(f"conformance: could not drop schema {schema}: {drop.stderr.decode()[:200]}", file=sys.stderr)
        bad_results = []
        probe_lines = []
        if bad and not args.data:
            bad_results = badexports.run(exe, work, seed)
        if (args.probes or (args.ci and bad)) and not args.data:
            import probes
            found, probe_lines = probes.run(exe, work, seed, check_views)
            bad_results += found
        if args.duckdb:
            import duckdb_check
            diffs += duckdb_check.run(export_dir, ref, cos_cards, work, csvio.headers(export_dir))
        t_end = time.time()

        real, expected_known = known.split(diffs + bad_results)
        shown = real if args.all_differences else real[:60]
        if not args.quiet or real:
            print(f"conformance: {label}: {rows:,} rows; " + "; ".join(notes))
        for d in shown:
            print("DIFF " + str(d))
        if len(shown) < len(real):
            print(f"... and {len(real) - len(shown)} more differences (--all-differences)")
        by_bug = {}
        for d, bug in expected_known:
            by_bug[bug] = by_bug.get(bug, 0) + 1
        for bug, n in sorted(by_bug.items()):
            print(f"known: {n} difference(s) from {bug}")
        for s in skipped[:5]:
            print("skipped: " + s)
        if not args.quiet:
            for line in probe_lines:
                print(line)
        print(f"conformance: {label}: {len(plan.lines)} commands, {len(real)} differences"
              f" ({len(expected_known)} known); generate+reference {t_gen - t0:.1f}s, import {t_imp - t_gen:.1f}s,"
              f" cos {took:.1f}s, compare {t_cmp - t_run:.1f}s, bad exports and the rest {t_end - t_cmp:.1f}s"
              + (f" (of which PostgreSQL {took_pg:.1f}s)" if took_pg else ""))
        return 1 if real else 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)



if __name__ == "__main__":
    sys.exit(main())
