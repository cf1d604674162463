#!/usr/bin/env python3
"""The driver of scripts/bench: data sets, stores, measurements, the table and the JSON.

In-process figures come from the cos-bench executable (Sources/cos-bench), which calls the query and
render libraries directly and prints one JSON line per figure. This script adds what needs a process
of its own: `cos import` (rows per second, peak RSS through /usr/bin/time -v), start to the first
prompt and the shell's peak RSS (cos on a pseudo-terminal), and the peer runs (--compare).
"""
import argparse
import datetime
import fcntl
import json
import os
import platform
import pty
import select
import shutil
import sqlite3
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import peers  # noqa: E402
import postgres  # noqa: E402

# The data sets: generator arguments. `large` is the goal's set; `quick` a tenth of it;
# `orgs100k` 100,000 organizations with almost no rows (for search and completion only).
SETS = {
    "large": ["--profile", "large"],
    "quick": ["--profile", "large", "--orgs", "1000"],
    "orgs100k": ["--orgs", "100000", "--scale", "0.001", "--months", "2"],
}

# Issue 13: `open` of the largest organization at most 10 ms, each of its drill-downs at most 20 ms, a
# median organization's views at most 2 ms.
OPEN_LARGEST_GOAL = 10.0
VIEW_GOAL = 20.0
SMALL_VIEW_GOAL = 2.0
TICKETS_GOAL = 20.0
COMPLETION_GOAL = 10.0
# Issue 13: entering a context by name (every segment of a cd path, open NAME) and Tab completion of a
# name in any collection of the largest organization.
NAMES_GOAL = 20.0
START_GOAL = 150.0
RSS_GOAL_MB = 200.0
IMPORT_GOAL = 1_000_000.0
# Issue 11: why it changed, what was left behind, where a charge came from (largest organization).
COMPARE_GOAL = 100.0
AUDIT_GOAL = 1000.0
TRACE_GOAL = 50.0


def log(message):
    print(message, file=sys.stderr, flush=True)


def ensure_set(args, name):
    """Generates the CSV directory and imports it once; returns (csv dir, store path, import figures)."""
    base = os.path.join(args.data, name)
    csv = os.path.join(base, "csv")
    store = os.path.join(base, "store.cos")
    marker = os.path.join(csv, ".complete")
    os.makedirs(base, exist_ok=True)
    if not os.path.exists(marker):
        shutil.rmtree(csv, ignore_errors=True)
        log(f"generating {name} into {csv} ...")
        started = time.monotonic()
        subprocess.run([args.cos, "generate", "-o", csv] + SETS[name], check=True, stdout=subprocess.DEVNULL)
        with open(marker, "w") as f:
            f.write(f"{time.monotonic() - started:.1f}\n")
        log(f"generated {name} in {time.monotonic() - started:.0f} s")
    figures_path = os.path.join(base, "import.json")
    if args.reimport or not os.path.exists(store) or not os.path.exists(figures_path) or not opens(args, store):
        figures = measure_import(args, csv, store)
        with open(figures_path, "w") as f:
            json.dump(figures, f)
    with open(figures_path) as f:
        return csv, store, json.load(f)


