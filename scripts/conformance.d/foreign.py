"""A foreign billing-export generator: contract-conforming exports that look nothing like cos's own.

Written from /work/shared/spec/data-contract.md only; it shares no code or habits with
Sources/CosGenerate. Everything is drawn from one `random.Random(seed)`, so a seed and a size give
the same export byte for byte.

The result is a `Export`: the logical rows of every file (column -> exact text, or None for null)
plus the writing options of each file (column order, header spelling, extra columns, BOM, line
ends, quoting). `csvio.write_export` writes it; `csvio.read_export` reads any export back.
"""

import random
import unicodedata
import uuid
from dataclasses import dataclass, field

# The contract's files and columns; a trailing "?" marks an optional column.
FILES = {
    "organizations": ["id", "name", "number?", "parent_id?"],
    "contracts": ["id", "organization_id", "number", "name?", "currency", "start_date", "end_date?"],
    "product_categories": ["id", "name"],
    "products": ["id", "name", "category_id", "unit?"],
    "object_types": ["id", "name"],
    "object_profiles": ["id", "name", "object_type_id"],
    "objects": ["id", "name", "organization_id", "contract_id?", "object_type_id", "object_profile_id?",
                "active_from", "active_to?"],
    "usage_events": ["id", "object_id", "product_id", "occurred_at", "quantity"],
    "charge_tickets": ["id", "contract_id", "object_id?", "product_id", "period_start", "period_end",
                       "quantity", "unit_price?", "amount", "invoice_id?"],
    "invoices": ["id", "organization_id", "number", "invoice_date", "status", "currency", "total_amount"],
}


def columns(file):
    return [c.rstrip("?") for c in FILES[file]]


def optional_columns(file):
    return [c[:-1] for c in FILES[file] if c.endswith("?")]


# ISO 4217 minor units (the ones this generator uses).
MINOR_UNITS = {"JPY": 0, "KRW": 0, "ISK": 0, "KWD": 3, "BHD": 3, "JOD": 3, "OMR": 3, "CLF": 4,
               "SEK": 2, "EUR": 2, "USD": 2, "GBP": 2, "CHF": 2, "NOK": 2, "INR": 2, "BRL": 2}

SIZES = {
    # orgs, max contracts per org, max objects per org, months of history, events per object-month
    "tiny": dict(orgs=6, contracts=2, objects=5, months=8, events=2, categories=3, types=3),
    "small": dict(orgs=24, contracts=3, objects=12, months=18, events=3, categories=6, types=5),
    "medium": dict(orgs=50, contracts=4, objects=30, months=24, events=3, categories=9, types=7),
    "large": dict(orgs=200, contracts=4, objects=40, months=30, events=2, categories=12, types=9),
}


@dataclass
class FileShape:
    """How one CSV file is written."""
    order: list            # contract columns present, in header order (extras interleaved by name)
    headers: dict          # column -> header text as written
    extras: list           # unknown columns: (header text, value function index)
    bom: bool = False
    crlf: bool = False
    quoting: str = "minimal"   # minimal | all | random
    final_newline: bool = True
    empty_as_quotes: bool = False  # nulls written as "" (an empty quoted field)


@dataclass
class Export:
    seed: int
    size: str
    tables: dict                      # file -> list of rows (dict column -> str | None)
    shapes: dict                      # file -> FileShape
    manifest: object = None           # dict or None
    as_of_option: object = None       # "YYYY-MM-DD" to pass as --as-of, or None
    period_option: object = None      # "YYYY-MM..YYYY-MM" to pass as --period, or None
    notes: list = field(default_factory=list)   # which shapes this seed drew


# --- text ------------------------------------------------------------------------------------------

WORDS = ["Nord", "Acme", "Blå", "Żółw", "Öresund", "Kaffe", "Data", "Tele", "Cloud", "Grid", "Svea",
         "Fjord", "Hansa", "Ljus", "Vind", "Sol", "Berg", "Hav", "Ström", "Åker", "Møller", "Ærø",
         "Straße", "İstanbul", "Ǆemal", "Ελλάδα", "Москва", "東京", "서울", "Ñandú", "Čapek", "Łódź"]
