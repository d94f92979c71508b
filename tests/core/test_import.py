"""Article import: seeds, formats, encodings, boilerplate, duplicates, and every refusal."""

from __future__ import annotations

import hashlib
import json

import pytest

from desktop_app.core.articles import ImportOptions, import_paths, load_file
from desktop_app.core.collections_import import ColumnChoice
from desktop_app.core.errors import ImportRefused
from desktop_app.core.store import Project

SEED_TITLES = [
    "Whatever the cargo type, Russia-North Korea train to run more often",
    "On Friday, November 4, the first freight train left North Korea for Russia",
    "White House confirms North Korea-Russia ammunition transport by rail",
    "North Korea, Russia End 2-Year Hiatus in Railway Trade",
    "Goods pile up in North Korea after trains resume from Russia, think-tank says",
]


def db_digest(project: Project) -> str:
    """A digest of every row of every table: equal digests mean an unchanged project."""
    rows = []
    for (table,) in project.db.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"):
        rows.append((table, project.db.execute(f"SELECT * FROM [{table}]").fetchall()))
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_seeds_import_with_their_titles_and_metadata(seeded_project):
    articles = seeded_project.articles()
    assert [a.title for a in articles] == SEED_TITLES
    assert [a.outlet for a in articles] == [
        "RailFreight.com", "Railway Supply", "RailFreight.com", "The Moscow Times", "Reuters",
    ]
    assert articles[2].author == "Nikos Papatolios"
    assert articles[4].published == "2022-12"


def test_titles_skip_banners_without_a_catalog(tmp_path, seed_paths):
    for seed in seed_paths[3:]:
        (tmp_path / seed.name).write_text(seed.read_text(encoding="utf-8") + "\n(local copy)\n", encoding="utf-8")
    titles = [load_file(tmp_path / seed.name)[0].title for seed in seed_paths[3:]]
    assert titles == SEED_TITLES[3:]


def test_seed_000_second_copy_is_duplicate_and_comment_form_is_boilerplate(seeded_project):
    article = seeded_project.article(1)
    text = article.text
    second_copy = text.index("Whatever the cargo type, Russia-North Korea train to run more often\n", 100)
    duplicates = [r for r in article.ranges if r.kind == "duplicate"]
    assert len(duplicates) == 1
    assert duplicates[0].start == second_copy
    assert text[duplicates[0].end - 20 : duplicates[0].end] == text.rstrip()[-20:]
    boiler = [text[r.start : r.end] for r in article.ranges if r.kind == "boilerplate"]
    first_form = [chunk for chunk in boiler if "Add your comment" in chunk]
    assert first_form and "characters remaining." in first_form[0]
    assert "Log in through one of the following social media partners" in first_form[0]
    assert all("Russia wants to increase rail freight" not in chunk for chunk in boiler)


def test_banner_and_appeal_of_seed_003_are_boilerplate(seeded_project):
    article = seeded_project.article(4)
    boiler = "".join(article.text[r.start : r.end] for r in article.ranges if r.kind == "boilerplate")
    assert "Enjoying ad-free content?" in boiler
    assert "we have a small favor to ask" in boiler
    assert "Remind me later." in boiler
    assert "North Korea, Russia End 2-Year Hiatus" not in boiler
    assert "Russia’s Interfax news agency reported" not in boiler


def test_stored_text_is_the_file_text(seeded_project, seed_paths):
    for article, path in zip(seeded_project.articles(), seed_paths):
        assert seeded_project.article(article.id).text == path.read_text(encoding="utf-8")


def test_reimport_reports_existing_and_adds_nothing(seeded_project, seed_paths):
    report = import_paths(seeded_project, seed_paths)
    assert report.imported == []
    assert [article_id for article_id, _ in report.existing] == [1, 2, 3, 4, 5]
    assert seeded_project.article_count() == 5


