"""`--duckdb`: the organization cards computed a third way, with DuckDB over the same CSV files,
side by side with cos (the product owner measures "side by side with DuckDB").

DuckDB comes from PyPI into a virtual environment inside the run's work directory (or
$COS_CONFORMANCE_VENV when set), never into the system. The SQL is written from the data contract:
Total Invoicing (final invoices in the period, and the previous period of the same length), Draft
Invoices (any date) and Sold Products (distinct products on the period's tickets), per
organization and currency.
"""

import json
import os
import subprocess
import sys

from compare import Difference, same
from decimal import Decimal

RUNNER = r"""
import duckdb, json, sys
export, spec = sys.argv[1], json.loads(sys.argv[2])
db = duckdb.connect()
for name, header in spec["headers"].items():
    names = []
    for i, h in enumerate(header):
        names.append(h if h in spec["columns"][name] and h not in names else f"_extra_{i}")
    cols = "{" + ", ".join(f"'{n}': 'VARCHAR'" for n in names) + "}"
    db.execute(f"CREATE TABLE {name} AS SELECT * FROM read_csv(?, header=true, columns={cols}, quote='\"', "
               f"escape='\"', delim=',', strict_mode=false, null_padding=false, auto_detect=false)",
               [f"{export}/{name}.csv"])
    for c in spec["columns"][name]:
        if c not in names:
            db.execute(f"ALTER TABLE {name} ADD COLUMN {c} VARCHAR")
p = spec["period"]
rows = db.execute('''
WITH cur AS (
    SELECT organization_id AS org, upper(currency) AS currency FROM contracts
    UNION SELECT organization_id, upper(currency) FROM invoices),
inv AS (
    SELECT organization_id AS org, upper(currency) AS currency, lower(status) AS status,
           strftime(CAST(invoice_date AS DATE), '%Y-%m') AS month, CAST(total_amount AS DECIMAL(38, 6)) AS total
    FROM invoices)
SELECT c.org, c.currency,
    (SELECT coalesce(sum(total), 0) FROM inv WHERE inv.org = c.org AND inv.currency = c.currency
        AND status = 'final' AND month BETWEEN $from AND $to)::VARCHAR,
    (SELECT count(*) FROM inv WHERE inv.org = c.org AND inv.currency = c.currency
        AND status = 'final' AND month BETWEEN $from AND $to),
    (SELECT coalesce(sum(total), 0) FROM inv WHERE inv.org = c.org AND inv.currency = c.currency
        AND status = 'final' AND month BETWEEN $pfrom AND $pto)::VARCHAR,
    (SELECT coalesce(sum(total), 0) FROM inv WHERE inv.org = c.org AND inv.currency = c.currency
        AND status = 'draft')::VARCHAR,
    (SELECT count(*) FROM inv WHERE inv.org = c.org AND inv.currency = c.currency AND status = 'draft')
FROM cur c
''', {"from": p[0], "to": p[1], "pfrom": p[2], "pto": p[3]}).fetchall()
sold = db.execute('''
SELECT k.organization_id, count(DISTINCT t.product_id) FROM charge_tickets t JOIN contracts k ON k.id = t.contract_id
WHERE strftime(CAST(t.period_start AS DATE), '%Y-%m') BETWEEN $from AND $to GROUP BY 1
''', {"from": p[0], "to": p[1]}).fetchall()
print(json.dumps({"cards": rows, "sold": sold}))
"""


def python(work):
    venv = os.environ.get("COS_CONFORMANCE_VENV") or os.path.join(work, "venv")
    exe = os.path.join(venv, "bin", "python")
    if not os.path.exists(exe):
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    if subprocess.run([exe, "-c", "import duckdb"], capture_output=True).returncode != 0:
        print("conformance: installing duckdb from PyPI into " + venv, file=sys.stderr)
        subprocess.run([exe, "-m", "pip", "install", "-q", "duckdb"], check=True)
    return exe


def run(export_dir, ref, cos_cards, work, headers):
    """Differences between DuckDB's cards and cos's (`cos_cards`: org id -> the cards rows)."""
    from foreign import FILES, columns
    from reference import month_text
    spec = {"headers": headers, "columns": {f: columns(f) for f in FILES},
            "period": [month_text(ref.p_from), month_text(ref.p_to), month_text(ref.prev_from),
                       month_text(ref.prev_to)]}
    p = subprocess.run([python(work), "-c", RUNNER, export_dir, json.dumps(spec)], capture_output=True, text=True)
    if p.returncode != 0:
        return [Difference("duckdb", "cards", "(duckdb)", (), "run", "DuckDB computes the cards", p.stderr[-600:])]
    data = json.loads(p.stdout)
    diffs = []
    sold = {org: n for org, n in data["sold"]}
    for org, cur, total, count, previous, drafts, ndrafts in data["cards"]:
        got = {(r["card"], r["currency"]): r for r in cos_cards.get(org, [])}
        where = f"org {org!r}"
        for card, cells in (("total_invoicing", {"amount": Decimal(total), "count": count, "previous_amount": Decimal(previous)}),
                            ("draft_invoices", {"amount": Decimal(drafts), "count": ndrafts})):
            row = got.get((card, cur))
            if row is None:
                diffs.append(Difference(where, "cards (DuckDB)", "cards", (("card", card), ("currency", cur)),
                                        "(row)", "a row", "none"))
                continue
            for c, v in cells.items():
                if not same(v, row.get(c)):
                    diffs.append(Difference(where, "cards (DuckDB)", "cards", (("card", card), ("currency", cur)),
                                            c, v, row.get(c)))
    print(f"duckdb: compared {2 * len(data['cards'])} money cards and {len(cos_cards)} sold-products cards with cos")
    for org, rows in cos_cards.items():
        for r in rows:
            if r["card"] == "sold_products" and r["count"] != sold.get(org, 0):
                diffs.append(Difference(f"org {org!r}", "cards (DuckDB)", "cards", (("card", "sold_products"),),
                                        "count", sold.get(org, 0), r["count"]))
    return diffs