SUFFIXES = ["AB", "GmbH", "Ltd", "S.A.", "K.K.", "Oy", "AS", "ApS", "Inc.", "& Co", "S.r.l.", "BV"]
RTL = ["שלום עולם", "شركة الاتصالات", "مرحبا بالعالم", "חברת ענן בע\"מ"]
EMOJI = ["🚀", "☁️", "👩‍💻", "🇸🇪", "🏳️‍🌈", "😀", "📞", "🧾"]
COMBINING = ["e\u0301", "a\u0308", "o\u0303", "n\u0303", "A\u030a"]   # decomposed accents


def name_text(rng, kind, weird):
    """A name: plain most of the time; with `weird` set, often hostile to CSV and terminals."""
    base = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(SUFFIXES)}" if kind == "org" else \
        f"{rng.choice(WORDS)}-{rng.randrange(1000)}"
    if not weird or rng.random() < 0.45:
        return base
    pick = rng.randrange(15)
    if pick == 14:
        return f"{base} \x1b[31mred\x1b[0m \x7f \x85 \x07"             # control characters are text
    if pick == 0:
        return f"{base}, {rng.choice(WORDS)}"                       # comma
    if pick == 1:
        return f'"{base}" {rng.choice(WORDS)} ""x""'                # quotes
    if pick == 2:
        return f"{base}\n{rng.choice(WORDS)}"                       # LF inside
    if pick == 3:
        return f"{base}\r\n2nd line"                                # CRLF inside
    if pick == 4:
        return f"{base} {rng.choice(EMOJI)}{rng.choice(EMOJI)}"
    if pick == 5:
        return f"{rng.choice(RTL)} {base}"
    if pick == 6:
        return "".join(rng.choice(COMBINING) for _ in range(3)) + " " + base
    if pick == 7:
        return (base + " ") * rng.randrange(40, 160)                # very long (ends with a space)
    if pick == 8:
        return f"  {base}  "                                        # surrounding spaces are data
    if pick == 9:
        return f"{base}\t{rng.choice(WORDS)}"                       # a tab
    if pick == 10:
        return f"{base} ; # $HOME 'x' \\ {{}}"                      # the command language's own marks
    if pick == 11:
        return f"{base}/{rng.choice(WORDS)}"                        # a slash
    if pick == 12:
        return "id:" + base                                         # looks like a path segment
    return f"{base} \u200b\u00a0\u2028 zero-width, nbsp, line separator"


def id_maker(rng, style):
    """A function giving unique ids in a style. Ids are opaque: "7" and "007" are two ids."""
    seen = set()
    counter = [0]

    def numeric():
        counter[0] += rng.randrange(1, 4)
        n = counter[0]
        return rng.choice([str(n), str(n).zfill(3), str(n).zfill(7)])

    def weird():
        pool = ["a b", "c,d", 'q"uote', "ünï", "Ω-", "🚀", "x'y", "$VAR", "semi;colon", "#hash",
                "back\\slash", "sl/ash", " lead", "trail ", "tab\tin", "..", "-", "A", "a", "%_"]
        return rng.choice(pool) + str(rng.randrange(10 ** 6))

    makers = {
        "uuid": lambda: str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "UUID": lambda: str(uuid.UUID(int=rng.getrandbits(128), version=4)).upper(),
        "numeric": numeric,
        "prefixed": lambda: f"X{rng.randrange(10 ** 9):09d}",
        "weird": weird,
    }

    issued = []

    def twin(v):
        """Another id that a sloppy comparison would take for `v`: `7`/`007`, `a`/`A`, `x`/`x `, and
        the same text in another Unicode normalization form (`ü` as one code point or as u + U+0308:
        canonically equivalent, so equal to Swift's `==`, but other bytes and so another id)."""
        for form in ("NFD", "NFC"):
            if unicodedata.normalize(form, v) != v:
                return unicodedata.normalize(form, v)
        if v.isdigit():
            return v.lstrip("0") or "0" if v.startswith("0") else "00" + v
        if v.swapcase() != v and rng.random() < 0.6:
            return v.swapcase()
        return v + " " if rng.random() < 0.5 else " " + v

    def make():
        if issued and rng.random() < 0.08:
            v = twin(rng.choice(issued))
            if v and v not in seen:
                seen.add(v)
                issued.append(v)
                return v
        s = style if style != "mixed" else rng.choice(["uuid", "numeric", "weird", "prefixed"])
        for _ in range(1000):
            v = makers[s]()
            if v not in seen:
                seen.add(v)
                issued.append(v)
                return v
        raise RuntimeError("id space exhausted")
    return make


