"""scripts/bench --postgres: the same figures from a PostgreSQL source, beside the SQLite store's.

A throwaway server is started for the run (initdb in a temporary directory, a Unix socket there, run
as the `postgres` user when we are root, stopped and removed at the end) with settings a dedicated
server of this size would have. The set's CSV files are loaded with `cos import DIR --to` (rows per
second and peak RSS under /usr/bin/time -v, the schema's size on disk), then cos-bench measures the
views, ticket pages and search against the schema, the organizations and keys picked from the
SQLite store (the same loader gives both the same keys).
"""
import atexit
import glob
import os
import pwd
import random
import shutil
import subprocess
import sys
import tempfile
import time

IMPORT_GOAL = 500_000.0
VIEW_LIMIT_MS = 40.0
TICKETS_LIMIT_MS = 20.0
NAVIGATION_LIMIT_MS = 20.0
RATIO_LIMIT = 2.0

# A dedicated server for a 2-core, 24 GB machine: a quarter of the memory could be shared buffers, but
# the machine is shared, so 2 GB; checkpoints spaced so that a load does not checkpoint every minute.
SERVER_SETTINGS = [
    "shared_buffers=2GB", "effective_cache_size=8GB", "work_mem=64MB", "maintenance_work_mem=1GB",
    "max_wal_size=16GB", "checkpoint_timeout=30min", "random_page_cost=1.1", "max_connections=20",
    "listen_addresses=''",
]


def log(message):
    print(message, file=sys.stderr, flush=True)


