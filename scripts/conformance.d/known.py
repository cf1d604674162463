"""Known differences: cos bugs already reported, each with the bug it is, so CI stays green until
the owner fixes it. Each entry matches differences by fields of `compare.Difference`; remove an
entry when its bug is fixed (the run then fails if the difference is still there... or passes).
"""

# Each quirk is a name Reference(quirks=...) knows: the reference then computes what cos (wrongly)
# answers. A difference is known when the reference with one quirk switched on agrees with cos on the
# whole table. Remove a quirk when its bug is fixed.
BUGS = {
    "never_active_counted":
        "BUG-1 (speed: store rollup/SQL): objects_vs_charges counts an object whose active_to is before "
        "its active_from in that month, though docs/data-contract.md says such an object is never active",
    "profile_objects_own_only":
        "BUG-2 (speed: CosQuery profile objects): a profile view's objects leave out other "
        "organizations' objects that this organization's tickets charge, so the table does not add up "
        "to the profile's trend and products (the product view lists them)",
    "span_objects_any_org":
        "BUG-4 (speed: CosQuery Overview+Summary distinctObjects): the summaries' distinct object count "
        "counts an object the organization charged before and after the period (not in it) when another "
        "organization's ticket charges it in the period: the EXISTS over charge_ticket does not restrict "
        "t.organization_k",
    "page_total_past_end":
        "BUG-5 (Sources/CosView/View.swift `page`): a page whose offset is past the end of the list says "
        "the list has `offset` rows (`tickets --offset 100000` on 216 tickets: pages.total 100000, on a "
        "terminal \"(0 of 100,000)\" and \"216 more rows ... --offset 100000 the next page\")",
    "find_canonical_ids":
        "BUG-6 (hostile: Sources/CosQuery/OrganizationIndex.swift): `find` takes an id or number that is "
        "canonically equivalent to the typed text for an exact match (Swift String ==): `find café` (é one "
        "code point) also lists the organization whose id is cafe + U+0301, though ids compare byte for "
        "byte (`open` gets it right)",
    "cd_id_canonical":
        "BUG-7 (Sources/CosQuery/NameResolution.swift:36, `$0.id == id`): `cd .../id:ID` compares export ids "
        "with Swift String == (canonical equivalence), so two invoices (objects, ...) whose ids are the same "
        "text in NFC and in NFD make `cd invoices/id:ID` fail with \"several invoices match\"",
    "dup_unknown_columns":
        "BUG-8 (speed: Sources/CosStore/CSV header): a header with two unknown columns of one name "
        "(`notes,notes`) is refused (\"the header names column notes twice\"), though the contract says "
        "unknown columns are ignored; only a contract column named twice is ambiguous",
    "csv_error_line":
        "BUG-3 (speed: Sources/CosStore/CSV): a record whose quoted field runs over lines and is followed "
        "by text after its closing quote is reported on the line of the closing quote, not on the line "
        "where the record starts (docs/data-contract.md: LINE is the line where the record starts)",
}
# The bugs a Reference can reproduce (the others are matched where they are found).
QUIRKS = ["never_active_counted", "profile_objects_own_only", "span_objects_any_org", "page_total_past_end", "find_canonical_ids"]


def split(diffs):
    real, known = [], []
    for d in diffs:
        bug = getattr(d, "bug", None)
        if bug:
            known.append((d, f"{bug}: {BUGS[bug]}"))
        else:
            real.append(d)
    return real, known


def known_failure(command, message, ref):
    """The known bug a failed command is, or None."""
    import re
    import unicodedata
    m = re.search(r'several \w+ match "id:(.*)"', message)
    if m:
        wanted = unicodedata.normalize("NFC", m[1])
        for table in ref.raw.values():
            twins = {r["id"] for r in table if unicodedata.normalize("NFC", r["id"]) == wanted}
            if len(twins) > 1:
                return "cd_id_canonical"
    return None