# --- numbers and dates -----------------------------------------------------------------------------

def dec_text(rng, units, lo, hi, negative=0.0, six=0.1):
    """A decimal as text: `units` fractional digits, sometimes 6, sometimes padded with zeros."""
    digits = 6 if rng.random() < six else units
    scale = 10 ** digits
    v = rng.randrange(int(lo * scale), int(hi * scale) + 1)
    if rng.random() < negative:
        v = -v
    sign = "-" if v < 0 else ""
    v = abs(v)
    whole, frac = divmod(v, scale)
    text = str(whole)
    if rng.random() < 0.05:
        text = "00" + text                                           # leading zeros are digits
    if digits:
        f = str(frac).zfill(digits)
        if rng.random() < 0.5:
            f = f.rstrip("0")
        if f:
            text += "." + f
        elif rng.random() < 0.3:
            text += "." + "0" * rng.randrange(1, 7)
    if sign and text.strip("0.") == "" and rng.random() < 0.5:
        return "-0"                                                  # negative zero is zero
    return sign + text


def month_add(y, m, k):
    o = y * 12 + (m - 1) + k
    return o // 12, o % 12 + 1


def days_in(y, m):
    if m == 2:
        return 29 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 28
    return 30 if m in (4, 6, 9, 11) else 31


def date_text(y, m, d):
    return f"{y:04d}-{m:02d}-{d:02d}"


def timestamp_text(rng, y, m):
    """An ISO 8601 timestamp somewhere around month (y, m), often crossing a month edge in UTC."""
    pick = rng.randrange(10)
    if pick < 3:   # near the start of the month with a positive offset: the previous month in UTC
        d, hh = 1, rng.randrange(0, 5)
        off = rng.choice(["+05:30", "+09:00", "+14:00", "+01:00", "+0530", "+05"])
        return f"{date_text(y, m, d)}T{hh:02d}:{rng.randrange(60):02d}:{rng.randrange(60):02d}{off}"
    if pick < 5:   # near the end with a negative offset: the next month in UTC
        d, hh = days_in(y, m), rng.randrange(19, 24)
        off = rng.choice(["-08:00", "-03:30", "-12:00", "-0800", "-05"])
        return f"{date_text(y, m, d)}T{hh:02d}:{rng.randrange(60):02d}:{rng.randrange(60):02d}{off}"
    d = rng.randrange(1, days_in(y, m) + 1)
    t = f"{rng.randrange(24):02d}:{rng.randrange(60):02d}:{rng.randrange(60):02d}"
    if pick == 5:
        return date_text(y, m, d)                                    # a bare date: midnight UTC
    if pick == 6:
        return f"{date_text(y, m, d)}T{t}.{rng.randrange(10 ** 6):06d}Z"   # fractional seconds
    if pick == 7:
        return f"{date_text(y, m, d)}T{t}+00:00"
    if pick == 8:
        return f"{date_text(y, m, d)}T{t}"                           # no offset: UTC (cos's decision)
    return f"{date_text(y, m, d)}T{t}Z"


# --- the export ------------------------------------------------------------------------------------

