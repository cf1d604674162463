"""The peer runs of `scripts/bench --compare`: the organization view of one organization, the same
figures as data-contract.md defines them, computed by DuckDB (the Python package, in a virtual
environment under the bench data directory) and by plain SQL in the `sqlite3` shell, both over the same
CSV files, loaded once into their own database files (cached beside the CSVs).

Both peers get the data typed and the obvious help a person would give them: DuckDB its typed columnar
tables; sqlite3 the CSV columns as loaded by `.import` plus an index on every id and foreign key the
view joins or filters on. Neither gets cos's rollups: they answer from the rows, as a peer would.
"""
import datetime
import json
import os
import re
import statistics
import subprocess
import sys
import time

FILES = ["organizations", "contracts", "product_categories", "products", "object_types", "object_profiles",
         "objects", "usage_events", "charge_tickets", "invoices"]

# DuckDB column types; anything not named is VARCHAR. Money and quantities are exact DECIMAL(18,6).
DUCK_TYPES = {
    "quantity": "DECIMAL(18,6)", "unit_price": "DECIMAL(18,6)", "amount": "DECIMAL(18,6)",
    "total_amount": "DECIMAL(18,6)", "period_start": "DATE", "period_end": "DATE", "invoice_date": "DATE",
    "active_from": "DATE", "active_to": "DATE", "start_date": "DATE", "end_date": "DATE",
}


def log(message):
    print(message, file=sys.stderr, flush=True)


def months_of(as_of):
    """The default period (12 months ending with the as-of month) and the previous 12, as YYYY-MM."""
    date = datetime.date.fromisoformat(as_of)
    ordinal = date.year * 12 + date.month - 1

    def text(o):
        return f"{o // 12:04d}-{o % 12 + 1:02d}"
    return [text(o) for o in range(ordinal - 11, ordinal + 1)], text(ordinal - 23), text(ordinal - 12)


def month_rows(months):
    """A VALUES list of (month, first day, last day) for the period's months."""
    rows = []
    for m in months:
        year, month = int(m[:4]), int(m[5:])
        first = datetime.date(year, month, 1)
        last = (datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1))
        rows.append(f"('{m}', '{first}', '{last}')")
    return ", ".join(rows)


# The organization view: cards (with the previous period's total), the invoicing, usage and
# objects-vs-charges trends, and the summaries by category, object type and object profile.
# {org}, {from}, {to}, {pfrom}, {pto}, {months} are filled from the store's own values (not user text).
# MONTH(x) is the UTC month of a timestamp text, MICROS(x) an exact integer of millionths, NUL(x) null.
VIEW_SQL = [
    # currencies
    "SELECT currency FROM contracts WHERE organization_id = '{org}' UNION SELECT currency FROM invoices WHERE organization_id = '{org}'",
    # total invoicing, this period and the previous one
    """SELECT currency, count(*), sum(MICROS(total_amount)) FROM invoices WHERE organization_id = '{org}'
       AND lower(status) = 'final' AND DMONTH(invoice_date) BETWEEN '{from}' AND '{to}' GROUP BY currency""",
    """SELECT currency, count(*), sum(MICROS(total_amount)) FROM invoices WHERE organization_id = '{org}'
       AND lower(status) = 'final' AND DMONTH(invoice_date) BETWEEN '{pfrom}' AND '{pto}' GROUP BY currency""",
    # draft invoices of any date
    """SELECT currency, count(*), sum(MICROS(total_amount)) FROM invoices WHERE organization_id = '{org}'
       AND lower(status) = 'draft' GROUP BY currency""",
    # sold products
    """SELECT count(DISTINCT t.product_id) FROM charge_tickets t JOIN contracts c ON c.id = t.contract_id
       WHERE c.organization_id = '{org}' AND DMONTH(t.period_start) BETWEEN '{from}' AND '{to}'""",
    # invoicing trend
    """SELECT DMONTH(invoice_date) AS m, currency, sum(MICROS(total_amount)) FROM invoices
       WHERE organization_id = '{org}' AND lower(status) = 'final' AND DMONTH(invoice_date) BETWEEN '{from}' AND '{to}'
       GROUP BY m, currency ORDER BY m, currency""",
    # usage events trend
    """SELECT MONTH(e.occurred_at) AS m, count(*), sum(MICROS(e.quantity)) FROM usage_events e
       JOIN objects o ON o.id = e.object_id WHERE o.organization_id = '{org}'
       AND MONTH(e.occurred_at) BETWEEN '{from}' AND '{to}' GROUP BY m ORDER BY m""",
    # objects active per month
    """WITH p(m, first_day, last_day) AS (VALUES {months})
       SELECT p.m, count(o.id) FROM p LEFT JOIN objects o ON o.organization_id = '{org}' AND o.active_from <= DAY(p.last_day)
       AND (NUL(o.active_to) IS NULL OR NUL(o.active_to) >= DAY(p.first_day)) GROUP BY p.m ORDER BY p.m""",
    # charges per month
    """SELECT DMONTH(t.period_start) AS m, c.currency, sum(MICROS(t.amount)) FROM charge_tickets t
       JOIN contracts c ON c.id = t.contract_id WHERE c.organization_id = '{org}'
       AND DMONTH(t.period_start) BETWEEN '{from}' AND '{to}' GROUP BY m, c.currency ORDER BY m, c.currency""",
    # summary by product category
    """SELECT pc.id, pc.name, c.currency, sum(MICROS(t.amount)), count(*), count(DISTINCT NUL(t.object_id))
       FROM charge_tickets t JOIN contracts c ON c.id = t.contract_id JOIN products p ON p.id = t.product_id
       JOIN product_categories pc ON pc.id = p.category_id
       WHERE c.organization_id = '{org}' AND DMONTH(t.period_start) BETWEEN '{from}' AND '{to}'
       GROUP BY pc.id, pc.name, c.currency ORDER BY 4 DESC""",
    # summary by object type ((no object) is the NULL type)
    """SELECT o.object_type_id, c.currency, sum(MICROS(t.amount)), count(*), count(DISTINCT NUL(t.object_id))
       FROM charge_tickets t JOIN contracts c ON c.id = t.contract_id LEFT JOIN objects o ON o.id = NUL(t.object_id)
       WHERE c.organization_id = '{org}' AND DMONTH(t.period_start) BETWEEN '{from}' AND '{to}'
       GROUP BY o.object_type_id, c.currency ORDER BY 3 DESC""",
    # summary by object profile ((no profile): a type with a NULL profile)
    """SELECT o.object_type_id, NUL(o.object_profile_id) AS profile, c.currency, sum(MICROS(t.amount)), count(*),
       count(DISTINCT NUL(t.object_id))
       FROM charge_tickets t JOIN contracts c ON c.id = t.contract_id LEFT JOIN objects o ON o.id = NUL(t.object_id)
       WHERE c.organization_id = '{org}' AND DMONTH(t.period_start) BETWEEN '{from}' AND '{to}'
       GROUP BY o.object_type_id, profile, c.currency ORDER BY 4 DESC""",
]