class Server:
    def __init__(self):
        dirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda d: [int(x) for x in d.split("/")[-2].split(".") if x.isdigit()])
        if not dirs:
            sys.exit("scripts/bench --postgres: PostgreSQL's server is not installed (apt-get install postgresql)")
        self.bin = dirs[-1]
        self.dir = tempfile.mkdtemp(prefix="cos-bench-pg-")
        self.as_user = []
        if os.getuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chown(self.dir, user.pw_uid, user.pw_gid)
            os.chmod(self.dir, 0o755)
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.port = None
        atexit.register(self.stop)

    def start(self):
        log(f"starting a PostgreSQL server in {self.dir} ...")
        subprocess.run(self.as_user + [f"{self.bin}/initdb", "-D", f"{self.dir}/data", "-U", "postgres",
                                       "--auth-local=trust", "-E", "UTF8", "--locale=C.UTF-8"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        options = " ".join(f"-c {s}" for s in SERVER_SETTINGS)
        for _ in range(8):
            port = random.randint(20000, 60000)
            started = subprocess.run(
                self.as_user + [f"{self.bin}/pg_ctl", "-D", f"{self.dir}/data", "-l", f"{self.dir}/server.log", "-w", "-t", "120",
                                "start", "-o", f"-p {port} -k {self.dir} {options}"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if started.returncode == 0:
                self.port = port
                break
        if self.port is None:
            sys.exit(f"the PostgreSQL server did not start; see {self.dir}/server.log")
        subprocess.run([f"{self.bin}/psql", "-X", "-q", f"host={self.dir} port={self.port} user=postgres dbname=postgres",
                        "-c", "CREATE DATABASE cos_bench"], check=True)
        return f"host={self.dir} port={self.port} user=postgres dbname=cos_bench"

    def version(self):
        out = subprocess.run([f"{self.bin}/postgres", "--version"], stdout=subprocess.PIPE, text=True).stdout.strip()
        return out

    def stop(self):
        if self.dir and os.path.isdir(self.dir):
            subprocess.run(self.as_user + [f"{self.bin}/pg_ctl", "-D", f"{self.dir}/data", "-m", "fast", "-w", "stop"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            shutil.rmtree(self.dir, ignore_errors=True)
        self.dir = None


def measure_import(args, csv, conninfo):
    """`cos import DIR --to` under /usr/bin/time -v: rows per second, peak RSS, the schema's size."""
    log(f"importing {csv} into PostgreSQL ...")
    started = time.monotonic()
    result = subprocess.run(["/usr/bin/time", "-v", args.cos, "import", csv, "--to", conninfo],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, COS_IMPORT_TIMINGS="1"))
    seconds = time.monotonic() - started
    if result.returncode != 0:
        sys.exit(f"cos import --to failed:\n{result.stderr[-3000:]}")
    rss_kb = 0
    for line in result.stderr.splitlines():
        if "Maximum resident set size" in line:
            rss_kb = int(line.split(":")[-1].strip())
    rows = 0
    size = ""
    for line in result.stdout.splitlines():
        if line.startswith("imported "):
            rows = int(line.split()[1].replace(",", ""))
            size = line[line.rfind("(") + 1:line.rfind(")")]
    log(f"imported {rows:,} rows into PostgreSQL in {seconds:.1f} s: {rows / seconds:,.0f} rows/s, peak RSS {rss_kb / 1024:.0f} MB, {size}")
    steps = [line for line in result.stderr.splitlines() if line.startswith("step ")]
    return {"rows": rows, "seconds": round(seconds, 2), "rows_per_second": round(rows / max(seconds, 1e-9)),
            "peak_rss_mb": round(rss_kb / 1024, 1), "size": size, "steps": steps}


def run(args, csv, store, reps, sqlite_figures, run_bench):
    """Starts the server, loads the set, measures; returns (server version, import figures, rows)."""
    server = Server()
    conninfo = server.start()
    imported = measure_import(args, csv, conninfo)
    figures = []
    for mode, n in (("views", reps), ("search", reps * 2)):
        for f in run_bench(args, mode, store, n, postgres=conninfo):
            figures.append(f)
    version = server.version()
    server.stop()
    by_name = {f["name"]: f for f in sqlite_figures if "median_ms" in f}
    rows = []
    for f in figures:
        lite = by_name.get(f["name"])
        rows.append({"name": f["name"], "postgres_median_ms": f["median_ms"], "postgres_p95_ms": f["p95_ms"],
                     "sqlite_median_ms": lite["median_ms"] if lite else None, "detail": f.get("detail", "")})
    return version, imported, rows


def goals(name):
    """The issue's goals for a PostgreSQL figure: (at most this many ms, at most this ratio to SQLite).

    The ratio is the views' goal (issue 9: every view within 2x of SQLite, at most 40 ms; the first
    page of tickets at most 20 ms). Navigation by name and Tab (cd, open NAME, Tab) are not views:
    they keep the store's own goal (20 ms) without a ratio, which against an in-process lookup of
    0.01 ms would only measure the round trip to the server."""
    if name.startswith("cd ") or name.startswith("Tab ") or name.startswith("open NAME"):
        return NAVIGATION_LIMIT_MS, None
    if name.startswith("tickets page") or name.startswith("tickets uninvoiced"):
        return TICKETS_LIMIT_MS, RATIO_LIMIT
    if name.startswith("tickets --all last page") or name.startswith("find") or name.startswith("completion") \
            or name.startswith("suggestion") or name.startswith("open by name"):
        return None, None
    if name.endswith("(largest)") or name == "open largest":
        return VIEW_LIMIT_MS, RATIO_LIMIT
    return None, None


def print_table(version, imported, rows):
    print()
    print(f"PostgreSQL source ({version}; cos-bench on the schema, same organizations and keys as above)")
    print(f"{'figure':<44} {'sqlite':>10} {'postgres':>10} {'p95':>10} {'ratio':>7}  goal                met")
    for r in rows:
        limit, ratio_limit = goals(r["name"])
        lite = r["sqlite_median_ms"]
        ratio = r["postgres_median_ms"] / lite if lite else None
        goal = ""
        met = "-"
        if limit is not None:
            goal = f"<= {limit:g} ms" + (f", <= {ratio_limit:g}x" if ratio_limit is not None else "")
            met = "yes" if r["postgres_p95_ms"] <= limit and (ratio is None or ratio_limit is None or ratio <= ratio_limit) else "NO"
        lite_text = f"{lite:7.2f} ms" if lite is not None else "         -"
        ratio_text = f"{ratio:6.1f}x" if ratio is not None else "      -"
        print(f"{r['name']:<44} {lite_text:>10} {r['postgres_median_ms']:>7.2f} ms {r['postgres_p95_ms']:>7.2f} ms {ratio_text}  {goal:<19} {met}")
    met = imported["rows_per_second"] >= IMPORT_GOAL
    print(f"{'import --to rows per second':<44} {imported['rows_per_second']:>21,} rows/s  >= {IMPORT_GOAL:,.0f}       {'yes' if met else 'NO'}  "
          f"{imported['rows']:,} rows in {imported['seconds']} s")
    print(f"{'import --to peak RSS':<44} {imported['peak_rss_mb']:>24} MB  flat                   schema {imported['size']}")
    for step in imported.get("steps", []):
        print(f"  {step}")
