"""`crosscheck export` and `crosscheck import-annotations` as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

from tests.core.interchange_helpers import read_csv, tag_three_claims

from desktop_app.cli import main


def test_export_each_format_to_a_file(seeded_project, tmp_path, capsys):
    tag_three_claims(seeded_project)
    for fmt, name in (("csv", "a.csv"), ("matrix", "m.csv"), ("json", "p.json"), ("w3c", "w.jsonld")):
        assert main(["export", "--project", str(seeded_project.path), "--format", fmt, "-o", str(tmp_path / name)]) == 0
        assert f"({fmt})" in capsys.readouterr().err
    assert len(read_csv(tmp_path / "a.csv")) == 3
    assert json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))["format"] == "crosscheck-project"
    assert json.loads((tmp_path / "w.jsonld").read_text(encoding="utf-8"))["total"] == 3


def test_export_csv_to_stdout_in_a_real_process(seeded_project):
    tag_three_claims(seeded_project)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-m", "desktop_app", "export", "--project", str(seeded_project.path),
                             "--format", "csv", "-o", "-"], capture_output=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"\xef\xbb\xbfannotation_id,")
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode("utf-8-sig"), newline="")))
    assert len(rows) == 3 and b"3 rows written" in result.stderr


def test_import_annotations_exit_status_and_refusal_lines(seeded_project, tmp_path, capsys):
    path = seeded_project.path
    seeded_project.close()
    good = tmp_path / "good.csv"
    good.write_text("article_id,quote,claim,stance\n1,Horses or ammunition?,c,supports\n", encoding="utf-8")
    assert main(["import-annotations", "--project", str(path), str(good)]) == 0
    assert "1 of 1 annotations imported (csv)" in capsys.readouterr().out
    mixed = tmp_path / "mixed.csv"
    mixed.write_text("article_id,quote,claim,stance\n1,Rail traffic,c2,supports\n1,nowhere,c3,supports\n"
                     "42,x,c4,supports\n", encoding="utf-8")
    assert main(["import-annotations", "--project", str(path), "--strict", str(mixed)]) == 1
    captured = capsys.readouterr()
    assert "0 of 3 annotations imported (csv), 2 refused, nothing written (--strict)" in captured.out
    assert f"{mixed}: line 3: quote not found" in captured.err
    assert f"{mixed}: line 4: unknown article_id '42'" in captured.err
    assert main(["import-annotations", "--project", str(path), str(mixed)]) == 1
    assert "1 of 3 annotations imported" in capsys.readouterr().out


def test_unreadable_input_is_one_line_exit_1(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{ nope", encoding="utf-8")
    assert main(["import-annotations", "--project", str(tmp_path / "p.sqlite"), str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("crosscheck: error: line 1: invalid JSON") and err.count("\n") == 1


def test_export_to_a_folder_that_does_not_exist_is_one_line_exit_1(seeded_project, tmp_path, capsys):
    target = tmp_path / "missing" / "claims.csv"
    assert main(["export", "--project", str(seeded_project.path), "--format", "csv", "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert err == f"crosscheck: error: cannot write {target}: No such file or directory\n"
    assert not (tmp_path / "missing").exists()