def generate(seed, size):
    rng = random.Random(f"cos-conformance/{seed}/{size}")
    p = SIZES[size]
    notes = []
    weird = rng.random() < 0.8
    styles = {f: rng.choice(["uuid", "UUID", "numeric", "prefixed", "weird", "mixed"]) for f in FILES}
    ids = {f: id_maker(rng, styles[f]) for f in FILES}
    notes.append("id styles: " + ", ".join(f"{f}={s}" for f, s in styles.items()))

    # Optional columns left out of a file entirely (their values are then null everywhere).
    absent = {}
    for f in FILES:
        absent[f] = {c for c in optional_columns(f) if rng.random() < 0.12}
    if any(absent.values()):
        notes.append("absent optional columns: " + ", ".join(
            f"{f}.{c}" for f in FILES for c in sorted(absent[f])))

    # As-of date and period.
    ay, am = rng.randrange(2024, 2029), rng.randrange(1, 13)
    as_of = date_text(ay, am, rng.randrange(1, days_in(ay, am) + 1))
    months = p["months"]
    first = month_add(ay, am, -months + 1)    # history starts here ...
    last = month_add(ay, am, 2)               # ... and runs a little past the as-of month

    def month_range():
        y, m = first
        out = []
        while (y, m) <= last:
            out.append((y, m))
            y, m = month_add(y, m, 1)
        return out
    all_months = month_range()

    # Currencies: several per export, some with 0 or 3 (or 4) minor units.
    pool = list(MINOR_UNITS)
    rng.shuffle(pool)
    currencies = sorted(set(pool[:rng.randrange(2, 6)]) | {rng.choice(["JPY", "KWD", "BHD", "KRW", "JOD"])})

    t = {f: [] for f in FILES}

    def null_or(v, p_null):
        return None if rng.random() < p_null else v

    # Catalog.
    cats = []
    for _ in range(rng.randrange(2, p["categories"] + 1)):
        c = {"id": ids["product_categories"](), "name": name_text(rng, "cat", weird)}
        cats.append(c)
    if len(cats) > 2 and rng.random() < 0.5:
        cats[1]["name"] = cats[0]["name"]                            # names are not unique
    t["product_categories"] = cats
    prods = []
    units = ["pcs", "GB", "h", "kWh", "µs", "Stück", "seat/month", "m³", ""]
    for c in cats:
        for _ in range(rng.randrange(1, 6)):
            u = rng.choice(units)
            prods.append({"id": ids["products"](), "name": name_text(rng, "product", weird),
                          "category_id": c["id"], "unit": u or None})
    if len(prods) > 3:
        prods[2]["name"] = prods[0]["name"]
    t["products"] = prods
    types = []
    for _ in range(rng.randrange(1, p["types"] + 1)):
        types.append({"id": ids["object_types"](), "name": name_text(rng, "type", weird)})
    t["object_types"] = types
    profiles = []
    for ty in types:
        for _ in range(rng.choice([0, 1, 2, 3, 4])):
            profiles.append({"id": ids["object_profiles"](), "name": name_text(rng, "profile", weird),
                             "object_type_id": ty["id"]})
    if len(profiles) > 2:
        profiles[1]["name"] = profiles[0]["name"]
    t["object_profiles"] = profiles
    profiles_of = {ty["id"]: [pr for pr in profiles if pr["object_type_id"] == ty["id"]] for ty in types}

    # Organizations: a forest with deep chains; parents are drawn from earlier organizations, so
    # there is never a cycle, and the file is shuffled so children often come before parents.
    orgs = []
    for i in range(p["orgs"]):
        o = {"id": ids["organizations"](), "name": name_text(rng, "org", weird),
             "number": null_or(f"{rng.randrange(10 ** 6):06d}-{rng.randrange(10 ** 4)}", 0.25), "parent_id": None}
        if orgs and rng.random() < 0.55:
            # mostly the previous one (deep chains), sometimes any earlier one
            parent = orgs[-1] if rng.random() < 0.6 else rng.choice(orgs)
            o["parent_id"] = parent["id"]
        orgs.append(o)
    if len(orgs) > 3:
        orgs[3]["name"] = orgs[1]["name"]                            # two organizations, one name
        orgs[2]["number"] = orgs[0]["id"]                            # a number that is another's id
    empty_orgs = set(o["id"] for o in rng.sample(orgs, max(1, len(orgs) // 8)))   # no rows at all

    contracts, objects, invoices, tickets, events = [], [], [], [], []
    cross_org = rng.random() < 0.3
    if cross_org:
        notes.append("tickets on objects of other organizations")
    status_words = {"final": ["final", "Final", "FINAL"], "draft": ["draft", "Draft", "DRAFT", "dRaFt"],
                    "void": ["void", "Void", "VOID"]}

    def status(s):
        return rng.choice(status_words[s]) if rng.random() < 0.4 else s

    for o in orgs:
        if o["id"] in empty_orgs:
            continue
        ocur = rng.sample(currencies, rng.choice([1, 1, 2, 3]) if len(currencies) >= 3 else 1)
        ocontracts = []
        for _ in range(rng.randrange(0 if rng.random() < 0.1 else 1, p["contracts"] + 1)):
            cur = rng.choice(ocur)
            sy, sm = month_add(*first, -rng.randrange(0, 12))
            start = date_text(sy, sm, rng.randrange(1, 29))
            end = None
            if rng.random() < 0.3:
                ey, em = month_add(sy, sm, rng.randrange(-2, months + 6))
                end = date_text(ey, em, rng.randrange(1, days_in(ey, em) + 1))
            k = {"id": ids["contracts"](), "organization_id": o["id"],
                 "number": f"K-{rng.randrange(10 ** 5)}" if rng.random() < 0.9 else "K-DUP",
                 "name": null_or(name_text(rng, "contract", weird), 0.4),
                 "currency": cur.lower() if rng.random() < 0.05 else cur,
                 "start_date": start, "end_date": end, "_cur": cur}
            ocontracts.append(k)
        contracts += ocontracts
        # Invoices: per currency and month; finals mostly, a draft or a void now and then.
        oinv = {}
        inv_currencies = set(k["_cur"] for k in ocontracts)
        if rng.random() < 0.2:
            inv_currencies.add(rng.choice(currencies))               # an invoice currency without a contract
        for cur in sorted(inv_currencies):
            for (y, m) in all_months:
                r = rng.random()
                if (y, m) > (ay, am) and r < 0.7:
                    continue
                for st in (["final"] if r < 0.8 else ["final", "void"] if r < 0.9 else ["draft"]):
                    d = rng.choice([days_in(y, m), 1, rng.randrange(1, 29)])
                    inv = {"id": ids["invoices"](), "organization_id": o["id"],
                           "number": f"INV {y}/{m:02d}-{rng.randrange(10 ** 4)}",
                           "invoice_date": date_text(y, m, d), "status": status(st),
                           "currency": cur, "total_amount": None, "_st": st, "_cur": cur}
                    invoices.append(inv)
                    oinv.setdefault((cur, y, m), []).append(inv)
        # Objects.
        oobjects = []
        for _ in range(rng.randrange(0, p["objects"] + 1)):
            ty = rng.choice(types)
            prs = profiles_of[ty["id"]]
            pr = rng.choice(prs) if prs and rng.random() < 0.8 else None
            k = rng.choice(ocontracts) if ocontracts and rng.random() < 0.85 else None
            fy, fm = rng.choice(all_months[: max(1, len(all_months) - 2)])
            af = date_text(fy, fm, rng.randrange(1, days_in(fy, fm) + 1))
            at = None
            r = rng.random()
            if r < 0.4:
                ty2, tm2 = month_add(fy, fm, rng.randrange(0, months))
                at = date_text(ty2, tm2, rng.randrange(1, days_in(ty2, tm2) + 1))
            elif r < 0.45:
                py, pm = month_add(fy, fm, -1)
                at = date_text(py, pm, 15)                           # ends before it starts: never active
            ob = {"id": ids["objects"](), "name": name_text(rng, "object", weird), "organization_id": o["id"],
                  "contract_id": k["id"] if k else None, "object_type_id": ty["id"],
                  "object_profile_id": pr["id"] if pr else None, "active_from": af, "active_to": at,
                  "_k": k}
            oobjects.append(ob)
        if len(oobjects) > 2:
            oobjects[1]["name"] = oobjects[0]["name"]
        objects += oobjects
        o["_contracts"], o["_objects"], o["_inv"] = ocontracts, oobjects, oinv

    # Tickets (after all objects exist, so a ticket may charge another organization's object).
    for o in orgs:
        if o["id"] in empty_orgs:
            continue
        for k in o["_contracts"]:
            kobjs = [ob for ob in o["_objects"] if ob["_k"] is k]
            for (y, m) in all_months:
                if rng.random() < 0.15:
                    continue
                lines = []
                for ob in kobjs:
                    if rng.random() < 0.75:
                        lines.append(ob)
                if rng.random() < 0.35:
                    lines.append(None)                                # a ticket without an object
                if cross_org and rng.random() < 0.1 and objects:
                    lines.append(rng.choice(objects))
                for ob in lines:
                    for _ in range(rng.choice([1, 1, 1, 2, 3])):
                        pr = rng.choice(prods)
                        units_ = MINOR_UNITS[k["_cur"]]
                        qty = dec_text(rng, rng.choice([0, 0, 3, 6]), 0, 500, negative=0.03, six=0.2)
                        if rng.random() < 0.05:
                            qty = "0"
                        amount = dec_text(rng, units_, 0, 20000 if units_ else 2000000, negative=0.07, six=0.08)
                        unit_price = None if rng.random() < 0.2 else dec_text(rng, 4, 0, 900, six=0.3)
                        r = rng.random()
                        if r < 0.75:
                            ps, pe = date_text(y, m, 1), date_text(y, m, days_in(y, m))
                        elif r < 0.95:
                            d = rng.randrange(1, days_in(y, m) + 1)
                            ps, pe = date_text(y, m, d), date_text(y, m, min(days_in(y, m), d + rng.randrange(5)))
                        else:
                            ps, pe = date_text(y, m, 20), date_text(y, m, 3)    # out of order: loads as is
                        inv = None
                        cands = o["_inv"].get((k["_cur"], y, m), [])
                        if cands and rng.random() < 0.85 and (y, m) < (ay, am):
                            inv = rng.choice(cands)
                        elif rng.random() < 0.1:
                            # an invoice of another month (same organization and currency)
                            alls = [i for (c, _, _), lst in o["_inv"].items() if c == k["_cur"] for i in lst]
                            inv = rng.choice(alls) if alls else None
                        tickets.append({"id": ids["charge_tickets"](), "contract_id": k["id"],
                                        "object_id": ob["id"] if ob else None, "product_id": pr["id"],
                                        "period_start": ps, "period_end": pe, "quantity": qty,
                                        "unit_price": unit_price, "amount": amount,
                                        "invoice_id": inv["id"] if inv else None, "_inv": inv})
    # Charged twice: a few tickets repeated (same contract, object, product, period and amount; the
    # quantity may differ), the repeats somewhere later in the file.
    later = {}
    for at in rng.sample(range(len(tickets)), len(tickets) // 50):
        twin = dict(tickets[at], id=ids["charge_tickets"]())
        if rng.random() < 0.5:
            twin["quantity"] = dec_text(rng, 0, 0, 50)
        later.setdefault(rng.randrange(at, len(tickets)), []).append(twin)
    tickets[:] = [t for n, tk in enumerate(tickets) for t in [tk] + later.get(n, [])]
    # Invoice totals: the sum of their tickets mostly, sometimes not (cos never recomputes).
    from decimal import Decimal
    sums = {}
    for tk in tickets:
        if tk["_inv"] is not None:
            sums[id(tk["_inv"])] = sums.get(id(tk["_inv"]), Decimal(0)) + Decimal(tk["amount"])
    for inv in invoices:
        s = sums.get(id(inv))
        units_ = MINOR_UNITS[inv["_cur"]]
        if s is None or rng.random() < 0.15:
            inv["total_amount"] = dec_text(rng, units_, 0, 50000, negative=0.05, six=0.05)
        else:
            inv["total_amount"] = format(s, "f")
    # Usage events.
    for ob in objects:
        for (y, m) in all_months:
            if rng.random() < 0.3:
                continue
            for _ in range(rng.randrange(0, p["events"] + 1)):
                events.append({"id": ids["usage_events"](), "object_id": ob["id"],
                               "product_id": rng.choice(prods)["id"],
                               "occurred_at": timestamp_text(rng, y, m),
                               "quantity": dec_text(rng, rng.choice([0, 2, 6]), 0, 1000, negative=0.02, six=0.3)})

    t["organizations"] = orgs
    t["contracts"] = contracts
    t["objects"] = objects
    t["invoices"] = invoices
    t["charge_tickets"] = tickets
    t["usage_events"] = events

    # Keep only the contract's columns; null the absent optional ones; shuffle the rows' order.
    tables = {}
    for f in FILES:
        rows = []
        for r in t[f]:
            row = {c: r.get(c) for c in columns(f)}
            for c in absent[f]:
                row[c] = None
            rows.append(row)
        if rng.random() < 0.5:
            rng.shuffle(rows)
        tables[f] = rows

    shapes = {f: file_shape(rng, f, absent[f]) for f in FILES}

    # The as-of date: in manifest.json, or only on the command line, or both (the option wins).
    r = rng.random()
    manifest, as_of_option = None, None
    if r < 0.5:
        manifest = {"as_of": as_of, "name": name_text(rng, "org", weird), "exported_by": "foreign"}
    elif r < 0.7:
        manifest = {"name": "no as_of here"}
        as_of_option = as_of
    elif r < 0.85:
        as_of_option = as_of
    else:
        manifest = {"as_of": date_text(ay - 1, 1, 1)}
        as_of_option = as_of
    period_option = None
    if rng.random() < 0.35:
        a, b = sorted(rng.sample(range(len(all_months)), 2))
        (y1, m1), (y2, m2) = all_months[a], all_months[b]
        period_option = f"{y1:04d}-{m1:02d}..{y2:04d}-{m2:02d}"
    notes.append(f"as-of {as_of} ({'manifest' if manifest and 'as_of' in manifest and not as_of_option else '--as-of'})"
                 + (f", --period {period_option}" if period_option else ""))
    return Export(seed=seed, size=size, tables=tables, shapes=shapes, manifest=manifest,
                  as_of_option=as_of_option, period_option=period_option, notes=notes)


def file_shape(rng, f, absent):
    cols = [c for c in columns(f) if c not in absent]
    order = cols[:]
    if rng.random() < 0.7:
        rng.shuffle(order)
    headers = {}
    for c in cols:
        h = c
        r = rng.random()
        if r < 0.2:
            h = c.upper()
        elif r < 0.35:
            h = "_".join(w.capitalize() for w in c.split("_"))
        elif r < 0.45:
            h = "".join(ch.upper() if i % 2 else ch for i, ch in enumerate(c))
        if rng.random() < 0.2:
            h = rng.choice([" ", "  "]) + h + rng.choice(["", " ", "   "])
        headers[c] = h
    extras = []
    for name in ["due_date", "Notes", "exported_at", "ägare", "x", "amount_eur", "legacy id"]:
        if rng.random() < 0.12:
            extras.append(name)
    return FileShape(order=order, headers=headers, extras=extras, bom=rng.random() < 0.3,
                     crlf=rng.random() < 0.4, quoting=rng.choice(["minimal", "minimal", "all", "random"]),
                     final_newline=rng.random() < 0.85, empty_as_quotes=rng.random() < 0.2)
