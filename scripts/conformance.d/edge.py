"""`--size edge`: a small hand-made export of cases random exports rarely hit.

Each row says what it is for. The figures are still computed by reference.py, never written here.
"""

from foreign import Export, FileShape, FILES, columns


def shape(f, **kw):
    cols = columns(f)
    return FileShape(order=list(reversed(cols)), headers={c: c.upper() for c in cols}, extras=["Comment"], **kw)


def generate():
    org = lambda i, name, number=None, parent=None: {"id": i, "name": name, "number": number, "parent_id": parent}
    orgs = [
        org("7", "Twin AB", "7"),             # "7" and "007" are two ids (and "7" is also a number)
        org("007", "Twin AB", "556677-0007"),
        org(" 7", "Twin AB (space)"),          # a leading space is part of the id
        org("EMPTY", "No rows at all"),
        org("caf\u00e9", "NFC id"),             # é as one code point ...
        org("cafe\u0301", "NFD id"),            # ... and as e + U+0301: canonically equal, other bytes
        org("INV-ONLY", "Only an invoice, no contract"),
        org("GAP", "Tickets before and after the period"),
        org("GAP-B", "Charges GAP's object in the period"),
    ]
    # a deep chain: D1 <- D2 <- ... <- D12
    for n in range(1, 13):
        orgs.append(org(f"D{n}", f"Deep level {n}", None, f"D{n - 1}" if n > 1 else "7"))
    contracts = [
        {"id": "K1", "organization_id": "7", "number": "K-1", "name": None, "currency": "KWD",
         "start_date": "2020-01-01", "end_date": None},
        {"id": "K2", "organization_id": "007", "number": "K-1", "name": "same number, other organization",
         "currency": "jpy", "start_date": "2026-05-01", "end_date": "2026-04-01"},   # ends before it starts
        {"id": "K3", "organization_id": "D12", "number": "K-D12", "name": None, "currency": "USD",
         "start_date": "2024-01-01", "end_date": "2026-12-31"},
        {"id": "K5", "organization_id": "D1", "number": "K-SHARE", "name": None, "currency": "EUR",
         "start_date": "2024-01-01", "end_date": None},
        {"id": "KG", "organization_id": "GAP", "number": "K-GAP", "name": None, "currency": "SEK",
         "start_date": "2024-01-01", "end_date": None},
        {"id": "KGB", "organization_id": "GAP-B", "number": "K-GAP-B", "name": None, "currency": "SEK",
         "start_date": "2024-01-01", "end_date": None},
        {"id": "K-NFC", "organization_id": "caf\u00e9", "number": "K-\u00e9", "name": None, "currency": "SEK",
         "start_date": "2024-01-01", "end_date": None},
        {"id": "K-NFD", "organization_id": "cafe\u0301", "number": "K-e\u0301", "name": None, "currency": "EUR",
         "start_date": "2024-01-01", "end_date": None},
        {"id": "K4", "organization_id": "7", "number": "K-BIG", "name": None, "currency": "CLF",
         "start_date": "2024-01-01", "end_date": None},
    ]
    cats = [{"id": "C1", "name": "Cat"}, {"id": "C2", "name": "Cat"}, {"id": "c1", "name": "lower-case id"}]
    products = [{"id": "P1", "name": "Thing", "category_id": "C1", "unit": None},
                {"id": "P2", "name": "Thing", "category_id": "C2", "unit": "h"},
                {"id": "P3", "name": "Other", "category_id": "c1", "unit": "GB"}]
    types = [{"id": "T", "name": "Type"}]
    profiles = [{"id": "PR", "name": "Profile", "object_type_id": "T"}]
    objects = [
        # active_to before active_from, inside one month: never active (docs/data-contract.md)
        {"id": "O-never", "name": "never active", "organization_id": "7", "contract_id": "K1",
         "object_type_id": "T", "object_profile_id": "PR", "active_from": "2026-03-20", "active_to": "2026-03-10"},
        # active on exactly the first day of March, and from exactly the last day of March
        {"id": "O-first", "name": "ends 1 March", "organization_id": "7", "contract_id": None,
         "object_type_id": "T", "object_profile_id": None, "active_from": "2025-01-31", "active_to": "2026-03-01"},
        {"id": "O-last", "name": "starts 31 March", "organization_id": "7", "contract_id": "K1",
         "object_type_id": "T", "object_profile_id": "PR", "active_from": "2026-03-31", "active_to": None},
        {"id": "O-twin", "name": "Twin object", "organization_id": "007", "contract_id": "K2",
         "object_type_id": "T", "object_profile_id": None, "active_from": "2026-01-01", "active_to": None},
        {"id": "OG1", "name": "charged around the period", "organization_id": "GAP", "contract_id": "KG",
         "object_type_id": "T", "object_profile_id": "PR", "active_from": "2024-01-01", "active_to": None},
        {"id": "OG2", "name": "charged in the period", "organization_id": "GAP", "contract_id": "KG",
         "object_type_id": "T", "object_profile_id": "PR", "active_from": "2024-01-01", "active_to": None},
    ]
    ev = lambda i, o, ts, q: {"id": i, "object_id": o, "product_id": "P1", "occurred_at": ts, "quantity": q}
    events = [
        ev("E1", "O-last", "2026-03-31T23:30:00-01:00", "1"),          # April in UTC
        ev("E2", "O-last", "2026-04-01T00:30:00+01:00", "2"),          # March in UTC
        ev("E3", "O-last", "2026-03-01", "0.000001"),                  # a bare date: midnight UTC
        ev("E4", "O-last", "2025-12-31T23:59:59.999999-00:30", "4"),   # January 2026 in UTC
        ev("E5", "O-first", "2026-02-28T20:00:00-0800", "5.5"),        # March in UTC
        ev("E6", "O-first", "2026-03-01T04:59:59+05", "-1"),           # February in UTC
        ev("E7", "O-twin", "2026-06-15T12:00:00", "7"),                # no offset: UTC
    ]
    tk = lambda i, k, o, p, ps, pe, q, a, inv=None, up=None: {
        "id": i, "contract_id": k, "object_id": o, "product_id": p, "period_start": ps, "period_end": pe,
        "quantity": q, "unit_price": up, "amount": a, "invoice_id": inv}
    tickets = [
        # a share of 5 / 10000.00002 = 0.0499999990...%: 0.0, not 0.1 (rounded once, not twice)
        tk("10", "K5", None, "P1", "2026-06-01", "2026-06-30", "1", "5"),
        tk("9", "K5", None, "P2", "2026-06-01", "2026-06-30", "2", "9995.00002"),
        tk("010", "K5", None, "P3", "2026-06-01", "2026-06-30", "0", "-0"),            # ids sort as text
        tk("11", "K1", "O-last", "P1", "2026-06-01", "2026-06-30", "1", "5"),
        tk("0", "K1", "O-never", "P1", "2026-03-15", "2026-03-01", "0.000001", "0.000001", "I-void"),
        tk("00", "K1", "O-first", "P1", "2026-02-01", "2026-02-28", "-3", "-12.345", "I-draft"),
        # sums past what a double holds exactly
        tk("B1", "K4", None, "P3", "2026-05-01", "2026-05-31", "1", "4000000000000.000001"),
        tk("B2", "K4", None, "P3", "2026-05-01", "2026-05-31", "1", "4000000000000.000001"),
        tk("B3", "K4", None, "P3", "2026-05-02", "2026-05-31", "1", "0.000001"),
        tk("Y1", "K2", "O-twin", "P1", "2026-06-01", "2026-06-30", "1", "1234"),
        # an object charged before and after the period but not in it is not one of the period's objects
        tk("G1", "KG", "OG1", "P1", "2025-05-01", "2025-05-31", "1", "10"),
        tk("G2", "KG", "OG1", "P1", "2026-08-01", "2026-08-31", "1", "10"),
        tk("G3", "KG", "OG2", "P1", "2026-01-01", "2026-01-31", "1", "10"),
        # ... even when another organization's ticket charges it in the period (that ticket is GAP-B's)
        tk("G4", "KGB", "OG1", "P1", "2026-01-01", "2026-01-31", "1", "10"),
        tk("N1", "K-NFC", None, "P1", "2026-03-01", "2026-03-31", "1", "10", "I-\u00e9"),
        tk("N2", "K-NFD", None, "P1", "2026-03-01", "2026-03-31", "1", "20", "I-e\u0301"),
        tk("U1", "K3", None, "P2", "2026-06-01", "2026-06-30", "1.5", "99.99", None, "66.66"),
    ]
    inv = lambda i, o, n, d, s, c, t: {"id": i, "organization_id": o, "number": n, "invoice_date": d,
                                        "status": s, "currency": c, "total_amount": t}
    invoices = [
        # the change of Total Invoicing: 5 / 10000.00002 = 0.0499999990...%: 0.0, not 0.1
        inv("I-prev", "7", "INV-1", "2025-03-31", "FINAL", "KWD", "10000.00002"),
        inv("I-now", "7", "INV-2", "2026-06-30", "Final", "KWD", "10005.00002"),
        inv("I-void", "7", "INV-3", "2026-03-31", "vOiD", "KWD", "0.000001"),
        inv("I-draft", "7", "INV-4", "2019-12-31", "Draft", "KWD", "-12.345"),
        inv("I-twin", "007", "INV-1", "2026-06-30", "final", "JPY", "1234"),
        inv("I-only", "INV-ONLY", "X-1", "2026-01-15", "final", "BHD", "0.001"),
        inv("I-\u00e9", "caf\u00e9", "N-1", "2026-03-31", "final", "SEK", "10"),
        inv("I-e\u0301", "cafe\u0301", "N-1", "2026-03-31", "final", "EUR", "20"),
        # two invoices of one organization whose ids are one text in NFC and in NFD: two ids
        inv("J-\u00fc", "caf\u00e9", "J-1", "2026-04-30", "final", "SEK", "1"),
        inv("J-u\u0308", "caf\u00e9", "J-2", "2026-04-30", "draft", "SEK", "2"),
        # -1/3 of a change: rounded half away from zero on the true quotient
        inv("I-d12a", "D12", "D-1", "2025-06-30", "final", "USD", "3"),
        inv("I-d12b", "D12", "D-2", "2026-06-30", "final", "USD", "2"),
    ]
    tables = {"organizations": orgs, "contracts": contracts, "product_categories": cats, "products": products,
              "object_types": types, "object_profiles": profiles, "objects": objects, "usage_events": events,
              "charge_tickets": tickets, "invoices": invoices}
    for f in FILES:
        tables[f] = [{c: r.get(c) for c in columns(f)} for r in tables[f]]
    shapes = {f: shape(f, crlf=(i % 2 == 0), bom=(i % 3 == 0), quoting="all" if i % 2 else "minimal")
              for i, f in enumerate(FILES)}
    return Export(seed=0, size="edge", tables=tables, shapes=shapes, manifest=None, as_of_option="2026-06-15",
                  notes=["hand-made edge cases (edge.py)", "as-of 2026-06-15 (--as-of, no manifest)"])