def test_latin1_and_cp1252_files_keep_their_accents(tmp_path):
    (tmp_path / "latin1.txt").write_bytes("Le président a visité Zürich à Noël.".encode("latin-1"))
    (tmp_path / "cp1252.txt").write_bytes("He said “quoted” – a dash, and €5.".encode("cp1252"))
    assert load_file(tmp_path / "latin1.txt")[0].text == "Le président a visité Zürich à Noël."
    assert load_file(tmp_path / "cp1252.txt")[0].text == "He said “quoted” – a dash, and €5."


def test_crlf_and_cr_newlines_become_lf(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"Title line\r\n\r\nBody one.\rBody two.\r\n")
    assert load_file(tmp_path / "a.txt")[0].text == "Title line\n\nBody one.\nBody two.\n"


def test_utf8_bom_is_dropped(tmp_path):
    (tmp_path / "bom.txt").write_bytes("\ufeffHeadline\n\nText.".encode("utf-8"))
    assert load_file(tmp_path / "bom.txt")[0].text == "Headline\n\nText."


def test_markdown_heading_is_the_title(tmp_path):
    (tmp_path / "a.md").write_text("Intro words first\n\n# Real Heading\n\nBody.", encoding="utf-8")
    assert load_file(tmp_path / "a.md")[0].title == "Real Heading"


HTML = """<!doctype html><html><head><title>Trains resume | Daily Planet</title>
<meta name="author" content="Jane Doe"><meta property="og:site_name" content="Daily Planet">
<meta property="article:published_time" content="2022-11-07">
<link rel="canonical" href="https://planet.test/trains"><style>p { color: red } .secret {}</style>
<script>var secretToken = "do-not-store";</script></head>
<body><nav>Home | World | Sport</nav><article><h1>Trains resume</h1>
<p onclick="stealCookies()">The first freight train in two years crossed the bridge between the two countries on Friday, officials said.</p>
<img src="http://tracker.invalid/pixel.png">
<p>Thirty horses were on board, according to the railway operator, which expects medicine to follow in later shipments.</p>
<script>document.write("injected script text")</script></article></body></html>"""


def test_html_main_text_and_metadata_without_script_or_style(tmp_path):
    (tmp_path / "page.html").write_text(HTML, encoding="utf-8")
    draft = load_file(tmp_path / "page.html")[0]
    assert "first freight train in two years" in draft.text
    assert "Thirty horses were on board" in draft.text
    for leaked in ("secretToken", "injected script text", "color: red", "stealCookies", "pixel.png"):
        assert leaked not in draft.text
    assert draft.author == "Jane Doe"
    assert draft.outlet == "Daily Planet"
    assert draft.published == "2022-11-07"
    assert draft.url == "https://planet.test/trains"
    assert draft.title.startswith("Trains resume")


def test_csv_collection_with_fnc1_columns(tmp_path):
    (tmp_path / "bodies.csv").write_text(
        'Body ID,articleBody\n7,"First body, with a comma.\nAnd a second line."\n9,"Second body."\n10,"  "\n',
        encoding="utf-8",
    )
    drafts = load_file(tmp_path / "bodies.csv")
    assert [d.text for d in drafts] == ["First body, with a comma.\nAnd a second line.", "Second body."]
    assert [d.source_path.rsplit("#", 1)[1] for d in drafts] == ["7", "9"]
    assert drafts[0].title == "First body, with a comma."


def test_csv_column_override(tmp_path):
    (tmp_path / "x.csv").write_text("story,head,site\nBody here.,Head here,Outlet here\n", encoding="utf-8")
    with pytest.raises(ImportRefused, match="no text column"):
        load_file(tmp_path / "x.csv")
    options = ImportOptions(columns=ColumnChoice(text="story", title="head", outlet="site"))
    draft = load_file(tmp_path / "x.csv", options)[0]
    assert (draft.text, draft.title, draft.outlet) == ("Body here.", "Head here", "Outlet here")


def test_jsonl_collection(tmp_path):
    rows = [{"headline": "H1", "content": "Text one.", "source": "Wire", "date": "2023-01-20"},
            {"headline": "H2", "content": "Text two 😀.", "url": "https://x.test/2"}]
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    drafts = load_file(tmp_path / "a.jsonl")
    assert [(d.title, d.text, d.outlet, d.published, d.url) for d in drafts] == [
        ("H1", "Text one.", "Wire", "2023-01-20", ""), ("H2", "Text two 😀.", "", "", "https://x.test/2"),
    ]


