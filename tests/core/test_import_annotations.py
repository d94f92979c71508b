"""Spreadsheet CSV import: anchoring by quote, refused rows with line numbers, --strict, hard cells."""

from __future__ import annotations

import csv
import io

import pytest
from tests.core.interchange_helpers import read_csv, tag_three_claims

from desktop_app.core.interchange import InterchangeError, detect_format, export_to_path, import_annotations

HEADER = ["article_title", "quote", "claim", "stance", "attributed_to", "tags", "note"]
TITLE = "Whatever the cargo type, Russia-North Korea train to run more often"


def sheet(rows, header=HEADER, delimiter=",") -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def test_good_rows_imported_bad_rows_reported_with_line_and_reason(seeded_project):
    data = sheet([
        [TITLE, "Horses or ammunition?", "North Korea supplied ammunition", "questions", "RailFreight.com", "rail;headline", ""],
        ["No such article", "Horses", "c", "supports", "", "", ""],
        [TITLE, "this quote is nowhere", "c", "supports", "", "", "a note\nover two lines"],
        [TITLE, "Horses or ammunition?", "c", "agrees", "", "", ""],
        [TITLE, "Horses or ammunition?", "", "supports", "", "", ""],
        [TITLE, "Rail traffic is far from brisk", "Rail traffic is slow", "neutral", "", "", ""],
    ])
    report = import_annotations(seeded_project, data, name="sheet.csv")
    assert (report.format, report.rows, report.imported, report.committed) == ("csv", 6, 2, True)
    refused = {r.line: r.reason for r in report.refused}
    assert set(refused) == {3, 4, 6, 7}  # the note in line 4 spans two lines, so the next row is line 6
    assert "unknown article 'No such article'" in refused[3]
    assert "quote not found" in refused[4]
    assert "unknown stance 'agrees'" in refused[6] and "supports" in refused[6]
    assert "claim is empty" in refused[7]
    [first, second] = sorted(seeded_project.annotations(1), key=lambda a: a.start)
    text = seeded_project.article(1).text
    assert text[first.start:first.end] == "Rail traffic is far from brisk"
    assert (second.quote, second.claim, second.stance, second.speaker, second.tags) == (
        "Horses or ammunition?", "North Korea supplied ammunition", "questions", "RailFreight.com",
        ("headline", "rail"))
    assert str(report.refused[0]) == "line 3: " + refused[3]


def test_strict_imports_nothing_when_any_row_fails(seeded_project):
    data = sheet([[TITLE, "Horses or ammunition?", "c", "supports", "", "", ""],
                  [TITLE, "nowhere at all", "c", "supports", "", "", ""]])
    report = import_annotations(seeded_project, data, strict=True)
    assert (report.imported, report.committed, len(report.refused)) == (0, False, 1)
    assert seeded_project.annotation_count() == 0
    assert seeded_project.claim_rows() == []  # the claim created for the good row was rolled back too


def test_hard_cells_survive(seeded_project):
    from tests.core.interchange_helpers import annotate

    anchor = annotate(seeded_project, 2, "John Kirby", "placeholder")  # not used: checks ids stay apart
    hard = ['He said, "no".', "“Curly” ‘quotes’", "line one\nline two", "emoji 😀🚂 and 𠀋", "=1+1", "-2", "@who"]
    rows = [[TITLE, "Horses or ammunition?", value, "supports", value, "t1;" + value.replace(";", ""), value]
            for value in hard]
    report = import_annotations(seeded_project, sheet(rows))
    assert report.refused == () and report.imported == len(hard)
    imported = [a for a in seeded_project.annotations(1)]
    assert sorted(a.claim for a in imported) == sorted(v.strip() for v in hard)
    for a in imported:
        assert a.note == a.claim and a.speaker == a.claim
        assert a.id != anchor.id


def test_semicolon_separated_sheet_with_article_id_and_bom(seeded_project):
    data = b"\xef\xbb\xbf" + sheet([["1", "Horses or ammunition?", "c", "Supports"]],
                                   header=["Article_ID", "quote", "claim", "stance"], delimiter=";")
    report = import_annotations(seeded_project, data)
    assert (report.imported, report.refused) == (1, ())
    assert seeded_project.annotations(1)[0].stance == "supports"


