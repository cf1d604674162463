"""`--probes`: single changes of form to a small foreign export, each once.

"must load" probes follow the contract to the letter: cos must load them, and every view must then
match the reference (a failure is a difference). "grey" probes are forms the contract's words leave
open (ISO 8601 has more spellings than the contract's examples, a tab is not a space, ...): their
outcome is printed for the report, and never fails the run.
"""

import os
import re
import shutil
import subprocess

import csvio
import foreign
from compare import Difference


class NotApplied(Exception):
    pass


def _rewrite(directory, name, fn):
    path = os.path.join(directory, name)
    with open(path, "rb") as fh:
        data = fh.read()
    new = fn(data)
    if new == data:
        raise NotApplied(name)
    with open(path, "wb") as fh:
        fh.write(new)


def header_only(d):
    for f in ("usage_events", "charge_tickets", "invoices"):
        _rewrite(d, f + ".csv", lambda b: b.split(b"\n", 1)[0].rstrip(b"\r"))     # no final line end either


def two_unknown_named_alike(d):
    _rewrite(d, "products.csv", lambda b: _add_columns(b, [b"notes", b"notes"]))


def unknown_with_empty_name(d):
    _rewrite(d, "contracts.csv", lambda b: _add_columns(b, [b"", b""]))


def quoted_header(d):
    def q(b):
        # a byte-order mark stays in front of the first quote (inside it, it would be part of the name)
        bom = b"\xef\xbb\xbf" if b.startswith(b"\xef\xbb\xbf") else b""
        head, rest = b[len(bom):].split(b"\n", 1)
        cr = head.endswith(b"\r")
        names = head.rstrip(b"\r").split(b",")
        return bom + b",".join(b'"' + n.replace(b'"', b'""') + b'"' for n in names) + (b"\r" if cr else b"") + b"\n" + rest
    _rewrite(d, "objects.csv", q)


def blank_lines(d):
    _rewrite(d, "invoices.csv", lambda b: b.replace(b"\n", b"\n\n", 1) + b"\n\n\r\n")


def _add_columns(b, names):
    bom = b.startswith(b"\xef\xbb\xbf")
    if bom:
        b = b[3:]
    lines = b.split(b"\n")
    out = []
    for n, line in enumerate(lines):
        if n > 0 and not line.strip(b"\r"):
            out.append(line)
            continue
        cr = line.endswith(b"\r")
        core = line[:-1] if cr else line
        # the new columns go first, so quoted line breaks later in a record do not matter
        if n == 0:
            core = b",".join(names) + b"," + core
        elif _starts_record(lines, n):
            core = b",".join(b"x" for _ in names) + b"," + core
        out.append(core + (b"\r" if cr else b""))
    return (b"\xef\xbb\xbf" if bom else b"") + b"\n".join(out)


def _starts_record(lines, n):
    """Whether physical line n starts a record (an even number of quotes before it)."""
    return b"\n".join(lines[:n]).count(b'"') % 2 == 0


def _timestamps(form):
    def mutate(d):
        def f(b):
            text = b.decode("utf-8")
            import re
            return re.sub(r"\b(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?Z\b",
                          lambda m: form(*m.groups()), text).encode("utf-8")
        _rewrite(d, "usage_events.csv", f)
    return mutate


PROBES = [
    ("must load", "required files with a header and no rows (and no final line end)", header_only),
    ("must load", "two unknown columns of one name", two_unknown_named_alike),
    ("must load", "unknown columns with an empty name", unknown_with_empty_name),
    ("must load", "a quoted header", quoted_header),
    ("must load", "blank lines", blank_lines),
    ("grey", "a header name padded with a tab", lambda d: _rewrite(d, "contracts.csv", lambda b: b.replace(b"currency", b"\tcurrency", 1))),
    ("grey", "a timestamp without seconds (2026-03-01T12:00Z)", _timestamps(lambda y, m, d, H, M, S: f"{y}-{m}-{d}T{H}:{M}Z")),
    ("grey", "a timestamp with a decimal comma (12:00:00,5Z)", _timestamps(lambda y, m, d, H, M, S: f'"{y}-{m}-{d}T{H}:{M}:{S},5Z"')),
    ("grey", "lower-case t and z (2026-03-01t12:00:00z)", _timestamps(lambda y, m, d, H, M, S: f"{y}-{m}-{d}t{H}:{M}:{S}z")),
    ("grey", "ISO 8601 basic format (20260301T120000Z)", _timestamps(lambda y, m, d, H, M, S: f"{y}{m}{d}T{H}{M}{S}Z")),
    ("grey", "24:00:00 (the end of a day)", _timestamps(lambda y, m, d, H, M, S: f"{y}-{m}-{d}T24:00:00Z")),
    ("grey", "a decimal without a leading digit (.5)", lambda d: _rewrite(d, "charge_tickets.csv", lambda b: re.sub(rb",-?[0-9]+\.([0-9]+)(\r?\n|,)", rb",.\1\2", b, count=1))),
    ("grey", "a manifest.json with a byte-order mark", lambda d: _rewrite(d, "manifest.json", lambda b: b"\xef\xbb\xbf" + b)),
    ("grey", "a status with a surrounding space (' final')", lambda d: _rewrite(d, "invoices.csv", lambda b: re.sub(rb"(?i),(final|draft|void)(\r?\n|,)", rb", \1\2", b, count=1))),
]


def run(exe, work, seed, check_views):
    """Runs every probe; returns (differences, lines for the report)."""
    diffs, report = [], []
    env = dict(os.environ, HOME=work, XDG_CACHE_HOME=os.path.join(work, "cache"))
    for kind, name, mutate in PROBES:
        e = foreign.generate(seed, "tiny")
        e.manifest = {"as_of": e.as_of_option or (e.manifest or {}).get("as_of") or "2026-06-30"}
        e.as_of_option = None
        for s in e.shapes.values():
            s.extras = []          # the probes add their own
            s.quoting = "minimal"  # so that the probes find values as they expect them
        if e.manifest is None:
            e.manifest = {}
        d = os.path.join(work, "probe")
        shutil.rmtree(d, ignore_errors=True)
        csvio.write_export(e, d)
        try:
            mutate(d)
        except NotApplied as x:
            report.append(f"probe ({kind}): {name}: not applied ({x} has nothing to change)")
            continue
        store = os.path.join(work, "probe.cos")
        if os.path.exists(store):
            os.remove(store)
        p = subprocess.run([exe, "import", d, "-o", store], capture_output=True, env=env)
        err = p.stderr.decode("utf-8", "replace").strip().splitlines()
        outcome = "loads" if p.returncode == 0 else f"refused: {err[0] if err else p.returncode}"
        report.append(f"probe ({kind}): {name}: {outcome}")
        if kind == "must load":
            if p.returncode != 0:
                x = Difference("probes", name, "(import)", (), "exit", 0, p.returncode, " / ".join(err[:2]))
                diffs.append(x)
                continue
            try:
                tables, manifest = csvio.read_export(d)
            except csvio.CSVError as x:
                report.append(f"  (the reference's reader refused it: {x})")
                continue
            from reference import Reference
            ref = Reference(tables, manifest, None, e.period_option)
            result = check_views(exe, store, ref, work, None, e.period_option)
            for x in result["diffs"]:
                x.where = f"probe '{name}': {x.where}"
            diffs += result["diffs"]
    shutil.rmtree(os.path.join(work, "probe"), ignore_errors=True)
    return diffs, report
