"""No network: importing (HTML with remote images, scripts, iframes), aligning and exporting never
open a connection. Every socket entry point is replaced by one that records the attempt and fails."""

from __future__ import annotations

import socket
import urllib.request

import pytest

from desktop_app.core.align import align
from desktop_app.core.articles import import_paths
from desktop_app.core.corpus import overview_for_project
from desktop_app.core.store import Project

REMOTE_HTML = """<!doctype html><html><head><title>Remote page</title>
<link rel="stylesheet" href="http://net.example/style.css"><script src="http://net.example/app.js"></script>
<meta http-equiv="refresh" content="0; url=http://net.example/next"></head>
<body><article><h1>Remote page</h1><img src="http://net.example/photo.jpg" srcset="https://net.example/a.jpg 2x">
<p>The freight train left the border station on Friday carrying coal and timber towards the port,
the operator said in a statement published on its website.</p>
<iframe src="https://net.example/embed"></iframe><video src="http://net.example/v.mp4"></video>
<p>Officials on both sides said the service would run more often next year if demand holds up.</p>
<object data="http://net.example/o.swf"></object></article></body></html>
"""


class NetworkAttempt(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch):
    """Fail on any connection, DNS lookup or datagram; the list records what was tried."""
    attempts: list[str] = []

    def refuse(name):
        def blocked(*args, **kwargs):
            attempts.append(f"{name}{args[1:] if name.startswith('socket.') else args}")
            raise NetworkAttempt(f"network access attempted: {name}")
        return blocked

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket.socket, "sendto", refuse("socket.sendto"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(socket, "gethostbyname", refuse("gethostbyname"))
    yield attempts
    assert attempts == [], f"network access attempted: {attempts}"


def test_the_guard_catches_a_real_request(monkeypatch):
    """Proves the fixture is not vacuous: an HTTP fetch is caught and recorded."""
    attempts: list[str] = []

    def blocked(*args, **kwargs):
        attempts.append("getaddrinfo")
        raise NetworkAttempt("blocked")

    monkeypatch.setattr(socket, "getaddrinfo", blocked)
    with pytest.raises(Exception):
        urllib.request.urlopen("http://net.example/", timeout=5)
    assert attempts == ["getaddrinfo"]


def test_importing_html_with_remote_resources_makes_no_request(no_network, tmp_path):
    page = tmp_path / "remote.html"
    page.write_text(REMOTE_HTML, encoding="utf-8")
    with Project.open(tmp_path / "p.sqlite") as project:
        report = import_paths(project, [page])
        assert len(report.imported) == 1, report.refused
        text = project.article(report.imported[0][0]).text
    assert "freight train left the border station" in text
    assert "net.example" not in text


def test_importing_the_seeds_and_aligning_them_makes_no_request(no_network, tmp_path, seed_paths):
    with Project.open(tmp_path / "p.sqlite") as project:
        import_paths(project, seed_paths)
        first, third = project.article(1), project.article(3)
        alignment = align(first.text, third.text, a_skip=first.skip_ranges(), b_skip=third.skip_ranges())
        assert alignment is not None
        result = overview_for_project(project)
        assert result is not None


def test_exporting_makes_no_request(no_network, seeded_project, tmp_path):
    interchange = pytest.importorskip("desktop_app.core.interchange")
    if not hasattr(seeded_project, "iter_annotations"):
        pytest.skip("the annotation store has not landed yet")
    for fmt in interchange.EXPORT_FORMATS:
        target = tmp_path / f"out-{fmt}{interchange.default_suffix(fmt)}"
        interchange.export_to_path(seeded_project, fmt, target)
        assert target.exists() and target.stat().st_size > 0