def test_prefix_and_start_pick_the_right_repeat(seeded_project):
    text = seeded_project.article(1).text
    second = text.index("Horses or ammunition?", text.index("Horses or ammunition?") + 1)
    rows = [[TITLE, "Horses or ammunition?", "c", "supports", text[second - 10:second], str(second)]]
    report = import_annotations(seeded_project, sheet(rows, header=["article_title", "quote", "claim", "stance",
                                                                     "prefix", "start"]))
    assert report.imported == 1
    assert seeded_project.annotations(1)[0].start == second


def test_our_csv_export_imports_back_unchanged(seeded_project, tmp_path, seed_paths):
    from desktop_app.core.articles import import_paths
    from desktop_app.core.store import Project

    tag_three_claims(seeded_project)
    export_to_path(seeded_project, "csv", tmp_path / "a.csv")
    with Project.open(tmp_path / "other.sqlite") as other:
        import_paths(other, seed_paths)
        report = import_annotations(other, (tmp_path / "a.csv").read_bytes())
        assert (report.imported, report.refused) == (3, ())
        export_to_path(other, "csv", tmp_path / "b.csv")
    keep = ["article_id", "start", "end", "quote", "prefix", "suffix", "claim", "stance", "attributed_to", "tags", "note"]
    assert [[r[k] for k in keep] for r in read_csv(tmp_path / "b.csv")] == \
        [[r[k] for k in keep] for r in read_csv(tmp_path / "a.csv")]


def test_missing_columns_and_unknown_json_are_refused_in_one_line(seeded_project):
    with pytest.raises(InterchangeError, match="lacks article_id or article_title, claim"):
        import_annotations(seeded_project, b"quote,stance\nx,supports\n")
    with pytest.raises(InterchangeError, match="not a W3C Web Annotation document"):
        import_annotations(seeded_project, b'{"hello": 1}')
    with pytest.raises(InterchangeError, match="line 2: invalid JSON"):
        import_annotations(seeded_project, b'{\n,}')


@pytest.mark.parametrize(("data", "fmt"), [
    (b'\xef\xbb\xbf  {"format": "crosscheck-project", "version": 1}', "json"),
    (b'{"type": "AnnotationCollection", "items": []}', "w3c"),
    (b'[]', "w3c"),
    (b"article_id,quote\n", "csv"),
])
def test_format_is_detected_from_content(data, fmt):
    assert detect_format(data) == fmt


def test_foreign_w3c_annotation_found_by_url_and_quote(tmp_path):
    import json

    from desktop_app.core.models import ArticleDraft
    from desktop_app.core.store import Project

    text = "Officials said on Monday that the train carried grain. Critics said the train carried shells."
    with Project.open(tmp_path / "p.sqlite") as project:
        article_id, _ = project.add_article(ArticleDraft(text=text, title="Train", url="https://news.example/train"))
        doc = {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation", "motivation": "tagging",
               "body": [{"type": "TextualBody", "purpose": "tagging", "value": "cargo"},
                        {"type": "TextualBody", "purpose": "describing", "value": "from a Hypothesis export"}],
               "target": {"source": "https://news.example/train",
                          "selector": [{"type": "TextQuoteSelector", "exact": "the train carried",
                                        "prefix": "Critics said ", "suffix": " shells."}]},
               "cc:claim": "The train carried weapons", "cc:stance": "supports", "cc:attributedTo": "Critics"}
        report = import_annotations(project, json.dumps(doc).encode())
        assert (report.format, report.imported, report.refused) == ("w3c", 1, ())
        [annotation] = project.annotations(article_id)
        assert annotation.start == text.index("the train carried", 40)
        assert (annotation.tags, annotation.note, annotation.speaker) == (("cargo",), "from a Hypothesis export", "Critics")
        doc["target"]["source"] = "https://elsewhere.example/"
        doc["cc:stance"] = "supports"
        again = import_annotations(project, json.dumps([doc, {"type": "Annotation"}]).encode())
        assert [str(r) for r in again.refused] == [
            "item 1: unknown article 'https://elsewhere.example/'",
            "item 2: the annotation has no target with selectors",
        ]
