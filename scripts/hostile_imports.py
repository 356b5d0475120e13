#!/usr/bin/env python3
"""Writes the hostile import files of issue [5] items 1-3 and their import profiles into a folder.

    python3 scripts/hostile_imports.py OUTPUT_DIR

Files (each with a positions profile NAME.profile.json beside it):
  shared-string.xlsx   ~300 KB: its shared-string table holds one 314,000,000-character string, used by row 2
  last-row.xlsx        ~1.7 KB: dimension A1:Z1048576, a header row and one row at 1,048,576
  long-line.jsonl      150 MB: a normal line, one line of 150,000,000 characters, a normal line
  unclosed-quote.csv   200 lines: a header and 199 rows, the row on line 11 opens a quote it never closes
  many-strings.xlsx    ~70 KB: 2,100 distinct shared strings of 32,000 characters (67 million together, over the
                       64-million cap on the table; each string within the field limit)

Everything is written in chunks, so the script itself stays small in memory. scripts/bench-import-limits.sh imports
each file with the command line and reports peak memory (docs/benchmarks.md, "Import limits").
"""
import json
import os
import sys
import zipfile

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CHUNK = 1 << 20

PROFILE = {"kind": "positions", "columns": {"sourceId": "id", "title": "title"}}

WORKBOOK = (f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)
CONTENT_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)


def inline(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


HEADER = '<row r="1">' + inline("A1", "id") + inline("B1", "title") + "</row>"


def workbook(path, sheet, shared_parts):
    """A workbook whose sharedStrings.xml is the concatenation of shared_parts (strings or (text, repeat) pairs)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            for piece in shared_parts:
                if isinstance(piece, tuple):
                    text, repeat = piece
                    block = (text * CHUNK).encode()
                    for _ in range(repeat // CHUNK):
                        part.write(block)
                    part.write((text * (repeat % CHUNK)).encode())
                else:
                    part.write(piece.encode())


def shared_string_xlsx(path, chars=314_000_000):
    sheet = (f'<worksheet xmlns="{MAIN}"><dimension ref="A1:B2"/><sheetData>{HEADER}'
             '<row r="2">' + inline("A2", "S2") + '<c r="B2" t="s"><v>0</v></c></row></sheetData></worksheet>')
    workbook(path, sheet, [f'<sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><t>', ("A", chars), "</t></si></sst>"])


def last_row_xlsx(path):
    sheet = (f'<worksheet xmlns="{MAIN}"><dimension ref="A1:Z1048576"/><sheetData>{HEADER}'
             '<row r="1048576">' + inline("A1048576", "R1048576") + inline("B1048576", "焊工") + "</row></sheetData></worksheet>")
    workbook(path, sheet, [f'<sst xmlns="{MAIN}" count="0" uniqueCount="0"/>'])


def many_strings_xlsx(path, count=2_100, chars=32_000):
    sheet = (f'<worksheet xmlns="{MAIN}"><dimension ref="A1:B2"/><sheetData>{HEADER}'
             '<row r="2">' + inline("A2", "M2") + '<c r="B2" t="s"><v>0</v></c></row></sheetData></worksheet>')
    parts = [f'<sst xmlns="{MAIN}" count="{count}" uniqueCount="{count}">']
    for i in range(count):
        parts += [f"<si><t>{i:05d}", ("A", chars - 5), "</t></si>"]
    workbook(path, sheet, parts + ["</sst>"])


def long_line_jsonl(path, chars=150_000_000):
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps({"id": "J1", "title": "数控车工"}, ensure_ascii=False) + "\n")
        f.write('{"id": "J2", "title": "')
        block = "A" * CHUNK
        for _ in range(chars // CHUNK):
            f.write(block)
        f.write("A" * (chars % CHUNK))
        f.write('"}\n')
        f.write(json.dumps({"id": "J3", "title": "焊工"}, ensure_ascii=False) + "\n")


def unclosed_quote_csv(path):
    with open(path, "w", encoding="utf-8") as f:
        f.write("id,title\n")
        for line in range(2, 201):
            f.write(f'Q{line},"数控车工\n' if line == 11 else f"Q{line},数控车工\n")


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, write in [("shared-string.xlsx", shared_string_xlsx), ("last-row.xlsx", last_row_xlsx),
                        ("long-line.jsonl", long_line_jsonl), ("unclosed-quote.csv", unclosed_quote_csv),
                        ("many-strings.xlsx", many_strings_xlsx)]:
        path = os.path.join(out, name)
        write(path)
        with open(os.path.join(out, name.rsplit(".", 1)[0] + ".profile.json"), "w", encoding="utf-8") as f:
            json.dump(PROFILE, f)
        print(f"{path}: {os.path.getsize(path):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