def dialect(sql, kind):
    """Expands the macros for one engine."""
    if kind == "sqlite":
        # CSV columns are TEXT as loaded; an empty field is ''. Timestamps carry offsets: strftime
        # converts them to UTC. round(x * 1e6) is exact for six decimals below 9e9.
        sql = re.sub(r"MICROS\(([\w.]+)\)", r"CAST(round(\1 * 1000000) AS INTEGER)", sql)
        sql = re.sub(r"DMONTH\(([\w.]+)\)", r"substr(\1, 1, 7)", sql)
        sql = re.sub(r"MONTH\(([\w.]+)\)", r"strftime('%Y-%m', \1)", sql)
        sql = re.sub(r"NUL\(([\w.]+)\)", r"nullif(\1, '')", sql)
        sql = re.sub(r"DAY\(([\w.]+)\)", r"\1", sql)
    else:
        # Typed tables: DECIMAL money, DATE dates, TIMESTAMP occurred_at (in UTC).
        sql = re.sub(r"MICROS\(([\w.]+)\)", r"\1", sql)  # DECIMAL sums are exact (DECIMAL(38,6))
        sql = re.sub(r"DMONTH\(([\w.]+)\)", r"strftime(\1, '%Y-%m')", sql)
        sql = re.sub(r"MONTH\(([\w.]+)\)", r"strftime(\1, '%Y-%m')", sql)
        sql = re.sub(r"NUL\(([\w.]+)\)", r"\1", sql)
        sql = re.sub(r"DAY\(([\w.]+)\)", r"CAST(\1 AS DATE)", sql)
    return sql


def statements(kind, org, as_of):
    months, pfrom, pto = months_of(as_of)
    values = {"org": org, "from": months[0], "to": months[-1], "pfrom": pfrom, "pto": pto,
              "months": month_rows(months)}
    return [dialect(sql, kind).format(**values) for sql in VIEW_SQL]


# ---------------------------------------------------------------------------------------------- sqlite3

