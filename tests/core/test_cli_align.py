"""`crosscheck align` and `crosscheck overview` from the command line."""

import json
from pathlib import Path

from desktop_app.cli import main

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_FILES = [str(p) for p in sorted(SEEDS.glob("*.txt"))]


def test_align_seeds_summary(capsys):
    assert main(["align", *SEED_FILES]) == 0
    out = capsys.readouterr().out
    assert "[1] ↔ [3]: 1 shared passage" in out
    assert "“towards” → “toward”" in out
    assert "No shared passage of 8+ words" in out


def test_align_json_shape_and_offsets(capsys, tmp_path):
    assert main(["align", "--json", *SEED_FILES]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["name"] for d in data["documents"]] == SEED_FILES
    assert len(data["pairs"]) == 10
    texts = [Path(f).read_text(encoding="utf-8") for f in SEED_FILES]
    for doc, text in zip(data["documents"], texts):
        assert doc["length"] == len(text)
    (pair,) = [p for p in data["pairs"] if p["passages"]]
    assert (pair["a"], pair["b"]) == (0, 2)
    (passage,) = pair["passages"]
    a0, a1 = passage["a"]
    b0, b1 = passage["b"]
    assert "Wagner group towards" in texts[0][a0:a1]
    assert "Wagner group toward the" in texts[2][b0:b1]
    (edit,) = passage["edits"]
    assert edit["kind"] == "replace"
    assert texts[0][slice(*edit["a"])] == "towards" and texts[2][slice(*edit["b"])] == "toward"
    assert 0 < passage["similarity"] < 1


def test_align_crlf_file_offsets_index_normalised_text(capsys, tmp_path):
    body = " ".join(f"word{i}" for i in range(30))
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(("😀 intro\r\n" + body + "\r\n").encode("utf-8"))
    b.write_text("other start\n" + body + "\n", encoding="utf-8")
    assert main(["align", "--json", str(a), str(b)]) == 0
    data = json.loads(capsys.readouterr().out)
    (passage,) = data["pairs"][0]["passages"]
    normalised = ("😀 intro\n" + body + "\n")
    assert normalised[slice(*passage["a"])] == body


def test_align_min_words_and_diff_mode(capsys, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("one alpha beta gamma delta epsilon zeta two", encoding="utf-8")
    b.write_text("three alpha beta gamma delta epsilon zeta four", encoding="utf-8")
    assert main(["align", "--json", str(a), str(b)]) == 0
    assert json.loads(capsys.readouterr().out)["pairs"][0]["passages"] == []
    assert main(["align", "--json", "--min-words", "5", "--mode", "diff", str(a), str(b)]) == 0
    assert len(json.loads(capsys.readouterr().out)["pairs"][0]["passages"]) == 1


def test_align_errors(capsys, tmp_path):
    assert main(["align", str(tmp_path / "missing.txt"), SEED_FILES[0]]) == 1
    assert "no such file" in capsys.readouterr().err
    assert main(["align", SEED_FILES[0]]) == 1
    assert "at least two" in capsys.readouterr().err
    assert main(["align", "--min-words", "0", *SEED_FILES[:2]]) == 1
    capsys.readouterr()


def test_align_project_ids_and_overview(capsys, tmp_path):
    project = tmp_path / "p.sqlite"
    assert main(["import", "--project", str(project), *SEED_FILES]) == 0
    capsys.readouterr()
    assert main(["align", "--project", str(project), "--json", "1", "3"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["pairs"][0]["passages"]) == 1
    assert main(["align", "--project", str(project), "1", "999"]) == 1
    assert "no article 999" in capsys.readouterr().err

    assert main(["overview", "--project", str(project), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["documents"] == 5 and not data["from_cache"]
    assert [(p["a"], p["b"]) for p in data["pairs"]] == [(1, 3)]
    assert main(["overview", "--project", str(project)]) == 0
    out = capsys.readouterr().out
    assert "5 articles" in out and "(cached)" in out
