"""Screenshots of the real window: shared text shows as colour, and the CLI writes the PNG."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage

from desktop_app.cli import main
from desktop_app.ui.palette import PASSAGE_FILLS
from tests.ui.conftest import add_texts, open_and_wait
from tests.ui.synthetic import shared_pair, unrelated_pair


def _blend(colour: str, alpha: int = 150) -> tuple[int, int, int]:
    c = QColor(colour)
    return tuple(round((v * alpha + 255 * (255 - alpha)) / 255) for v in (c.red(), c.green(), c.blue()))


HIGHLIGHTS = [_blend(c) for c in PASSAGE_FILLS]


def highlight_pixels(image: QImage, step: int = 2) -> int:
    """Pixels (sampled every `step`) whose colour is a passage fill over the white page."""
    count = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            c = image.pixelColor(x, y)
            rgb = (c.red(), c.green(), c.blue())
            if any(sum(abs(a - b) for a, b in zip(rgb, h)) <= 12 for h in HIGHLIGHTS):
                count += 1
    return count


def test_shared_text_shows_plainly_more_highlight_than_unrelated_text(qtbot, make_window, seeded_project):
    a, b, _ = shared_pair(passages=6, seed=4, filler=(20, 40), shared=(40, 60))
    shared_ids = add_texts(seeded_project, a, b)
    c, d = unrelated_pair()
    unrelated_ids = add_texts(seeded_project, c, d)
    window = make_window(seeded_project.path, size=(1200, 800))
    open_and_wait(qtbot, window, shared_ids)
    shared = highlight_pixels(window.grab().toImage())
    open_and_wait(qtbot, window, unrelated_ids)
    unrelated = highlight_pixels(window.grab().toImage())
    assert shared > 2000
    assert shared > 10 * max(unrelated, 1)


def test_cli_screenshot_renders_the_comparison(tmp_path, seeded_project):
    ids = [a.id for a in seeded_project.articles()]
    target = tmp_path / "shot.png"
    assert main(["gui", "--project", str(seeded_project.path), "--compare", str(ids[0]), str(ids[2]),
                 "--screenshot", str(target), "--size", "1000x700"]) == 0
    image = QImage(str(target))
    assert (image.width(), image.height()) == (1000, 700)
    assert highlight_pixels(image) > 200  # the shared quote is on screen, highlighted


def test_cli_compare_of_an_unknown_article_is_a_one_line_error(tmp_path, seeded_project, capsys):
    target = tmp_path / "shot.png"
    assert main(["gui", "--project", str(seeded_project.path), "--compare", "1", "99",
                 "--screenshot", str(target)]) == 1
    err = capsys.readouterr().err
    assert "no article 99" in err and err.count("\n") == 1
    assert not target.exists()