def sqlite_database(csv, base):
    path = os.path.join(base, "plain.sqlite")
    if os.path.exists(path):
        return path
    log("loading the CSVs into a plain sqlite3 database (once) ...")
    started = time.monotonic()
    script = [".mode csv"]
    for name in FILES:
        script.append(f".import {csv}/{name}.csv {name}")
    script += [
        "CREATE UNIQUE INDEX contracts_id ON contracts(id)",
        "CREATE INDEX contracts_org ON contracts(organization_id)",
        "CREATE UNIQUE INDEX products_id ON products(id)",
        "CREATE UNIQUE INDEX product_categories_id ON product_categories(id)",
        "CREATE UNIQUE INDEX objects_id ON objects(id)",
        "CREATE INDEX objects_org ON objects(organization_id)",
        "CREATE INDEX invoices_org ON invoices(organization_id)",
        "CREATE INDEX tickets_contract ON charge_tickets(contract_id)",
        "CREATE INDEX events_object ON usage_events(object_id)",
        "ANALYZE",
    ]
    temporary = path + ".new"
    if os.path.exists(temporary):
        os.remove(temporary)
    text = "".join(line + ("\n" if line.startswith(".") else ";\n") for line in script)
    subprocess.run(["sqlite3", temporary], input=text, text=True, check=True,
                   stdout=subprocess.DEVNULL)
    os.replace(temporary, path)
    log(f"loaded in {time.monotonic() - started:.0f} s")
    return path


def time_sqlite(path, sqls, reps):
    """Median and p95 of the summed `.timer` real time of every statement of the view."""
    script = "PRAGMA cache_size=-262144;\n.timer on\n" + "".join(s.strip() + ";\n" for s in sqls)
    runs = []
    output = ""
    for _ in range(reps + 1):
        output = subprocess.run(["sqlite3", "-readonly", path], input=script, text=True, check=True,
                                stdout=subprocess.PIPE).stdout
        runs.append(1000 * sum(float(x) for x in re.findall(r"Run Time: real ([0-9.]+)", output)))
    runs = runs[1:]  # the first run warms the page cache
    return runs, re.sub(r"Run Time:.*\n", "", output)


# ---------------------------------------------------------------------------------------------- DuckDB

def duckdb_python(data):
    venv = os.path.join(data, "venv")
    python = os.path.join(venv, "bin", "python")
    if not os.path.exists(python):
        log("creating a virtual environment for DuckDB ...")
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    if subprocess.run([python, "-c", "import duckdb"], capture_output=True).returncode != 0:
        log("installing duckdb from PyPI ...")
        subprocess.run([python, "-m", "pip", "install", "-q", "duckdb"], check=True)
    return python


# The contract's files as typed DuckDB tables (exact DECIMAL money, DATE dates, UTC timestamps): the
# load that the organization-view comparison (DUCK_RUNNER) and the timed import peer (bench.py's
# DUCK_IMPORT) both run. Returns the rows loaded.
DUCK_LOAD = r"""
def load_tables(db, csv, files_json, types):
    rows = 0
    for name in json.loads(files_json):
        file = f"{csv}/{name}.csv"
        with open(file, encoding="utf-8-sig") as f:
            header = [h.strip().lower() for h in f.readline().rstrip("\r\n").split(",")]
        columns = "{" + ", ".join(f"'{h}': 'VARCHAR'" for h in header) + "}"
        select = []
        for h in header:
            if h == "occurred_at":
                select.append(f"CAST(CAST({h} AS TIMESTAMPTZ) AT TIME ZONE 'UTC' AS TIMESTAMP) AS {h}")
            elif h in types:
                select.append(f"CAST({h} AS {types[h]}) AS {h}")
            else:
                select.append(h)
        db.execute(f"CREATE TABLE {name} AS SELECT {', '.join(select)} FROM read_csv('{file}', header=true, columns={columns}, quote='\"', escape='\"')")
        rows += db.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
    return rows
"""

DUCK_RUNNER = r"""
import duckdb, json, os, sys, time
""" + DUCK_LOAD + r"""
path, csv, sql_file, reps, types_json, files_json = sys.argv[1:7]
types = json.loads(types_json)
if not os.path.exists(path):
    tmp = path + ".new"
    if os.path.exists(tmp):
        os.remove(tmp)
    db = duckdb.connect(tmp)
    load_tables(db, csv, files_json, types)
    db.close()
    os.replace(tmp, path)
db = duckdb.connect(path, read_only=True)
sqls = json.load(open(sql_file))
runs = []
result = None
for i in range(int(reps) + 1):
    start = time.perf_counter()
    result = [db.execute(s).fetchall() for s in sqls]
    runs.append((time.perf_counter() - start) * 1000)
print(json.dumps({"runs": runs[1:], "result": [[list(map(str, row)) for row in r] for r in result]}))
"""


