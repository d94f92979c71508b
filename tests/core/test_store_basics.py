"""The project file: creation, settings, refusal of files that are not ours, FTS search."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from desktop_app.core.errors import ProjectError
from desktop_app.core.models import ArticleDraft, Range
from desktop_app.core.store import CURRENT_VERSION, Project


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_project_uses_wal_foreign_keys_and_current_schema(tmp_path):
    with Project.open(tmp_path / "p.sqlite") as project:
        assert project.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert project.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert project.db.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION
        assert project.db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
        names = [row[0] for row in project.db.execute("SELECT name FROM stances ORDER BY position")]
        assert names == ["supports", "denies", "neutral", "questions"]


def test_missing_parent_folders_are_created(tmp_path):
    with Project.open(tmp_path / "a" / "b" / "p.sqlite") as project:
        assert project.article_count() == 0


def test_same_text_is_stored_once(tmp_path):
    with Project.open(tmp_path / "p.sqlite") as project:
        first = project.add_article(ArticleDraft(text="Same words here.", title="One"))
        second = project.add_article(ArticleDraft(text="Same words here.", title="Two"))
        assert first == (first[0], True)
        assert second == (first[0], False)
        assert project.article_count() == 1


def test_ranges_and_metadata_round_trip(tmp_path):
    draft = ArticleDraft(
        text="Headline\n\nBody text of the story.\n\nAdd your comment",
        title="Headline", outlet="Outlet", author="A. Writer", published="2022-11", url="https://x.test/a",
        ranges=(Range("boilerplate", 34, 50, "site chrome"),),
    )
    with Project.open(tmp_path / "p.sqlite") as project:
        article_id, _ = project.add_article(draft)
        article = project.article(article_id)
    assert (article.title, article.outlet, article.author, article.published, article.url) == (
        "Headline", "Outlet", "A. Writer", "2022-11", "https://x.test/a",
    )
    assert article.text == draft.text
    assert article.ranges == draft.ranges
    assert article.words == 9


def test_full_text_search_matches_words_and_prefixes(seeded_project):
    hits = seeded_project.search_articles("Wagner")
    titles = {seeded_project.article(i).title for i in hits}
    assert titles == {
        "Whatever the cargo type, Russia-North Korea train to run more often",
        "White House confirms North Korea-Russia ammunition transport by rail",
    }
    assert sorted(seeded_project.search_articles("thoroughbr")) == [4, 5]
    assert seeded_project.search_articles("Matsegora") == [1]
    assert seeded_project.search_articles('"unbalanced (quote') == []


def test_file_from_a_newer_version_is_refused_and_untouched(tmp_path):
    path = tmp_path / "new.sqlite"
    with Project.open(path):
        pass
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {CURRENT_VERSION + 5}")
    conn.close()
    before = digest(path)
    with pytest.raises(ProjectError, match="newer Crosscheck"):
        Project.open(path)
    assert digest(path) == before


def test_file_that_is_not_a_database_is_refused_and_untouched(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"these are my notes, not a database\n" * 100)
    before = digest(path)
    with pytest.raises(ProjectError, match="not a Crosscheck project"):
        Project.open(path)
    assert digest(path) == before


def test_corrupt_database_is_refused_and_untouched(tmp_path):
    path = tmp_path / "corrupt.sqlite"
    with Project.open(path) as project:
        project.add_article(ArticleDraft(text="Some words " * 500))
        project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # smash the first page after the header
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises(ProjectError, match="corrupt|damaged|not a"):
        Project.open(path)
    assert digest(path) == before


def test_other_apps_database_is_refused_and_untouched(tmp_path):
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(ProjectError, match="not a Crosscheck project"):
        Project.open(path)
    assert digest(path) == before


def test_missing_project_is_not_created_when_asked_not_to(tmp_path):
    with pytest.raises(ProjectError, match="does not exist"):
        Project.open(tmp_path / "nope.sqlite", create=False)
    assert not (tmp_path / "nope.sqlite").exists()


def test_folder_is_refused(tmp_path):
    with pytest.raises(ProjectError, match="folder"):
        Project.open(tmp_path)


def test_failed_insert_leaves_no_partial_article(tmp_path):
    bad = ArticleDraft(text="Words that will not stay.", ranges=(Range("nonsense", 0, 3),))
    with Project.open(tmp_path / "p.sqlite") as project:
        with pytest.raises(sqlite3.IntegrityError):
            project.add_article(bad)
        assert project.article_count() == 0
