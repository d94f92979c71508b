"""The CSV export opened by a real spreadsheet (LibreOffice, where installed): no cell becomes a formula.

LibreOffice is asked to *evaluate formulas* on CSV import, the dangerous setting; a naive copy of
the same rows without our leading ' shows that the check can fail (its HYPERLINK becomes a formula).
"""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import zipfile

import pytest
from tests.core.interchange_helpers import tag_three_claims

from desktop_app.core.interchange import export_to_path

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# separator ',', quote '"', UTF-8 (76), from line 1, ..., token 13: evaluate formulas = true
CSV_FILTER = "CSV:44,34,76,1,,0,false,true,false,false,false,-1,true"


def _to_xlsx(csv_path, folder):
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{folder}/lo-profile",
                    f"--infilter={CSV_FILTER}", "--convert-to", "xlsx", "--outdir", str(folder), str(csv_path)],
                   check=True, capture_output=True, timeout=180)
    with zipfile.ZipFile(csv_path.with_suffix(".xlsx")) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode("utf-8")
    formulas = re.findall(r"<f[ >].*?</f>", sheet)
    numbers = re.findall(r'<c r="A(\d+)"[^>]*t="n"[^>]*><v>(\d+)</v>', sheet)  # numeric cells of column A
    return formulas, numbers


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_reads_no_formula_and_ids_as_numbers(seeded_project, tmp_path):
    made = tag_three_claims(seeded_project)
    ours = tmp_path / "claims.csv"
    export_to_path(seeded_project, "csv", ours)
    naive = tmp_path / "naive.csv"
    with open(ours, encoding="utf-8-sig", newline="") as src, open(naive, "w", encoding="utf-8-sig", newline="") as dst:
        csv.writer(dst).writerows([c[1:] if c.startswith("'=") else c for c in row] for row in csv.reader(src))

    formulas, numbers = _to_xlsx(ours, tmp_path)
    assert formulas == []
    assert sorted(int(v) for _row, v in numbers) == sorted(a.id for a in made)
    naive_formulas, _ = _to_xlsx(naive, tmp_path)
    assert len(naive_formulas) == 1 and "HYPERLINK" in naive_formulas[0]