def opens(args, store):
    """Whether this cos opens the cached store: a store of an older format version is imported again."""
    result = subprocess.run([args.cos, store, "--no-rc", "-c", "pwd"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if result.returncode != 0:
        log(f"{store} does not open with this cos ({result.stderr.decode().strip()}): importing again")
    return result.returncode == 0


def measure_import(args, csv, store):
    """`cos import` under /usr/bin/time -v: rows per second (all nine files) and peak RSS."""
    log(f"importing {csv} ...")
    temporary = store + ".new"
    if os.path.exists(temporary):
        os.remove(temporary)
    started = time.monotonic()
    result = subprocess.run(
        ["/usr/bin/time", "-v", args.cos, "import", csv, "-o", temporary],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.monotonic() - started
    if result.returncode != 0:
        sys.exit(f"cos import failed:\n{result.stderr[-3000:]}")
    rss_kb = 0
    for line in result.stderr.splitlines():
        if "Maximum resident set size" in line:
            rss_kb = int(line.split(":")[-1].strip())
    cpu = time_v(result.stderr, "User time (seconds)") + time_v(result.stderr, "System time (seconds)")
    os.replace(temporary, store)
    with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as db:
        rows = sum(int(v) for (k, v) in db.execute("SELECT key, value FROM meta WHERE key LIKE 'rows.%'"))
    csv_bytes = sum(os.path.getsize(os.path.join(csv, n)) for n in os.listdir(csv) if n.endswith(".csv"))
    figures = {"rows": rows, "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2),
               "rows_per_second": round(rows / seconds), "peak_rss_mb": round(rss_kb / 1024, 1),
               "store_bytes": os.path.getsize(store), "csv_bytes": csv_bytes, "load": load_average(),
               "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}
    log(f"imported {rows} rows in {seconds:.1f} s ({cpu:.1f} s of CPU): {rows / seconds:,.0f} rows/s, "
        f"peak RSS {rss_kb / 1024:.0f} MB, store {figures['store_bytes'] / 1e6:,.0f} MB for {csv_bytes / 1e6:,.0f} MB of CSV")
    figures["duckdb"] = duckdb_import(args, csv, os.path.dirname(store))
    return figures


def time_v(stderr, label):
    """A number from /usr/bin/time -v's report."""
    for line in stderr.splitlines():
        if label in line:
            try:
                return float(line.split(":")[-1].strip())
            except ValueError:
                return 0.0
    return 0.0


def load_average():
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return ""


DUCK_IMPORT = r"""
import duckdb, json, os, sys, time
""" + peers.DUCK_LOAD + r"""
path, csv, types_json, files_json = sys.argv[1:5]
types = json.loads(types_json)
db = duckdb.connect(path)
started = time.perf_counter()
rows = load_tables(db, csv, files_json, types)
db.execute("CHECKPOINT")
db.close()
print(json.dumps({"seconds": time.perf_counter() - started, "rows": rows, "bytes": os.path.getsize(path),
                  "version": duckdb.__version__}))
"""


def duckdb_import(args, csv, base):
    """DuckDB's `read_csv` of the same files into a database file, typed as peers.py types them (exact
    DECIMAL money, DATE dates, UTC timestamps), right after cos's import: the peer of the import figure."""
    python = peers.duckdb_python(args.data)
    path = os.path.join(base, "import-peer.duckdb")
    for leftover in (path, path + ".wal"):
        if os.path.exists(leftover):
            os.remove(leftover)
    log("loading the same files with DuckDB's read_csv ...")
    result = subprocess.run(
        ["/usr/bin/time", "-v", python, "-c", DUCK_IMPORT, path, csv, json.dumps(peers.DUCK_TYPES), json.dumps(peers.FILES)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for leftover in (path, path + ".wal"):
        if os.path.exists(leftover):
            os.remove(leftover)
    if result.returncode != 0:
        log(f"DuckDB's load failed:\n{result.stderr[-2000:]}")
        return None
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    answer["cpu_seconds"] = round(time_v(result.stderr, "User time (seconds)") + time_v(result.stderr, "System time (seconds)"), 2)
    answer["peak_rss_mb"] = round(time_v(result.stderr, "Maximum resident set size") / 1024, 1)
    answer["seconds"] = round(answer["seconds"], 2)
    log(f"DuckDB {answer['version']} loaded {answer['rows']:,} rows in {answer['seconds']:.1f} s "
        f"({answer['cpu_seconds']:.1f} s of CPU), peak RSS {answer['peak_rss_mb']:.0f} MB")
    return answer


def run_bench(args, mode, store, reps, label=None, postgres=None):
    """cos-bench's JSON lines, as dicts; with `postgres` (a connection string) the views are answered
    from that database's `cos` schema (the organizations and keys still picked from `store`)."""
    command = [args.cos_bench, mode, store, "--reps", str(reps)]
    if label:
        command += ["--label", label]
    if postgres:
        command += ["--postgres", postgres]
    log(f"cos-bench {mode} {os.path.basename(os.path.dirname(store))} ({reps} repetitions) ...")
    output = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True).stdout
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def read_until(fd, marker, deadline):
    """Reads the pty until `marker` appears; returns everything read, or None at the deadline."""
    seen = b""
    while marker not in seen:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return None
        if not chunk:
            return None
        seen += chunk
    return seen


def shell_session(args, store, lines):
    """Starts `cos STORE` on a 120x40 pseudo-terminal; returns (ms from exec to the first prompt,
    peak RSS in MB after running `lines` and quitting)."""
    home = tempfile.mkdtemp(prefix="cos-bench-home-")
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "TERM": "xterm-256color",
           "LANG": "C.UTF-8", "PAGER": "cat"}
    started = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(args.cos, [args.cos, store, "--no-rc"], env)
    try:
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        deadline = started + 60
        if read_until(fd, b"cos:/> ", deadline) is None:
            raise RuntimeError("cos did not show its prompt within 60 s")
        first_prompt = (time.monotonic() - started) * 1000
        for line in lines:
            os.write(fd, (line + "\n").encode())
            if read_until(fd, b"> ", time.monotonic() + 60) is None:
                raise RuntimeError(f"cos did not answer {line!r}")
        os.write(fd, b"quit\n")
        # Drain until the child exits.
        while True:
            ready, _, _ = select.select([fd], [], [], 10)
            if not ready:
                break
            try:
                if not os.read(fd, 65536):
                    break
            except OSError:
                break
        _, _, usage = os.wait4(pid, 0)
        return first_prompt, usage.ru_maxrss / 1024
    finally:
        os.close(fd)
        shutil.rmtree(home, ignore_errors=True)


def largest_org_id(store):
    with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as db:
        (key,) = db.execute(
            "SELECT organization_k FROM ticket_rollup GROUP BY organization_k ORDER BY sum(tickets) DESC, 1 LIMIT 1").fetchone()
        (org_id,) = db.execute("SELECT id FROM organization WHERE k = ?", (key,)).fetchone()
        (as_of,) = db.execute("SELECT value FROM meta WHERE key = 'as_of'").fetchone()
    return org_id, as_of


def quantile(values, q):
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, -(-int(q * len(ordered) * 1000) // 1000) - 1))
    return ordered[rank]


def timing(name, median, p95, goal, detail="", **extra):
    figure = {"name": name, "median_ms": round(median, 3), "p95_ms": round(p95, 3),
              "goal_ms": goal, "met": (p95 <= goal) if goal is not None else None, "detail": detail}
    figure.update(extra)
    return figure


def value(name, amount, unit, goal, met, detail=""):
    return {"name": name, "value": amount, "unit": unit, "goal": goal, "met": met, "detail": detail}


def goal_for(name):
    if name.startswith("compare"):
        return COMPARE_GOAL
    if name.startswith("audit"):
        return AUDIT_GOAL
    if name.startswith("trace"):
        return TRACE_GOAL
    if name.startswith("open largest"):
        return OPEN_LARGEST_GOAL
    if name.startswith("open median") or name.startswith("open small"):
        return SMALL_VIEW_GOAL
    if name.startswith("tickets --all last page"):
        return None  # a deep page, for information: the goal is about the first page
    if name.startswith("tickets"):
        return TICKETS_GOAL
    if name.startswith("cd ") or name.startswith("open NAME") or name.startswith("Tab "):
        return NAMES_GOAL
    if name.startswith("completion") or name.startswith("suggestion"):
        return COMPLETION_GOAL
    if name.startswith("find") or name.startswith("open by name"):
        return None
    return VIEW_GOAL


def main():
    parser = argparse.ArgumentParser(prog="scripts/bench")
    parser.add_argument("--bin", required=True)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--compare", action="store_true")
    parser.add_argument("--json")
    parser.add_argument("--reimport", action="store_true")
    parser.add_argument("--reps", type=int)
    parser.add_argument("--postgres", action="store_true",
                        help="also load the set into a throwaway PostgreSQL server and measure the same figures there")
    parser.add_argument("--data", default=os.environ.get("COS_BENCH_DATA", "/work/bench-data"))
    args = parser.parse_args()
    args.cos = os.path.join(args.bin, "cos")
    args.cos_bench = os.path.join(args.bin, "cos-bench")
    reps = args.reps or (60 if args.quick else 200)
    main_set = "quick" if args.quick else "large"
    began = time.monotonic()

    csv, store, imported = ensure_set(args, main_set)
    figures = []
    for f in run_bench(args, "views", store, reps):
        figures.append(timing(f["name"], f["median_ms"], f["p95_ms"], goal_for(f["name"]), f.get("detail", "")))
    for f in run_bench(args, "search", store, reps * 2):
        figures.append(timing(f["name"], f["median_ms"], f["p95_ms"], goal_for(f["name"]), f.get("detail", "")))
    if not args.quick:
        _, store100k, _ = ensure_set(args, "orgs100k")
        for f in run_bench(args, "search", store100k, reps * 2):
            figures.append(timing(f["name"], f["median_ms"], f["p95_ms"], goal_for(f["name"]), f.get("detail", "")))

    # Start to the first prompt, and the shell's peak RSS after opening the largest organization.
    org_id, as_of = largest_org_id(store)
    starts, rss_idle, rss_open = [], [], []
    sessions = 6 if args.quick else 15
    log(f"start to first prompt ({sessions} runs) ...")
    for _ in range(sessions):
        ms, rss = shell_session(args, store, [])
        starts.append(ms)
        rss_idle.append(rss)
    for _ in range(3):
        _, rss = shell_session(args, store, [f"open id:{org_id}", "summary", "tickets"])
        rss_open.append(rss)
    figures.append(timing("start to first prompt", statistics.median(starts), quantile(starts, 0.95), START_GOAL,
                          "cos STORE on a 120x40 pty, exec to the prompt on screen"))
    figures.append(value("shell peak RSS at the prompt", round(max(rss_idle), 1), "MB", RSS_GOAL_MB,
                         max(rss_idle) <= RSS_GOAL_MB))
    figures.append(value("shell peak RSS after open largest", round(max(rss_open), 1), "MB", RSS_GOAL_MB,
                         max(rss_open) <= RSS_GOAL_MB, f"open id:{org_id}; summary; tickets"))
    figures.append(value("import rows per second", imported["rows_per_second"], "rows/s", IMPORT_GOAL,
                         imported["rows_per_second"] >= IMPORT_GOAL,
                         f"{imported['rows']:,} rows in {imported['seconds']} s, {imported.get('cpu_seconds', '?')} s of CPU "
                         f"({imported['date']}, load {imported.get('load', '?')})"))
    duck = imported.get("duckdb")
    if duck:
        ratio = imported["seconds"] / max(duck["seconds"], 1e-9)
        figures.append(value("import time / DuckDB read_csv", round(ratio, 2), "x", 3, ratio <= 3,
                             f"DuckDB {duck['version']}: {duck['seconds']} s ({duck['cpu_seconds']} s of CPU, "
                             f"{duck['peak_rss_mb']} MB) for the same files, typed, in the same run"))
    if imported.get("store_bytes"):
        figures.append(value("store size / CSV size", round(imported["store_bytes"] / imported["csv_bytes"], 3), "x", 1,
                             imported["store_bytes"] <= imported["csv_bytes"],
                             f"{imported['store_bytes'] / 1e6:,.0f} MB store, {imported['csv_bytes'] / 1e6:,.0f} MB CSV"))
    other = os.path.join(args.data, "large" if args.quick else "quick", "import.json")
    flat = None
    detail = "compare with the other set's import once both were measured"
    if os.path.exists(other):
        with open(other) as f:
            peer = json.load(f)
        ratio = imported["peak_rss_mb"] / max(peer["peak_rss_mb"], 1)
        flat = max(ratio, 1 / max(ratio, 1e-9)) <= 1.2
        detail = (f"{peer['peak_rss_mb']} MB for {peer['rows']:,} rows on the other set ({peer['date']}): "
                  f"{'+' if ratio >= 1 else ''}{(ratio - 1) * 100:.0f} %")
    figures.append(value("import peak RSS", imported["peak_rss_mb"], "MB", "<= 300, flat (20 %)",
                         flat and imported["peak_rss_mb"] <= 300 if flat is not None else imported["peak_rss_mb"] <= 300, detail))

    compare = []
    if args.compare:
        compare = peers.compare(args, csv, store, org_id, as_of, figures)

    pg = None
    if args.postgres:
        pg = postgres.run(args, csv, store, reps, figures, run_bench)

    print_table(main_set, figures, compare)
    if pg:
        postgres.print_table(*pg)
    log(f"benchmark took {time.monotonic() - began:.0f} s")
    if args.json:
        document = {"machine": machine(), "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "set": main_set, "figures": figures, "compare": compare}
        if pg:
            document["postgres"] = {"server": pg[0], "import": pg[1], "figures": pg[2]}
        with open(args.json, "w") as f:
            json.dump(document, f, indent=1)
            f.write("\n")


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = ""
    try:
        with open("/proc/meminfo") as f:
            memory = f"{int(f.readline().split()[1]) / 1024 / 1024:.0f} GB RAM"
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, {memory}, {platform.system()} {platform.release()}"


def print_table(main_set, figures, compare):
    print(f"cos benchmark: {main_set} set; {machine()}")
    print(f"{'figure':<44} {'median':>10} {'p95':>10} {'goal':>10}  met  detail")
    for f in figures:
        met = {True: "yes", False: "NO", None: "-"}[f["met"]]
        if "median_ms" in f:
            goal = f"{f['goal_ms']:g} ms" if f["goal_ms"] is not None else "-"
            print(f"{f['name']:<44} {f['median_ms']:>7.2f} ms {f['p95_ms']:>7.2f} ms {goal:>10}  {met:<4} {f['detail']}")
        else:
            goal = f["goal"]
            goal_text = f"{goal:,.0f}" if isinstance(goal, (int, float)) else str(goal)
            amount = f"{f['value']:,.1f}" if isinstance(f["value"], float) else f"{f['value']:,}"
            print(f"{f['name']:<44} {amount + ' ' + f['unit']:>21} {goal_text:>10}  {met:<4} {f['detail']}")
    if compare:
        print()
        print(f"{'organization view of the largest org':<44} {'cos':>10} {'duckdb':>10} {'sqlite3':>10}  ratios (peer / cos)")
        for c in compare:
            duck = c.get("duckdb_ms")
            lite = c.get("sqlite3_ms")
            ratios = []
            if duck:
                ratios.append(f"duckdb {duck / c['cos_ms']:.1f}x slower")
            if lite:
                ratios.append(f"sqlite3 {lite / c['cos_ms']:.1f}x slower")
            print(f"{c['view']:<44} {c['cos_ms']:>7.2f} ms {duck or float('nan'):>7.2f} ms {lite or float('nan'):>7.2f} ms  {'; '.join(ratios)}")


if __name__ == "__main__":
    main()
