"""An independent reference implementation of cos's figures, in exact decimals.

Written from the data contract (/work/shared/spec/data-contract.md, "The figures") and the product
text (/work/shared/spec/product.md, the views), not from cos's code. Where the contract is silent
and cos documents a decision, the decision is followed and cited:
  [DC]     docs/data-contract.md, "What cos decides where the contract is silent" / "Value types"
  [README] README.md ("Machine-readable output", "Decisions where the brief was silent",
           "Hostile input")
  [DOC]    a doc comment of cos's public view functions (named where used): where neither the
           contract nor the README says, the documented behaviour of the view is what we check.

Money is `decimal.Decimal`, never float. Every view is a dict: table name -> list of row dicts,
with the columns of README "Machine-readable output".
"""

import copy
import datetime
import re
import unicodedata
from decimal import Decimal, ROUND_HALF_EVEN, ROUND_HALF_UP, localcontext

DEC = re.compile(r"^-?[0-9]+(\.[0-9]{1,6})?$")
DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
TS = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})"
                r"(?:[T ]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]+)?(Z|[+-][0-9]{2}(?::?[0-9]{2})?)?)?$")
ZERO = Decimal(0)
NO_OBJECT = "(no object)"
NO_PROFILE = "(no profile)"


class DataError(Exception):
    pass


def dec(text):
    if text is None or not DEC.match(text):
        raise DataError(f"not a decimal: {text!r}")
    return Decimal(text)


def civil(text):
    m = DATE.match(text or "")
    if not m:
        raise DataError(f"not a date: {text!r}")
    return datetime.date(int(m[1]), int(m[2]), int(m[3]))


def utc_month(text):
    """The UTC month ordinal (year * 12 + month - 1) of a contract timestamp."""
    m = TS.match(text or "")
    if not m:
        raise DataError(f"not a timestamp: {text!r}")
    d = datetime.datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4] or 0), int(m[5] or 0), int(m[6] or 0))
    off = m[7]
    if off and off != "Z":          # a time without an offset is UTC [DC "Value types"]
        sign = -1 if off[0] == "-" else 1
        digits = off[1:].replace(":", "")
        minutes = int(digits[:2]) * 60 + (int(digits[2:4]) if len(digits) > 2 else 0)
        d = d - sign * datetime.timedelta(minutes=minutes)
    return d.year * 12 + d.month - 1


def month_of(date):
    return date.year * 12 + date.month - 1


def month_text(ordinal):
    return f"{ordinal // 12:04d}-{ordinal % 12 + 1:02d}"


