"""The annotation CSV's file conventions: exact header, BOM, newline='', formula neutralising."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.core.export_csv import (
    CSV_COLUMNS,
    FORMULA_TRIGGERS,
    NUMERIC_COLUMNS,
    neutralise_cell,
    restore_cell,
    utc_iso,
    write_csv_rows,
)
from desktop_app.core.interchange import open_export_stream
from desktop_app.core.interchange_types import ExportCancelled

HEADER = (
    "annotation_id,article_id,article_title,outlet,author,published,url,start,end,quote,prefix,"
    "suffix,claim_id,claim,stance,attributed_to,tags,note,annotator,created_at,updated_at"
)


def _row(**overrides) -> tuple:
    values = {name: ("" if name not in NUMERIC_COLUMNS else 1) for name in CSV_COLUMNS}
    values.update(overrides)
    return tuple(values[name] for name in CSV_COLUMNS)


def _write(rows) -> bytes:
    binary = io.BytesIO()
    handle = open_export_stream(binary, "csv")
    write_csv_rows(rows, handle)
    handle.flush()
    data = binary.getvalue()
    handle.detach()
    return data


def test_header_is_exactly_the_documented_columns():
    data = _write([])
    assert data == b"\xef\xbb\xbf" + HEADER.encode() + b"\r\n"


def test_bom_crlf_rows_and_newlines_inside_cells_kept():
    data = _write([_row(quote="line one\nline two", note="a, \"quoted\" note")])
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") == 2  # header and row end; the newline inside the cell stays \n
    assert b"line one\nline two" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[1][CSV_COLUMNS.index("quote")] == "line one\nline two"
    assert rows[1][CSV_COLUMNS.index("note")] == 'a, "quoted" note'


@pytest.mark.parametrize("trigger", FORMULA_TRIGGERS)
@pytest.mark.parametrize("column", [c for c in CSV_COLUMNS if c not in NUMERIC_COLUMNS])
def test_every_trigger_is_neutralised_in_every_free_text_column(trigger, column):
    payload = trigger + "HYPERLINK(\"http://x\")"
    data = _write([_row(**{column: payload})])
    row = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))[1]
    assert row[CSV_COLUMNS.index(column)] == "'" + payload


def test_numeric_columns_stay_plain_numbers_even_negative():
    data = _write([_row(annotation_id=7, article_id=2, start=0, end=15, claim_id=-3, quote="-3")])
    row = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))[1]
    assert row[CSV_COLUMNS.index("annotation_id")] == "7"
    assert row[CSV_COLUMNS.index("start")] == "0"
    assert row[CSV_COLUMNS.index("claim_id")] == "-3"
    assert row[CSV_COLUMNS.index("quote")] == "'-3"  # the same text in a free-text column is escaped


@pytest.mark.parametrize("safe", ["plain", "'quoted already", " =space first", "1+1", "", "e=mc2", "\n=x", "'"])
def test_harmless_cells_are_left_alone(safe):
    assert neutralise_cell(safe) == safe


RISKY = st.sampled_from(["'", "=", "+", "-", "@", "\t", "\r", "\uff1d", "a", " ", "1"])


@given(st.text(alphabet=RISKY) | st.text())
def test_restore_undoes_neutralise(value):
    assert restore_cell(neutralise_cell(value)) == value


@pytest.mark.parametrize(("value", "escaped"), [("'=x", "''=x"), ("'plain", "'plain")])
def test_text_that_looks_escaped_gets_one_more_quote(value, escaped):
    assert neutralise_cell(value) == escaped


def test_cancel_between_rows_raises():
    calls = []
    with pytest.raises(ExportCancelled):
        write_csv_rows((_row() for _ in range(10)), io.StringIO(), every=3,
                       should_cancel=lambda: calls.append(1) or len(calls) >= 2)
    assert len(calls) == 2


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-02-01T09:30:00Z", "2023-02-01T09:30:00Z"),
        ("2023-02-01T11:30:00+02:00", "2023-02-01T09:30:00Z"),
        ("2023-02-01T09:30:00", "2023-02-01T09:30:00Z"),
        ("", ""),
        ("not a time", "not a time"),
    ],
)
def test_times_are_utc_iso(value, expected):
    assert utc_iso(value) == expected