BAD_INPUTS = {
    "empty": (lambda p: p.write_bytes(b""), "is empty"),
    "whitespace": (lambda p: p.write_bytes(b"  \n\t\r\n  "), "is empty"),
    "nul bytes": (lambda p: p.write_bytes(b"text\x00with\x00nuls" * 10), "binary"),
    "binary": (lambda p: p.write_bytes(bytes(range(256)) * 20), "binary"),
    "undecodable": (lambda p: p.write_bytes(bytes(range(128, 256)) * 10), "encoding"),
    "too large": (lambda p: p.write_bytes(b"word " * 300_000), "import limit"),
    "folder": (lambda p: p.mkdir(), "is a folder"),
    "missing": (lambda p: None, "no such file"),
    "bad jsonl": (lambda p: p.with_suffix(".jsonl").write_text('{"text": "ok"}\nnot json\n'), "line 2"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_refused_in_one_line_and_project_unchanged(seeded_project, tmp_path, case):
    make, message = BAD_INPUTS[case]
    path = tmp_path / "input.txt"
    make(path)
    if case == "bad jsonl":
        path = path.with_suffix(".jsonl")
    before = db_digest(seeded_project)
    options = ImportOptions(max_bytes=1_000_000)
    report = import_paths(seeded_project, [path], options)
    assert report.imported == []
    assert len(report.refused) == 1
    reason = report.refused[0][1]
    assert message in reason and "\n" not in reason
    with pytest.raises(ImportRefused, match=message):
        import_paths(seeded_project, [path], ImportOptions(max_bytes=1_000_000, strict=True))
    assert db_digest(seeded_project) == before


def test_batch_imports_good_files_and_lists_refused(tmp_path):
    (tmp_path / "good.txt").write_text("A good article\n\nWith a body.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    with Project.open(tmp_path / "p.sqlite") as project:
        report = import_paths(project, [tmp_path / "good.txt", tmp_path / "empty.txt"])
        assert len(report.imported) == 1 and len(report.refused) == 1
        assert project.article_count() == 1


def test_strict_batch_is_all_or_nothing(tmp_path):
    (tmp_path / "good.txt").write_text("A good article\n\nWith a body.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    with Project.open(tmp_path / "p.sqlite") as project:
        with pytest.raises(ImportRefused, match="nothing imported"):
            import_paths(project, [tmp_path / "good.txt", tmp_path / "empty.txt"], ImportOptions(strict=True))
        assert project.article_count() == 0


def test_size_cap_is_configurable_by_environment(tmp_path, monkeypatch):
    (tmp_path / "big.txt").write_bytes(b"word " * 100_000)
    monkeypatch.setenv("CROSSCHECK_MAX_IMPORT_MB", "0.1")
    with pytest.raises(ImportRefused, match="0 MB import limit|import limit"):
        load_file(tmp_path / "big.txt")
    monkeypatch.setenv("CROSSCHECK_MAX_IMPORT_MB", "1")
    assert load_file(tmp_path / "big.txt")[0].text.startswith("word word")


def test_cancelled_import_rolls_back_everything(tmp_path):
    """Cancel (GUI) stops the import inside its transaction: the articles already written go too."""
    from desktop_app.core.articles import ImportCancelled

    rows = "\n".join(f"{n},Report number {n} on the freight line, item {n * 7} of the series." for n in range(120))
    collection = tmp_path / "many.csv"
    collection.write_text("id,text\n" + rows + "\n")
    seen = []
    with Project.open(tmp_path / "p.sqlite") as project:
        with pytest.raises(ImportCancelled):
            import_paths(project, [collection], progress=lambda done, total: seen.append((done, total)),
                         should_cancel=lambda: (50, 120) in seen)
        assert project.article_count() == 0
    assert seen == [(0, 1), (0, 120), (50, 120)]  # files read, then articles written until Cancel