def month_first(ordinal):
    return datetime.date(ordinal // 12, ordinal % 12 + 1, 1)


def month_last(ordinal):
    nxt = ordinal + 1
    return datetime.date(nxt // 12, nxt % 12 + 1, 1) - datetime.timedelta(days=1)


def percent(part, whole):
    """part / whole * 100 with one decimal, half away from zero; None when whole is zero.

    The rounding is cos's documented choice for shares and changes ([DOC] ExactDecimal.percent:
    "rounded half away from zero"); the exact quotient is rounded once."""
    if whole == 0:
        return None
    with localcontext() as ctx:
        ctx.prec = 80
        return (part * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def ticket_sort_key(t):
    # "by period then id" [README `tickets`]: the period's start month and date, then the id
    # compared as text (ids are opaque strings, compared byte for byte: UTF-8 byte order is code
    # point order).
    return (t.period_start, t.id)


class Obj:
    pass


class Reference:
    def __init__(self, tables, manifest, as_of_option=None, period_option=None, today=None, quirks=()):
        self.raw = tables
        # Known cos bugs to reproduce (known.py): each name switches one behaviour to cos's.
        self.quirks = set(quirks)
        # The as-of date: --as-of, else manifest.json's as_of, else today (UTC) [contract "Period"].
        if as_of_option:
            self.as_of = civil(as_of_option)
        elif manifest and manifest.get("as_of"):
            self.as_of = civil(manifest["as_of"])
        else:
            self.as_of = today or datetime.datetime.now(datetime.timezone.utc).date()
        if period_option:
            a, b = period_option.split("..")
            self.p_from = int(a[:4]) * 12 + int(a[5:7]) - 1
            self.p_to = int(b[:4]) * 12 + int(b[5:7]) - 1
        else:
            self.p_to = month_of(self.as_of)
            self.p_from = self.p_to - 11
        self.months = list(range(self.p_from, self.p_to + 1))
        n = len(self.months)
        # The previous period of the same length, just before [README "Decisions": the Total
        # Invoicing card "compares the period with the previous one of the same length"].
        self.prev_from, self.prev_to = self.p_from - n, self.p_from - 1
        self._load()

    def with_dates(self, as_of, period):
        """The same data as of another date and period (`as-of`, `period` in a script); `period` is
        "FROM..TO", "last N" (the N months to the as-of month) or None (the default)."""
        other = copy.copy(self)
        other.as_of = civil(as_of)
        if period and period.startswith("last "):
            other.p_to = month_of(other.as_of)
            other.p_from = other.p_to - int(period[5:]) + 1
        elif period:
            a, b = period.split("..") if ".." in period else (period, period)
            other.p_from = int(a[:4]) * 12 + int(a[5:7]) - 1
            other.p_to = int(b[:4]) * 12 + int(b[5:7]) - 1
        else:
            other.p_to = month_of(other.as_of)
            other.p_from = other.p_to - 11
        other.months = list(range(other.p_from, other.p_to + 1))
        n = len(other.months)
        other.prev_from, other.prev_to = other.p_from - n, other.p_from - 1
        return other

    def with_quirks(self, quirks):
        """The same data with some known cos bugs switched on (the model is shared, never changed)."""
        other = copy.copy(self)
        other.quirks = set(quirks)
        other._cache = {}
        return other

    # --- loading ---------------------------------------------------------------------------------

    def _load(self):
        t = self.raw
        self.orgs = {}
        for r in t["organizations"]:
            o = Obj()
            o.id, o.name, o.number, o.parent_id = r["id"], r["name"], r["number"], r["parent_id"]
            o.contracts, o.objects, o.invoices, o.tickets, o.events = [], [], [], [], []
            o.children = []
            self.orgs[o.id] = o
        self.org_order = [r["id"] for r in t["organizations"]]
        self.org_rank = {oid: n for n, oid in enumerate(self.org_order)}
        for o in self.orgs.values():
            if o.parent_id is not None:
                self.orgs[o.parent_id].children.append(o)
        self.categories = {r["id"]: r for r in t["product_categories"]}
        self.products = {}
        for r in t["products"]:
            p = Obj()
            p.id, p.name, p.unit = r["id"], r["name"], r["unit"]
            p.category = self.categories[r["category_id"]]
            self.products[p.id] = p
        self.types = {r["id"]: r for r in t["object_types"]}
        self.profiles = {r["id"]: r for r in t["object_profiles"]}
        self.contracts = {}
        for r in t["contracts"]:
            k = Obj()
            k.id, k.number, k.name = r["id"], r["number"], r["name"]
            k.org = self.orgs[r["organization_id"]]
            k.currency = r["currency"].upper()   # either case; upper case [DC "Value types"]
            k.start, k.end = civil(r["start_date"]), (civil(r["end_date"]) if r["end_date"] else None)
            k.start_text, k.end_text = r["start_date"], r["end_date"]
            k.tickets = []
            k.org.contracts.append(k)
            self.contracts[k.id] = k
        self.objects = {}
        for r in t["objects"]:
            b = Obj()
            b.id, b.name = r["id"], r["name"]
            b.org = self.orgs[r["organization_id"]]
            b.contract = self.contracts[r["contract_id"]] if r["contract_id"] else None
            b.type = self.types[r["object_type_id"]]
            b.profile = self.profiles[r["object_profile_id"]] if r["object_profile_id"] else None
            b.active_from, b.active_to = civil(r["active_from"]), (civil(r["active_to"]) if r["active_to"] else None)
            b.active_from_text, b.active_to_text = r["active_from"], r["active_to"]
            b.tickets, b.events = [], []
            b.org.objects.append(b)
            self.objects[b.id] = b
        self.invoices = {}
        for r in t["invoices"]:
            i = Obj()
            i.id, i.number = r["id"], r["number"]
            i.org = self.orgs[r["organization_id"]]
            i.date_text = r["invoice_date"]
            i.month = month_of(civil(r["invoice_date"]))
            i.status = r["status"].lower()       # either case [contract]
            i.currency = r["currency"].upper()
            i.total = dec(r["total_amount"])
            i.tickets = []
            i.org.invoices.append(i)
            self.invoices[i.id] = i
        self.tickets = []
        self.ticket_rank = {}
        for r in t["charge_tickets"]:
            x = Obj()
            x.id = r["id"]
            x.contract = self.contracts[r["contract_id"]]
            x.org = x.contract.org              # a ticket counts for its contract's organization [DC]
            x.currency = x.contract.currency    # a ticket's currency is its contract's [contract]
            x.object = self.objects[r["object_id"]] if r["object_id"] else None
            x.product = self.products[r["product_id"]]
            x.period_start, x.period_end = r["period_start"], r["period_end"]
            civil(x.period_start), civil(x.period_end)
            x.month = month_of(civil(x.period_start))   # a ticket falls in its period_start's month
            x.quantity = dec(r["quantity"])
            x.unit_price = dec(r["unit_price"]) if r["unit_price"] is not None else None
            x.amount = dec(r["amount"])
            x.invoice = self.invoices[r["invoice_id"]] if r["invoice_id"] else None
            x.org.tickets.append(x)
            x.contract.tickets.append(x)
            if x.object is not None:
                x.object.tickets.append(x)
            if x.invoice is not None:
                x.invoice.tickets.append(x)
            self.ticket_rank[id(x)] = len(self.tickets)
            self.tickets.append(x)
        for r in t["usage_events"]:
            e = Obj()
            e.object = self.objects[r["object_id"]]
            e.month = utc_month(r["occurred_at"])     # months are taken in UTC [contract]
            e.quantity = dec(r["quantity"])
            e.product = self.products[r["product_id"]]
            e.object.events.append(e)
            e.object.org.events.append(e)         # an event counts for its object's organization [DC]

    # --- helpers ---------------------------------------------------------------------------------

    def in_period(self, month):
        return self.p_from <= month <= self.p_to

    def currencies(self, org):
        # "for each of the organization's currencies (those of its contracts and invoices)" [README]
        return sorted({k.currency for k in org.contracts} | {i.currency for i in org.invoices})

    def period_tickets(self, org):
        return [x for x in org.tickets if self.in_period(x.month)]

    def active_during(self, b, first, last):
        # active during [first, last]: active_from on or before its last day, active_to null or on
        # or after its first day [contract]; an object whose active_to is before its active_from is
        # never active [DC "Dates out of order load as they are"].
        if b.active_to is not None and b.active_to < b.active_from:
            return False
        return b.active_from <= last and (b.active_to is None or b.active_to >= first)

    def grid(self, currencies, sums, fields):
        """A row for every month of the period and every currency, zero where nothing happened
        [contract "A trend has a row for every month"; README "Trend tables have a row for every
        month of the period and every one of the organization's currencies"]."""
        curs = sorted(set(currencies) | {c for (_, c) in sums})
        rows = []
        for m in self.months:
            for c in curs:
                vals = sums.get((m, c))
                row = {"month": month_text(m), "currency": c}
                for j, f in enumerate(fields):
                    row[f] = vals[j] if vals else (0 if f in ("tickets", "events", "objects") else ZERO)
                rows.append(row)
        return rows

    def qty_amount_trend(self, org, tickets):
        """Per month, currency and unit: quantities of different units are never added [DC "Usage by
        unit"]. A currency has a row per month for each unit of the products charged in it in the
        period (no unit: None), and one row per month with no unit when nothing was charged in it."""
        sums, units = {}, {}
        for x in tickets:
            unit = x.product.unit
            s = sums.setdefault((x.month, x.currency, unit), [ZERO, ZERO])
            s[0] += x.quantity
            s[1] += x.amount
            units.setdefault(x.currency, set()).add(unit)
        curs = sorted(set(self.currencies(org)) | set(units))
        rows = []
        for m in self.months:
            for c in curs:
                for unit in sorted(units.get(c, {None}), key=lambda u: (u is None, u or "")):
                    q, a = sums.get((m, c, unit), [ZERO, ZERO])
                    rows.append({"month": month_text(m), "currency": c, "unit": unit, "quantity": q, "amount": a})
        return rows

    def ticket_row(self, x):
        return {"id": x.id, "contract": x.contract.number,
                "object_id": x.object.id if x.object else None, "object": x.object.name if x.object else None,
                "product_id": x.product.id, "product": x.product.name,
                "period_start": x.period_start, "period_end": x.period_end,
                "quantity": x.quantity, "unit_price": x.unit_price, "amount": x.amount,
                "currency": x.currency, "invoice": x.invoice.number if x.invoice else None}

    def ticket_rows(self, tickets, newest_first=False):
        ordered = sorted(tickets, key=ticket_sort_key)
        if newest_first:
            ordered.reverse()
        return [self.ticket_row(x) for x in ordered]

    def base_tickets(self, source, pred=lambda x: True):
        """The tickets of `source` in the base period (the previous period of equal length) that
        pass `pred` [DC "The base period in the summaries"]."""
        return [x for x in source if self.prev_from <= x.month <= self.prev_to and pred(x)]

    def with_base(self, rows, base, key):
        """Adds `previous_amount` (the group's amount in the base period) and `change_percent`
        ((amount - previous) / |previous| x 100, one decimal, null when previous is 0) [DC]."""
        prev = {}
        for x in base:
            k = key(x)
            prev[k] = prev.get(k, ZERO) + x.amount
        for r in rows:
            p = prev.get(r.pop("_key"), ZERO)
            r["previous_amount"] = p
            r["change_percent"] = percent(r["amount"] - p, abs(p))
        return rows

    def summary(self, tickets, group, org=None, base=None):
        """Per group and currency: the sum of amount, the number of tickets and of distinct objects,
        and the group's share of its currency's total [contract "Summary"; README columns]."""
        acc = {}
        for x in tickets:
            key, cells = group(x)
            a = acc.setdefault((key, x.currency), [cells, ZERO, 0, set()])
            a[1] += x.amount
            a[2] += 1
            if x.object is not None:
                a[3].add(x.object.id)
        totals = {}
        for (key, cur), a in acc.items():
            totals[cur] = totals.get(cur, ZERO) + a[1]
        rows = []
        for (key, cur), (cells, amount, n, objs) in acc.items():
            row = dict(cells)
            row.update({"currency": cur, "amount": amount, "tickets": n, "objects": len(objs),
                        "share": percent(amount, totals[cur]), "_key": (key, cur)})
            rows.append(row)
        if base is None:
            for r in rows:
                del r["_key"]
            return rows
        return self.with_base(rows, base, lambda x: (group(x)[0], x.currency))

    @staticmethod
    def by_category(x):
        c = x.product.category
        return (c["id"],), {"category_id": c["id"], "category": c["name"]}

    @staticmethod
    def by_type(x):
        # A ticket with no object falls in the group (no object) [contract]; its id is null [README].
        if x.object is None:
            return (None,), {"object_type_id": None, "object_type": NO_OBJECT}
        t = x.object.type
        return (t["id"],), {"object_type_id": t["id"], "object_type": t["name"]}

    @staticmethod
    def by_profile(x):
        if x.object is None:
            return (None, None), {"object_profile_id": None, "object_profile": NO_OBJECT,
                                  "object_type_id": None, "object_type": NO_OBJECT}
        t, p = x.object.type, x.object.profile
        if p is None:   # a (no profile) row keeps its object_type_id [README]
            return (None, t["id"]), {"object_profile_id": None, "object_profile": NO_PROFILE,
                                     "object_type_id": t["id"], "object_type": t["name"]}
        return (p["id"], t["id"]), {"object_profile_id": p["id"], "object_profile": p["name"],
                                    "object_type_id": t["id"], "object_type": t["name"]}

    def products_table(self, tickets, base=()):
        acc = {}
        for x in tickets:
            a = acc.setdefault((x.product.id, x.currency), [x.product, ZERO, ZERO, 0])
            a[1] += x.quantity
            a[2] += x.amount
            a[3] += 1
        rows = [{"product_id": p.id, "product": p.name, "unit": p.unit, "currency": cur,
                 "quantity": q, "amount": a, "tickets": n, "_key": (p.id, cur)}
                for (_, cur), (p, q, a, n) in acc.items()]
        return self.with_base(rows, base, lambda x: (x.product.id, x.currency))

    def object_sum_rows(self, tickets, extra_objects=(), fallback_currency=None):
        acc = {}
        for x in tickets:
            key = (x.object.id if x.object else None, x.currency)
            a = acc.setdefault(key, [x.object, ZERO, 0])
            a[1] += x.amount
            a[2] += 1
        charged = {k[0] for k in acc}
        for b in extra_objects:
            if b.id not in charged:
                cur = fallback_currency(b)
                acc[(b.id, cur)] = [b, ZERO, 0]
        rows = []
        for (_, cur), (b, amount, n) in acc.items():
            rows.append({"object_id": b.id if b else None, "object": b.name if b else NO_OBJECT,
                         "active_from": b.active_from_text if b else None,
                         "active_to": b.active_to_text if b else None,
                         "currency": cur, "amount": amount, "tickets": n})
        return rows

    # --- views -----------------------------------------------------------------------------------

    def organization(self, org):
        curs = self.currencies(org)
        tickets = self.period_tickets(org)
        cards = []
        for c in curs:
            now = [i for i in org.invoices if i.status == "final" and i.currency == c and self.in_period(i.month)]
            before = [i for i in org.invoices if i.status == "final" and i.currency == c
                      and self.prev_from <= i.month <= self.prev_to]
            a_now, a_before = sum((i.total for i in now), ZERO), sum((i.total for i in before), ZERO)
            # the change in percent of the previous amount's size, null when it is zero [README]
            cards.append({"card": "total_invoicing", "currency": c, "amount": a_now, "count": len(now),
                          "previous_amount": a_before, "change_percent": percent(a_now - a_before, abs(a_before))})
        for c in curs:
            drafts = [i for i in org.invoices if i.status == "draft" and i.currency == c]
            cards.append({"card": "draft_invoices", "currency": c, "amount": sum((i.total for i in drafts), ZERO),
                          "count": len(drafts), "previous_amount": None, "change_percent": None})
        cards.append({"card": "sold_products", "currency": None, "amount": None,
                      "count": len({x.product.id for x in tickets}), "previous_amount": None, "change_percent": None})
        inv = {}
        for i in org.invoices:
            if i.status == "final" and self.in_period(i.month):
                s = inv.setdefault((i.month, i.currency), [ZERO])
                s[0] += i.total
        usage = []
        ev = {}
        for e in org.events:
            if self.in_period(e.month):
                s = ev.setdefault(e.month, [0, ZERO])
                s[0] += 1
                s[1] += e.quantity
        for m in self.months:
            s = ev.get(m, [0, ZERO])
            usage.append({"month": month_text(m), "events": s[0], "quantity": s[1]})
        charges = {}
        for x in tickets:
            s = charges.setdefault((x.month, x.currency), [ZERO])
            s[0] += x.amount
        ovc = self.grid(curs, charges, ["charges"])
        active = {m: sum(1 for b in org.objects if self.active_during(b, month_first(m), month_last(m)))
                  for m in self.months}
        for r in ovc:
            r["objects"] = active[int(r["month"][:4]) * 12 + int(r["month"][5:]) - 1]
        return {
            "cards": cards,
            "invoicing_trend": self.grid(curs, inv, ["amount"]),
            "usage_trend": usage,
            "objects_vs_charges": ovc,
            "by_category": self.summary(tickets, self.by_category, org, self.base_tickets(org.tickets)),
            "by_object_type": self.summary(tickets, self.by_type, org, self.base_tickets(org.tickets)),
            "by_object_profile": self.summary(tickets, self.by_profile, org, self.base_tickets(org.tickets)),
        }

    def category(self, org, cat_id):
        pred = lambda x: x.product.category["id"] == cat_id
        ts = [x for x in self.period_tickets(org) if pred(x)]
        return {"trend": self.qty_amount_trend(org, ts),
                "products": self.products_table(ts, self.base_tickets(org.tickets, pred))}

    def product(self, org, product_id):
        # [DOC Overview.product: "the objects its tickets in the period charge (tickets without an
        # object form the (no object) row)"]
        ts = [x for x in self.period_tickets(org) if x.product.id == product_id]
        return {"trend": self.qty_amount_trend(org, ts), "objects": self.object_sum_rows(ts)}

    def object_type(self, org, type_id):
        if type_id is None:
            # the (no object) group: the tickets that charge no object, as in the summary by type
            # [README `cd`: `types/"(no object)"` ... are groups like the others]
            ts = [x for x in self.period_tickets(org) if x.object is None]
            return {"trend": self.qty_amount_trend(org, ts),
                    "products": self.products_table(ts, self.base_tickets(org.tickets, lambda x: x.object is None))}
        pred = lambda x: x.object is not None and x.object.type["id"] == type_id
        ts = [x for x in self.period_tickets(org) if pred(x)]
        base = self.base_tickets(org.tickets, pred)
        return {"trend": self.qty_amount_trend(org, ts), "by_object_profile": self.summary(ts, self.by_profile, org, base),
                "products": self.products_table(ts, base)}

    def profile(self, org, type_id, profile_id):
        def of_profile(b):
            return b.type["id"] == type_id and (b.profile["id"] if b.profile else None) == profile_id
        ts = [x for x in self.period_tickets(org) if x.object is not None and of_profile(x.object)]
        first, last = month_first(self.p_from), month_last(self.p_to)
        # [DOC Overview.objectProfile: "the organization's objects of the profile that were active
        # during the period or have charge tickets in it ... An object with no tickets shows zero in
        # its contract's currency (or the organization's first currency when it has no contract)"]
        idle = [b for b in org.objects if of_profile(b) and self.active_during(b, first, last)]
        curs = self.currencies(org)

        def fallback(b):
            return b.contract.currency if b.contract else (curs[0] if curs else None)
        # every ticket of the profile, also one that charges another organization's object: the
        # table adds up to the trend and products, as the product view's objects do
        listed = ts
        base = self.base_tickets(org.tickets, lambda x: x.object is not None and of_profile(x.object))
        return {"trend": self.qty_amount_trend(org, ts), "products": self.products_table(ts, base),
                "objects": self.object_sum_rows(listed, idle, fallback)}

    def object(self, org, object_id):
        b = self.objects[object_id]
        # The object's charge tickets of this organization: a ticket counts for its contract's
        # organization [DC], and "an organization's figures cover its own rows only" [contract]; so
        # does cos's `compare` at an object, and `audit` ("an object's tickets are those of its own
        # organization" [DC]).
        mine = self.object_tickets(org, b)
        ts = [x for x in mine if self.in_period(x.month)]
        if b.active_from > self.as_of:
            status = "not yet active"
        elif b.active_to is not None and b.active_to < self.as_of:
            status = "ended"
        else:
            status = "active"
        details = {"object_id": b.id, "object": b.name, "organization": b.org.name,
                   "object_type_id": b.type["id"], "object_type": b.type["name"],
                   "object_profile_id": b.profile["id"] if b.profile else None,
                   # an object with no profile is in the (no profile) group, whose id is null [README]
                   "object_profile": b.profile["name"] if b.profile else NO_PROFILE,
                   "contract": b.contract.number if b.contract else None,
                   "active_from": b.active_from_text, "active_to": b.active_to_text, "status": status}
        ev = {}
        for e in b.events:
            if self.in_period(e.month):
                s = ev.setdefault(e.month, [0, ZERO])
                s[0] += 1
                s[1] += e.quantity
        usage = [{"month": month_text(m), "events": ev.get(m, [0, ZERO])[0], "quantity": ev.get(m, [0, ZERO])[1]}
                 for m in self.months]
        return {"details": [details], "trend": self.qty_amount_trend(b.org, ts),
                "products": self.products_table(ts, self.base_tickets(mine)), "usage": usage,
                "tickets": self.ticket_rows(ts)}

    def contract(self, org, contract_id):
        k = self.contracts[contract_id]
        # status as of the as-of date [DOC Overview.contract]
        if k.start > self.as_of:
            status = "not started"
        elif k.end is not None and k.end < self.as_of:
            status = "ended"
        else:
            status = "active"
        details = {"contract_id": k.id, "contract": k.number, "name": k.name, "organization": k.org.name,
                   "currency": k.currency, "start_date": k.start_text, "end_date": k.end_text, "status": status}
        # all time, not only the period [README "Decisions": a contract's view]
        un = [x for x in k.tickets if x.invoice is None]
        inv = [x for x in k.tickets if x.invoice is not None]

        def totals(ts):
            return [{"currency": k.currency, "tickets": len(ts), "amount": sum((x.amount for x in ts), ZERO),
                     "oldest_period_start": min((x.period_start for x in ts), default=None),
                     "newest_period_end": max((x.period_end for x in ts), default=None)}]
        return {"details": [details], "uninvoiced": totals(un), "invoiced": totals(inv),
                "uninvoiced_tickets": self.ticket_rows(un), "invoiced_tickets": self.ticket_rows(inv, newest_first=True)}

    def invoice(self, org, invoice_id):
        i = self.invoices[invoice_id]
        s = sum((x.amount for x in i.tickets), ZERO)
        return {"details": [{"invoice_id": i.id, "invoice": i.number, "organization": i.org.name,
                             "invoice_date": i.date_text, "status": i.status, "currency": i.currency,
                             "total_amount": i.total}],
                "reconciliation": [{"currency": i.currency, "tickets": len(i.tickets), "tickets_amount": s,
                                    "invoice_total": i.total, "difference": s - i.total}],
                "tickets": self.ticket_rows(i.tickets)}

    def ticket_list(self, org, which="any", all_time=False):
        ts = org.tickets if all_time else self.period_tickets(org)
        if which == "uninvoiced":
            ts = [x for x in ts if x.invoice is None]
        elif which == "invoiced":
            ts = [x for x in ts if x.invoice is not None]
        return {"tickets": self.ticket_rows(ts)}

    def total_invoicing(self, org):
        out = {}
        for i in org.invoices:
            if i.status == "final" and self.in_period(i.month):
                out[i.currency] = out.get(i.currency, ZERO) + i.total
        return out

    def tree(self, org):
        """Ancestors (root first), the organization, its descendants (depth first); each with its own
        Total Invoicing and the roll-up of its subtree per currency [README `tree`; the contract:
        the roll-up is a separate view]. [DOC Overview.tree: children by name; "An organization with
        neither has one row with no currency."]"""
        chain = []
        a = org
        while a.parent_id is not None:
            a = self.orgs[a.parent_id]
            chain.append(a)
        chain.reverse()

        def subtree(o):
            yield o
            for c in o.children:
                yield from subtree(c)

        def rows_for(o, level, relation):
            own = self.total_invoicing(o)
            roll = {}
            for d in subtree(o):
                for c, v in self.total_invoicing(d).items():
                    roll[c] = roll.get(c, ZERO) + v
            curs = sorted(set(own) | set(roll))
            base = {"level": level, "relation": relation, "organization_id": o.id, "organization": o.name,
                    "number": o.number}
            if not curs:
                return [dict(base, currency=None, amount=None, subtree_amount=None)]
            return [dict(base, currency=c, amount=own.get(c, ZERO), subtree_amount=roll.get(c, ZERO)) for c in curs]

        rows = []
        for lvl, a in enumerate(chain):
            rows += rows_for(a, lvl, "ancestor")
        rows += rows_for(org, len(chain), "self")

        def walk(o, lvl):
            out = []
            # "children by name" [DOC Overview.tree]: names compared as Unicode text, canonically
            # equivalent spellings alike (NFC: "e" + U+0301 is "é"); equal names in file order (cos's
            # choice; the doc comment does not say)
            for c in sorted(o.children, key=lambda c: (unicodedata.normalize("NFC", c.name), self.org_rank[c.id])):
                out += rows_for(c, lvl, "descendant")
                out += walk(c, lvl + 1)
            return out
        rows += walk(org, len(chain) + 1)
        return {"tree": rows}

    def object_tickets(self, org, b):
        return [x for x in b.tickets if x.org is org]

    def drill(self, org, kind, ids):
        return {"category": self.category, "product": lambda o, c, p: self.product(o, p),
                "type": self.object_type, "profile": self.profile, "object": self.object,
                "contract": self.contract, "invoice": self.invoice}[kind](org, *ids)

    def scope_tickets(self, org, kind, ids):
        """The tickets of a context in the period (`tickets` there)."""
        if kind == "object":
            return [x for x in self.object_tickets(org, self.objects[ids[0]]) if self.in_period(x.month)]
        if kind == "invoice":
            return [x for x in self.invoices[ids[0]].tickets if self.in_period(x.month)]
        ts = self.period_tickets(org)
        if kind == "category":
            return [x for x in ts if x.product.category["id"] == ids[0]]
        if kind == "product":
            return [x for x in ts if x.product.id == ids[1]]
        if kind == "type":
            if ids[0] is None:
                return [x for x in ts if x.object is None]
            return [x for x in ts if x.object is not None and x.object.type["id"] == ids[0]]
        if kind == "profile":
            return [x for x in ts if x.object is not None and x.object.type["id"] == ids[0]
                    and (x.object.profile["id"] if x.object.profile else None) == ids[1]]
        raise ValueError(kind)

    def lists(self, org):
        """What `ls COLLECTION` lists in an organization [DOC Overview.items: categories and products
        charged to it (any time), types and profiles of its objects (with a (no profile) item per
        type that has objects without one), objects, contracts and invoices]."""
        cats = {x.product.category["id"]: x.product.category["name"] for x in org.tickets}
        prods = {x.product.id: x.product.name for x in org.tickets}
        types = {b.type["id"]: b.type["name"] for b in org.objects}
        if any(x.object is None for x in org.tickets):
            types[None] = NO_OBJECT      # tickets that charge no object, any time [README `cd`]
        profs = {}
        for b in org.objects:
            if b.profile:
                profs[(b.profile["id"], b.type["id"])] = b.profile["name"]
            else:
                profs[(None, b.type["id"])] = NO_PROFILE
        return {
            "categories": [{"id": i, "name": n} for i, n in cats.items()],
            "products": [{"id": i, "name": n} for i, n in prods.items()],
            "types": [{"id": i, "name": n} for i, n in types.items()],
            "profiles": [{"id": i, "name": n, "object_type_id": t} for (i, t), n in profs.items()],
            "objects": [{"id": b.id, "name": b.name} for b in org.objects],
            "contracts": [{"id": k.id, "name": k.number} for k in org.contracts],
            "invoices": [{"id": i.id, "name": i.number} for i in org.invoices],
        }

    def drill_targets(self, org):
        """The contexts to visit in an organization: (kind, ids...)."""
        out = []
        charged = {}
        for x in org.tickets:
            charged.setdefault(x.product.category["id"], set()).add(x.product.id)
        for c in sorted(charged):
            out.append(("category", c))
            for p in sorted(charged[c]):
                out.append(("product", c, p))
        types = {}
        for b in org.objects:
            types.setdefault(b.type["id"], set()).add(b.profile["id"] if b.profile else None)
        for t in sorted(types):
            out.append(("type", t))
            for p in sorted(types[t], key=lambda v: (v is None, v or "")):
                out.append(("profile", t, p))
        if any(x.object is None for x in org.tickets):
            out.append(("type", None))
        for b in org.objects:
            out.append(("object", b.id))
        for k in org.contracts:
            out.append(("contract", k.id))
        for i in org.invoices:
            out.append(("invoice", i.id))
        return out

    def top_organizations(self, top=10):
        """[DOC Overview.start: "the organizations with the highest Total Invoicing in the period,
        top per currency"]. Only the amounts are compared (ties may be broken either way)."""
        per = {}
        for o in self.orgs.values():
            for c, v in self.total_invoicing(o).items():
                per.setdefault(c, []).append(v)
        return {c: sorted(v, reverse=True)[:top] for c, v in per.items()}

    # --- figures beyond the contract (docs/data-contract.md "Figures beyond the contract") ---------

    COMPARE_DEFAULT = {"organization": "category", "category": "product", "product": "object",
                       "type": "profile", "profile": "object", "object": "product", "contract": "product"}

    def compare_scope(self, org, kind, ids):
        """The tickets a context compares (all months): [DC "Why it changed"] the charge tickets of the
        current context."""
        if kind == "organization":
            return org.tickets
        if kind == "contract":
            return self.contracts[ids[0]].tickets
        if kind == "object":
            return [x for x in self.objects[ids[0]].tickets if x.org is org]
        if kind == "category":
            return [x for x in org.tickets if x.product.category["id"] == ids[0]]
        if kind == "product":
            return [x for x in org.tickets if x.product.id == ids[1]]
        if kind == "type":
            if ids[0] is None:
                return [x for x in org.tickets if x.object is None]
            return [x for x in org.tickets if x.object is not None and x.object.type["id"] == ids[0]]
        if kind == "profile":
            return [x for x in org.tickets if x.object is not None and x.object.type["id"] == ids[0]
                    and (x.object.profile["id"] if x.object.profile else None) == ids[1]]
        raise ValueError(kind)

    @staticmethod
    def compare_group(kind, x):
        if kind == "category":
            c = x.product.category
            return (c["id"],), {"category_id": c["id"], "category": c["name"]}
        if kind == "product":
            p = x.product
            return (p.id,), {"product_id": p.id, "product": p.name, "unit": p.unit}
        if kind == "object":
            b = x.object
            return (b.id if b else None,), {"object_id": b.id if b else None, "object": b.name if b else NO_OBJECT}
        if kind == "type":
            return Reference.by_type(x)
        return Reference.by_profile(x)

    def compare(self, org, kind, ids, by=None, base=None):
        """`compare [BASE] [by GROUP]` [DC "Why it changed"]: items (a product on one object, or on no
        object, in one currency) split into volume, price, new and gone, summed per group and currency
        (`changes`) and per currency (`change_totals`)."""
        by = by or self.COMPARE_DEFAULT[kind]
        b_from, b_to = base if base else (self.prev_from, self.prev_to)
        source = self.compare_scope(org, kind, ids)
        items = {}
        for x in source:
            # a base period may overlap the period (`compare year` of a period longer than a year):
            # a ticket in both is in both
            for side, inside in ((0, b_from <= x.month <= b_to), (1, self.in_period(x.month))):
                if not inside:
                    continue
                it = items.setdefault((x.product.id, x.object.id if x.object else None, x.currency),
                                      {"x": x, "q": [ZERO, ZERO], "a": [ZERO, ZERO], "n": [0, 0]})
                it["q"][side] += x.quantity
                it["a"][side] += x.amount
                it["n"][side] += 1
        groups, totals = {}, {}
        six = Decimal("0.000001")
        from decimal import ROUND_HALF_EVEN
        for (pid, oid, cur), it in items.items():
            (q0, q1), (a0, a1), (n0, n1) = it["q"], it["a"], it["n"]
            volume = price = new = gone = ZERO
            if n0 and n1:
                if q0 != 0:
                    with localcontext() as ctx:
                        ctx.prec = 80
                        volume = ((q1 - q0) * a0 / q0).quantize(six, rounding=ROUND_HALF_EVEN)
                    price = (a1 - a0) - volume
                else:
                    price = a1 - a0
            elif n1:
                new = a1
            else:
                gone = -a0
            key, cells = self.compare_group(by, it["x"])
            for acc, k, c in ((groups, (key, cur), cells), (totals, cur, {})):
                g = acc.setdefault(k, {"cells": c, "before": ZERO, "after": ZERO, "volume": ZERO, "price": ZERO,
                                       "new": ZERO, "gone": ZERO, "ob": set(), "oa": set()})
                g["before"] += a0
                g["after"] += a1
                g["volume"] += volume
                g["price"] += price
                g["new"] += new
                g["gone"] += gone
                if oid is not None:
                    if n0:
                        g["ob"].add(oid)
                    if n1:
                        g["oa"].add(oid)

        def row(g, cur):
            r = dict(g["cells"])
            change = g["after"] - g["before"]
            r.update({"currency": cur, "before": g["before"], "after": g["after"], "change": change,
                      "change_percent": percent(change, abs(g["before"])), "volume": g["volume"],
                      "price": g["price"], "new": g["new"], "gone": g["gone"],
                      "objects_before": len(g["ob"]), "objects_after": len(g["oa"])})
            return r
        changes = [row(g, cur) for (key, cur), g in groups.items()]
        change_totals = [dict(row(g, cur), base_from=month_text(b_from), base_to=month_text(b_to))
                         for cur, g in totals.items()]
        return {"changes": changes, "change_totals": change_totals}

    KINDS = ["left_behind", "on_void_invoice", "unbilled_object_month", "outside_object_life",
             "outside_contract", "invoice_mismatch", "duplicate", "stale_draft"]

    def audit(self, org, contract_id=None):
        """`audit` [DC "What billing left behind"]: per kind and currency the count, the amount and the
        oldest date behind it; a kind with nothing found has one row with a count of 0 and nulls."""
        k = self.contracts[contract_id] if contract_id else None
        upto = [x for x in (k.tickets if k else org.tickets) if civil(x.period_start) <= self.as_of]
        found = {kind: [] for kind in self.KINDS}     # kind -> [(currency, amount or None, oldest)]
        latest = {}
        for i in org.invoices:
            if i.status == "final" and civil(i.date_text) <= self.as_of:
                latest[i.currency] = max(latest.get(i.currency, ""), i.date_text)
        for x in upto:
            if x.invoice is None and x.currency in latest and x.period_end < latest[x.currency]:
                found["left_behind"].append((x.currency, x.amount, x.period_start))
            if x.invoice is not None and x.invoice.status == "void":
                found["on_void_invoice"].append((x.currency, x.amount, x.period_start))
            b = x.object
            # an object's tickets are those of its own organization [DC "Decisions"]
            if b is not None and b.org is x.org:
                if x.period_end < b.active_from_text or (b.active_to_text and x.period_start > b.active_to_text):
                    found["outside_object_life"].append((x.currency, x.amount, x.period_start))
            kk = x.contract
            if x.period_end < kk.start_text or (kk.end_text and x.period_start > kk.end_text):
                found["outside_contract"].append((x.currency, x.amount, x.period_start))
        seen = set()
        for x in sorted(upto, key=lambda x: self.ticket_rank[id(x)]):
            sig = (x.contract.id, x.object.id if x.object else None, x.product.id, x.period_start, x.period_end, x.amount)
            if sig in seen:
                found["duplicate"].append((x.currency, x.amount, x.period_start))
            seen.add(sig)
        objects = [b for b in org.objects if k is None or b.contract is k]
        for m in self.months:
            first, last = month_first(m), month_last(m)
            if not last < self.as_of:
                continue
            for b in objects:
                if b.active_from <= first and (b.active_to is None or b.active_to >= last):
                    if not any(x.month == m for x in b.tickets if x.org is b.org):
                        found["unbilled_object_month"].append((None, None, month_text(m)))
        invs = org.invoices if k is None else list({id(x.invoice): x.invoice for x in k.tickets if x.invoice}.values())
        for i in invs:
            if civil(i.date_text) > self.as_of:
                continue
            if i.status == "final":
                s = sum((x.amount for x in i.tickets), ZERO)
                if s != i.total:
                    found["invoice_mismatch"].append((i.currency, s - i.total, i.date_text))
            if i.status == "draft" and (self.as_of - civil(i.date_text)).days > 30:
                found["stale_draft"].append((i.currency, i.total, i.date_text))
        rows = []
        for kind in self.KINDS:
            per = {}
            for cur, amount, oldest in found[kind]:
                r = per.setdefault(cur, {"kind": kind, "currency": cur, "count": 0,
                                         "amount": None if amount is None else ZERO, "oldest": oldest})
                r["count"] += 1
                if amount is not None:
                    r["amount"] += amount
                r["oldest"] = min(r["oldest"], oldest)
            if not per:
                per[None] = {"kind": kind, "currency": None, "count": 0, "amount": None, "oldest": None}
            rows += per.values()
        return {"findings": rows}

    def trace(self, org, object_id):
        """`trace` at an object [DC "Where a charge came from"]: per month of the period, product and
        currency with usage events or tickets of the object; the invoices of those tickets."""
        b = self.objects[object_id]
        mine = [x for x in b.tickets if x.org is org and self.in_period(x.month)]
        used_ever = {e.product.id for e in b.events}
        ev, tk = {}, {}
        for e in b.events:
            if self.in_period(e.month):
                s = ev.setdefault((e.month, e.product.id), [0, ZERO, e.product])
                s[0] += 1
                s[1] += e.quantity
        for x in mine:
            s = tk.setdefault((x.month, x.product.id), {}).setdefault(x.currency, [0, ZERO, ZERO, {}, x.product])
            s[0] += 1
            s[1] += x.quantity
            s[2] += x.amount
            if x.invoice is not None:
                s[3][x.invoice.id] = x.invoice
        rows = []
        for (m, pid) in set(ev) | set(tk):
            e = ev.get((m, pid))
            per = tk.get((m, pid), {})
            product = (e or next(iter(per.values())))[-1] if e or per else None
            if e and not per:
                flag = "usage, no ticket"
            elif per and not e and pid in used_ever:
                flag = "ticket, no usage"
            else:
                flag = None
            curs = sorted(per) or [None]
            for n, cur in enumerate(curs):
                s = per.get(cur)
                invs = sorted(f"{i.number} ({i.status})" for i in s[3].values()) if s else []
                rows.append({"month": month_text(m), "product_id": pid, "product": product.name, "unit": product.unit,
                             "events": e[0] if e and n == 0 else 0,
                             "usage_quantity": e[1] if e and n == 0 else ZERO,
                             "tickets": s[0] if s else 0, "quantity": s[1] if s else ZERO,
                             # a month of usage only has no currency, so no money: null (cos's choice)
                             "amount": s[2] if s else None, "currency": cur,
                             "invoices": ", ".join(invs) if invs else None, "flag": flag})
        invoices = {}
        for x in mine:
            if x.invoice is not None:
                i = x.invoice
                r = invoices.setdefault(i.id, {"invoice_id": i.id, "invoice": i.number, "invoice_date": i.date_text,
                                               "status": i.status, "currency": i.currency, "tickets": 0,
                                               "amount": ZERO, "total_amount": i.total})
                r["tickets"] += 1
                r["amount"] += x.amount
        return {"trace": rows, "invoices": list(invoices.values())}
