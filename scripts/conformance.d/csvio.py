"""Writing a foreign export to disk, and reading any export back, by the data contract's CSV dialect.

The reader is written from /work/shared/spec/data-contract.md ("CSV dialect") plus the decisions
cos documents where the contract is silent (docs/data-contract.md, "What cos decides where the
contract is silent"): blank lines are skipped, a `"` inside an unquoted field is an ordinary
character, a lone CR is an ordinary character. It does not use Python's csv module, whose reader
treats a lone CR as a line end.
"""

import json
import os

from foreign import FILES, columns

EXTRA_VALUES = ["", "2026-01-01", 'a "quoted", value', "line\nbreak", "ünïcödé", "12.5", "x"]


def _needs_quotes(v):
    return any(ch in v for ch in ',"\n\r')


def _field(v, shape, rng_bit):
    if v is None:
        return '""' if shape.empty_as_quotes and rng_bit else ""
    quote = _needs_quotes(v) or shape.quoting == "all" or (shape.quoting == "random" and rng_bit)
    if quote:
        return '"' + v.replace('"', '""') + '"'
    return v


def write_export(export, directory):
    """Writes the export; returns, per file, the line each row's record starts on (header: 1)."""
    os.makedirs(directory, exist_ok=True)
    starts = {}
    for f in FILES:
        shape = export.shapes[f]
        header_cols = list(shape.order)
        # unknown columns interleaved at fixed places
        for i, extra in enumerate(shape.extras):
            header_cols.insert((i * 7 + len(extra)) % (len(header_cols) + 1), "\0extra:" + extra)
        header = [(c[len("\0extra:"):] if c.startswith("\0extra:") else shape.headers[c]) for c in header_cols]
        eol = "\r\n" if shape.crlf else "\n"
        lines = [",".join(_field(h, shape, False) if _needs_quotes(h) else h for h in header)]
        for n, row in enumerate(export.tables[f]):
            cells = []
            for j, c in enumerate(header_cols):
                bit = ((n * 31 + j * 17) >> 2) % 2 == 1
                if c.startswith("\0extra:"):
                    v = EXTRA_VALUES[(n + j) % len(EXTRA_VALUES)]
                    cells.append(_field(v or None, shape, bit))
                else:
                    cells.append(_field(row[c], shape, bit))
            lines.append(",".join(cells))
        text = eol.join(lines) + (eol if shape.final_newline else "")
        line, at = 1, []
        for rec in lines:
            at.append(line)
            line += rec.count("\n") + 1
        starts[f] = at[1:]
        data = text.encode("utf-8")
        if shape.bom:
            data = b"\xef\xbb\xbf" + data
        with open(os.path.join(directory, f + ".csv"), "wb") as out:
            out.write(data)
    if export.manifest is not None:
        with open(os.path.join(directory, "manifest.json"), "w", encoding="utf-8") as out:
            json.dump(export.manifest, out, ensure_ascii=False)
    return starts


class CSVError(Exception):
    pass


def parse_csv(data, name="file"):
    """Records of a CSV file as lists of (text, was_quoted), with the line each record starts on."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    text = data.decode("utf-8")        # strict: invalid UTF-8 is an error
    records = []
    i, n, line = 0, len(text), 1
    while i < n:
        start_line = line
        # a blank line (nothing at all before its line end) is skipped
        if text.startswith("\r\n", i):
            i += 2
            line += 1
            continue
        if text[i] == "\n":
            i += 1
            line += 1
            continue
        # fast path: a physical line without any quote is split on commas
        e = text.find("\n", i)
        if e < 0:
            e = n
        physical = text[i:e]
        if '"' not in physical:
            if physical.endswith("\r") and e < n:
                physical = physical[:-1]
            records.append((start_line, [(v, False) for v in physical.split(",")]))
            i = e + 1
            line += 1
            continue
        fields = []
        while True:
            if i < n and text[i] == '"':
                i += 1
                buf = []
                while True:
                    q = text.find('"', i)
                    if q < 0:
                        raise CSVError(f"{name}:{start_line}: unterminated quote")
                    chunk = text[i:q]
                    line += chunk.count("\n")
                    buf.append(chunk)
                    if q + 1 < n and text[q + 1] == '"':
                        buf.append('"')
                        i = q + 2
                        continue
                    i = q + 1
                    break
                fields.append(("".join(buf), True))
                if i < n and text[i] not in ",\n" and not text.startswith("\r\n", i):
                    raise CSVError(f"{name}:{start_line}: text after a closing quote")
            else:
                j = i
                while j < n and text[j] != "," and text[j] != "\n" and not text.startswith("\r\n", j):
                    j += 1
                fields.append((text[i:j], False))
                i = j
            if i < n and text[i] == ",":
                i += 1
                continue
            if text.startswith("\r\n", i):
                i += 2
            elif i < n:
                i += 1
            line += 1
            break
        records.append((start_line, fields))
    return records


def read_export(directory):
    """The export's rows per file (column -> text or None), by the contract's column names."""
    tables = {}
    for f in FILES:
        with open(os.path.join(directory, f + ".csv"), "rb") as fh:
            records = parse_csv(fh.read(), f + ".csv")
        if not records:
            raise CSVError(f"{f}.csv: no header")
        header = [h.strip(" ").lower() for h, _ in records[0][1]]
        index = {}
        for pos, h in enumerate(header):
            if h in columns(f):
                index[h] = pos
        rows = []
        for line, fields in records[1:]:
            if len(fields) != len(header):
                raise CSVError(f"{f}.csv:{line}: {len(fields)} fields, the header has {len(header)}")
            row = {}
            for c in columns(f):
                v = fields[index[c]][0] if c in index else ""
                row[c] = v if v != "" else None
            rows.append(row)
        tables[f] = rows
    manifest = None
    path = os.path.join(directory, "manifest.json")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as fh:
            manifest = json.load(fh)
    return tables, manifest


def headers(directory):
    """Each file's header, names stripped of spaces and in lower case, in file order."""
    out = {}
    for f in FILES:
        with open(os.path.join(directory, f + ".csv"), "rb") as fh:
            records = parse_csv(fh.read(), f + ".csv")
        out[f] = [h.strip(" ").lower() for h, _ in records[0][1]]
    return out
