"""Importing W3C Web Annotations (JSON-LD) into a project: our own exports and similar files.

Accepted shapes: an `AnnotationCollection` with `items` (or `first.items`), a single `Annotation`,
or a JSON list of annotations. Each annotation's target must name an article of the project: by
``urn:sha256:<text hash>``, by ``cc:textHash``, or by URL. The quote is anchored from its
TextPositionSelector when the text there still matches, else found from the TextQuoteSelector
(exact, disambiguated by prefix/suffix). The claim comes from ``cc:claim`` (or a ``classifying``
body), the stance from ``cc:stance`` and must exist in the codebook, the speaker from
``cc:attributedTo``; ``describing`` bodies become the note and ``tagging`` bodies the tags.
"""

from __future__ import annotations

from desktop_app.core.export_w3c import ANNOTATION_URN, SHA256_URN
from desktop_app.core.import_common import ImportSession
from desktop_app.core.interchange_types import InterchangeError

UNIT = "item"


def w3c_items(data) -> list:
    """The annotations of a W3C document, or InterchangeError if it holds none."""
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        raise InterchangeError("not a W3C Web Annotation document")
    kind = data.get("type")
    kinds = kind if isinstance(kind, list) else [kind]
    if "AnnotationCollection" in kinds:
        if isinstance(data.get("items"), list):
            return data["items"]
        first = data.get("first")
        if isinstance(first, dict) and isinstance(first.get("items"), list):
            return first["items"]
        return []
    if "Annotation" in kinds:
        return [data]
    raise InterchangeError(f"not a W3C Web Annotation document (type is {kind!r})")


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _bodies(item: dict, purpose: str) -> list[str]:
    found = []
    for body in _as_list(item.get("body")):
        if isinstance(body, dict):
            purposes = _as_list(body.get("purpose"))
            if purpose in purposes and isinstance(body.get("value"), str):
                found.append(body["value"])
        elif isinstance(body, str) and purpose == "tagging" and item.get("motivation") == "tagging":
            found.append(body)
    return found


def _selectors(target: dict) -> tuple[dict, dict]:
    quote: dict = {}
    position: dict = {}
    for selector in _as_list(target.get("selector")):
        if not isinstance(selector, dict):
            continue
        if selector.get("type") == "TextQuoteSelector" and not quote:
            quote = selector
        elif selector.get("type") == "TextPositionSelector" and not position:
            position = selector
    return quote, position


def _candidate_articles(session: ImportSession, target: dict, by_url: dict[str, list[int]]) -> list[int]:
    source = _text(target.get("source")) or _text(target.get("id"))
    digest = _text(target.get("cc:textHash"))
    if not digest and source.startswith(SHA256_URN):
        digest = source[len(SHA256_URN):]
    if digest:
        found = session.by_hash.get(digest.lower())
        if found is not None:
            return [found]
    return list(by_url.get(source, []))


def _wanted_id(item: dict) -> int | None:
    ident = _text(item.get("id"))
    if ident.startswith(ANNOTATION_URN) and ident[len(ANNOTATION_URN):].isdigit():
        return int(ident[len(ANNOTATION_URN):])
    return None


def _int(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def import_w3c_item(session: ImportSession, n: int, item, by_url: dict[str, list[int]]) -> None:
    session.tick()
    if not isinstance(item, dict):
        session.refuse(n, "not an annotation object", UNIT)
        return
    target = next((t for t in _as_list(item.get("target")) if isinstance(t, dict)), None)
    if target is None:
        session.refuse(n, "the annotation has no target with selectors", UNIT)
        return
    articles = _candidate_articles(session, target, by_url)
    if not articles:
        session.refuse(n, f"unknown article {_text(target.get('source')) or '(no source)'!r}", UNIT)
        return
    claim = _text(item.get("cc:claim")).strip() or next(iter(_bodies(item, "classifying")), "").strip()
    if not claim:
        session.refuse(n, "no claim (cc:claim or a classifying body)", UNIT)
        return
    stance = _text(item.get("cc:stance"))
    stance_id = session.stance_id(stance)
    if stance_id is None:
        session.refuse(n, f"unknown stance {stance!r} (project stances: {session.stance_names()})", UNIT)
        return
    quote, position = _selectors(target)
    start, end = _int(position.get("start")), _int(position.get("end"))
    exact = _text(quote.get("exact"))
    span = article_id = None
    for candidate in articles:
        text = session.text(candidate)
        wanted = exact or (text[start:end] if start is not None and end is not None and 0 <= start < end <= len(text) else "")
        span = session.anchor(candidate, wanted, _text(quote.get("prefix")), _text(quote.get("suffix")), start, end)
        if span is not None:
            article_id = candidate
            break
    if span is None or article_id is None:
        session.refuse(n, f"quote not found in the article: {exact[:40]!r}", UNIT)
        return
    creator = item.get("creator")
    annotator = _text(creator.get("name")) if isinstance(creator, dict) else _text(creator)
    session.add(
        article_id=article_id, start=span[0], end=span[1], claim=claim, stance_id=stance_id,
        speaker=_text(item.get("cc:attributedTo")), tags=_bodies(item, "tagging"),
        note="\n\n".join(_bodies(item, "describing")), annotator=annotator,
        created_at=_text(item.get("created")), updated_at=_text(item.get("modified")),
        wanted_id=_wanted_id(item),
    )


def fill_from_w3c(session: ImportSession, data) -> None:
    """Every annotation of a W3C document into the session's project."""
    items = w3c_items(data)
    by_url = session.project.article_ids_by_url()
    for n, item in enumerate(items, 1):
        import_w3c_item(session, n, item, by_url)
        items[n - 1] = None  # free the parsed object once its row is collected