def time_duckdb(data, csv, base, sqls, reps):
    python = duckdb_python(data)
    path = os.path.join(base, "peer.duckdb")
    if not os.path.exists(path):
        log("loading the CSVs into DuckDB (once) ...")
    sql_file = os.path.join(base, "duck-view.json")
    with open(sql_file, "w") as f:
        json.dump(sqls, f)
    output = subprocess.run([python, "-c", DUCK_RUNNER, path, csv, sql_file, str(reps), json.dumps(DUCK_TYPES),
                             json.dumps(FILES)], check=True, stdout=subprocess.PIPE, text=True).stdout
    # The answer is the runner's last line; DuckDB may print before it (a progress line while it loads).
    lines = [line for line in output.splitlines() if line.startswith('{"runs"')]
    if not lines:
        raise RuntimeError(f"DuckDB's runner gave no answer: {output[-500:]!r}")
    answer = json.loads(lines[-1])
    return answer["runs"], answer["result"]


def quantile(values, q):
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, int(-(-q * len(ordered) // 1)) - 1))
    return ordered[rank]


def agree(args, store, org_id, duck_result):
    """Whether cos's organization view (its JSON) has the figures DuckDB computed: the cards, the usage
    trend and the three summaries (amount, tickets, distinct objects). Returns a list of differences."""
    output = subprocess.run([args.cos, store, "--format", "json", "-c", f"open id:{org_id}"], check=True,
                            stdout=subprocess.PIPE, text=True).stdout
    tables = json.loads(output.splitlines()[0])["tables"]

    def dec(text):
        from decimal import Decimal
        return Decimal(text) if text not in (None, "None") else None
    problems = []
    cards = {(c["card"], c["currency"]): c for c in tables["cards"]}
    for currency, count, amount in duck_result[1]:
        card = cards.get(("total_invoicing", currency))
        if not card or dec(card["amount"]) != dec(amount):
            problems.append(f"total invoicing {currency}: cos {card and card['amount']}, duckdb {amount}")
    sold = cards.get(("sold_products", None), {}).get("count")
    if str(sold) != duck_result[4][0][0]:
        problems.append(f"sold products: cos {sold}, duckdb {duck_result[4][0][0]}")
    usage = {u["month"]: (u["events"], dec(u["quantity"])) for u in tables["usage_trend"]}
    for month, events, quantity in duck_result[6]:
        if usage.get(month) != (int(events), dec(quantity)):
            problems.append(f"usage {month}: cos {usage.get(month)}, duckdb {events} {quantity}")
    summaries = [("by_category", 9, "category_id", None, 2), ("by_object_type", 10, "object_type_id", None, 1),
                 ("by_object_profile", 11, "object_type_id", "object_profile_id", 2)]
    for name, index, first, second, currency_at in summaries:
        rows = {}
        for r in tables[name]:
            rows[(r[first], r[second] if second else None, r["currency"])] = (dec(r["amount"]), r["tickets"], r["objects"])
        for row in duck_result[index]:
            row = [None if v == "None" else v for v in row]
            key = (row[0], row[1] if second else None, row[currency_at])
            want = (dec(row[currency_at + 1]), int(row[currency_at + 2]), int(row[currency_at + 3]))
            if rows.get(key) != want:
                problems.append(f"{name} {key}: cos {rows.get(key)}, duckdb {want}")
    return problems


def compare(args, csv, store, org_id, as_of, figures):
    base = os.path.dirname(store)
    cos = next(f for f in figures if f["name"] == "open largest")
    reps = 5 if args.quick else 9
    duck_runs, duck_result = time_duckdb(args.data, csv, base, statements("duckdb", org_id, as_of), reps)
    lite_runs, lite_output = time_sqlite(sqlite_database(csv, base), statements("sqlite", org_id, as_of), reps)
    with open(os.path.join(base, "peer-results.txt"), "w") as f:
        f.write("duckdb:\n" + json.dumps(duck_result, indent=0) + "\nsqlite3:\n" + lite_output)
    log(f"peer results written to {base}/peer-results.txt")
    problems = agree(args, store, org_id, duck_result)
    for problem in problems[:20]:
        log("DIFFERENT: " + problem)
    log("cos's organization view has the figures DuckDB computed" if not problems
        else f"{len(problems)} figures differ between cos and DuckDB")
    return [{"view": f"open largest ({org_id})", "cos_ms": cos["median_ms"],
             "duckdb_ms": round(statistics.median(duck_runs), 3), "sqlite3_ms": round(statistics.median(lite_runs), 3),
             "duckdb_p95_ms": round(quantile(duck_runs, 0.95), 3), "sqlite3_p95_ms": round(quantile(lite_runs, 0.95), 3),
             "cos_p95_ms": cos["p95_ms"], "repetitions": reps, "figures_agree": not problems}]
