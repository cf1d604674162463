"""Comparing cos's JSON tables with the reference's, exactly.

Decimal strings are compared as decimals (`12.50` is `12.5`), counts as integers, names and ids as
exact strings. A table is matched row by row on its key columns; ticket lists and the order of
months and of the tree are compared as sequences as well.
"""

from decimal import Decimal, InvalidOperation

KEYS = {
    "cards": ("card", "currency"),
    "invoicing_trend": ("month", "currency"),
    "usage_trend": ("month",),
    "objects_vs_charges": ("month", "currency"),
    "by_category": ("category_id", "currency"),
    "by_object_type": ("object_type_id", "currency"),
    "by_object_profile": ("object_profile_id", "object_type_id", "currency"),
    "trend": ("month", "currency", "unit"),
    "products": ("product_id", "currency"),
    "objects": ("object_id", "currency"),
    "usage": ("month",),
    "details": (),
    "uninvoiced": ("currency",),
    "invoiced": ("currency",),
    "reconciliation": ("currency",),
    "tickets": ("id",),
    "uninvoiced_tickets": ("id",),
    "invoiced_tickets": ("id",),
    "tree": ("organization_id", "currency"),
    "organizations": ("id",),
    "changes": ("category_id", "product_id", "object_id", "object_type_id", "object_profile_id", "currency"),
    "change_totals": ("currency",),
    "findings": ("kind", "currency"),
    "trace": ("month", "product_id", "currency"),
    "invoices": ("invoice_id",),
}
# Tables whose row order is part of the answer: [README `tickets`: "by period then id"; a contract's
# uninvoiced tickets oldest first and its invoiced ones newest first ("Decisions")].
ORDERED = {"tickets", "uninvoiced_tickets", "invoiced_tickets"}
# Month tables must run in month order.
MONTHLY = {"invoicing_trend", "usage_trend", "objects_vs_charges", "trend", "usage"}


class Difference:
    def __init__(self, where, view, table, row, column, expected, actual, note=""):
        self.where, self.view, self.table, self.row, self.column = where, view, table, row, column
        self.expected, self.actual, self.note = expected, actual, note

    def __str__(self):
        row = ", ".join(f"{k}={v!r}" for k, v in self.row) if self.row else "-"
        s = f"{self.where} | {self.view} | {self.table} | row {row} | {self.column}: expected {show(self.expected)}, cos {show(self.actual)}"
        return s + (f" ({self.note})" if self.note else "")


def show(v):
    if isinstance(v, Decimal):
        return format(v, "f")
    s = repr(v)
    return s if len(s) < 160 else s[:150] + "...'"


def same(expected, actual):
    if type(expected) is str and ", " in expected and isinstance(actual, str):
        return sorted(expected.split(", ")) == sorted(actual.split(", "))   # a list in a cell
    if type(expected) is str or expected is None:
        return expected == actual
    if isinstance(expected, Decimal):
        if not isinstance(actual, str):
            return False
        try:
            return Decimal(actual) == expected
        except InvalidOperation:
            return False
    if isinstance(expected, bool) or isinstance(actual, bool):
        return expected is actual
    if isinstance(expected, int):
        return isinstance(actual, int) and actual == expected
    return expected == actual


def key_of(row, cols):
    return tuple((c, row.get(c)) for c in cols)


def compare_table(where, view, name, expected, actual, out, key_cols=None):
    cols = key_cols if key_cols is not None else KEYS.get(name, ())
    if actual is None:
        out.append(Difference(where, view, name, (), "(table)", f"{len(expected)} rows", "no such table"))
        return
    exp_by, act_by = {}, {}
    for r in expected:
        exp_by.setdefault(key_of(r, cols), []).append(r)
    for r in actual:
        act_by.setdefault(key_of(r, cols), []).append(r)
    for k, rows in exp_by.items():
        got = act_by.get(k, [])
        if len(rows) != len(got):
            out.append(Difference(where, view, name, k, "(row)", f"{len(rows)} row(s)", f"{len(got)} row(s)"))
            if not got:
                continue
        for e, a in zip(rows, got):
            for c, v in e.items():
                if c not in a:
                    out.append(Difference(where, view, name, k, c, v, "(no such column)"))
                elif not same(v, a[c]):
                    out.append(Difference(where, view, name, k, c, v, a[c]))
    for k, got in act_by.items():
        if k not in exp_by:
            out.append(Difference(where, view, name, k, "(row)", "no row", f"{len(got)} row(s): {show(got[0])}"))
    if name in ORDERED and not [d for d in out if d.table == name and d.where == where and d.view == view]:
        e_ids = [r["id"] for r in expected]
        a_ids = [r.get("id") for r in actual]
        if e_ids != a_ids:
            first = next(i for i, (x, y) in enumerate(zip(e_ids, a_ids)) if x != y) if len(e_ids) == len(a_ids) else 0
            out.append(Difference(where, view, name, (("position", first),), "(order)",
                                  e_ids[first:first + 3], a_ids[first:first + 3]))
    if name == "tree" and not [d for d in out if d.table == name and d.where == where and d.view == view]:
        # ancestors root first, then the organization, then its descendants depth first [README `tree`]
        def orgs_in(rows):
            seq = []
            for r in rows:
                if not seq or seq[-1] != r.get("organization_id"):
                    seq.append(r.get("organization_id"))
            return seq
        if orgs_in(expected) != orgs_in(actual):
            out.append(Difference(where, view, name, (), "(order)", orgs_in(expected), orgs_in(actual)))
    if name in MONTHLY:
        months = [r.get("month") for r in actual]
        if months != sorted(months):
            out.append(Difference(where, view, name, (), "(order)", "months in order", "out of order"))


def compare_view(where, view, expected_tables, doc, out):
    tables = doc.get("tables", {})
    for name, rows in expected_tables.items():
        compare_table(where, view, name, rows, tables.get(name), out)
    if "pages" in doc:
        out.append(Difference(where, view, "(document)", (), "pages", "a complete document (no pages)", doc["pages"]))
