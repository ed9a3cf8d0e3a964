"""Reads every .xlsx in a folder with openpyxl and prints {file: [[cell, ...], ...]} as JSON, cells as read-xlsx.mjs writes them."""
import datetime
import json
import os
import sys

import openpyxl


def cell_text(cell):
    v = cell.value
    if v is None:
        return None
    if isinstance(v, bool):
        return "b:" + ("true" if v else "false")
    if isinstance(v, datetime.datetime):
        if cell.number_format == "yyyy-mm-dd":
            return "d:" + v.date().isoformat()
        text = v.isoformat(timespec="milliseconds").replace(".000", "")
        return "t:" + text + "Z"
    if isinstance(v, datetime.time):
        return "s:" + v.isoformat()
    if isinstance(v, (int, float)):
        return "n:" + repr(v)
    return "s:" + str(v)


folder = sys.argv[1]
out = {}
for name in sorted(f for f in os.listdir(folder) if f.endswith(".xlsx")):
    sheet = openpyxl.load_workbook(os.path.join(folder, name)).worksheets[0]
    out[name] = [[cell_text(c) for c in row] for row in sheet.iter_rows()]
json.dump(out, sys.stdout, ensure_ascii=False)
