"""Importing a Crosscheck JSON project export (export_json.py) into any project.

Articles are matched by the hash of their text and created (with their ranges) when missing; an
existing article keeps its own metadata. Stances are matched by name, case-insensitively; tags and
claims by exact name and text; missing ones are created. Into a project with no annotations yet the
file's codebook is adopted whole (colours, keys, order, and unused default stances not in the file
are dropped), so export → import into a new project → export gives the same file. Annotations keep
their exported ids where the target has them free; ones the project already has are skipped.
"""

from __future__ import annotations

import re

from desktop_app.core.store.articles import text_hash
from desktop_app.core.export_json import JSON_FORMAT, JSON_VERSION
from desktop_app.core.import_common import ImportSession
from desktop_app.core.interchange_types import InterchangeError
from desktop_app.core.models import RANGE_KINDS, ArticleDraft, Range


def check_header(data: dict) -> None:
    if data.get("format") != JSON_FORMAT:
        raise InterchangeError(f"not a Crosscheck project export (format is {data.get('format')!r})")
    version = data.get("version")
    if not isinstance(version, int) or version < 1:
        raise InterchangeError(f"the export's format version {version!r} is not a number we know")
    if version > JSON_VERSION:
        raise InterchangeError(
            f"the export was written by a newer Crosscheck (format version {version}; this version "
            f"reads up to {JSON_VERSION}); please upgrade Crosscheck"
        )


def _str(item: dict, key: str) -> str:
    value = item.get(key, "")
    return value if isinstance(value, str) else ("" if value is None else str(value))


_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _colour(value: str, fallback: str = "#808080") -> str:
    value = value.strip()
    return value.lower() if _COLOUR.match(value) else fallback


def import_codebook(session: ImportSession, codebook: dict, adopt: bool) -> None:
    """Create missing stances and tags; when `adopt`, make the project's codebook the file's.

    Stance keys stay unique one-character shortcuts: a key another stance already uses is left
    empty rather than stolen; colours that are not #rrggbb fall back to grey (or the current one).
    """
    project = session.project
    stances = [s for s in codebook.get("stances", []) if isinstance(s, dict) and _str(s, "name").strip()]
    existing = {s.name.casefold(): s for s in project.codebook_stances()}
    wanted = {_str(s, "name").strip().casefold() for s in stances}
    if adopt and stances:
        for key, current in list(existing.items()):
            if key not in wanted and project.delete_unused_stance(current.id):
                session.stances.pop(key, None)
                del existing[key]
    keys_in_use = {s.key for k, s in existing.items() if s.key and not (adopt and k in wanted)}
    next_position = max((s.position for s in existing.values()), default=-1) + 1
    for item in stances:
        name = _str(item, "name").strip()
        key = _str(item, "key").strip()
        key = key if len(key) == 1 and key not in keys_in_use else ""
        if key:
            keys_in_use.add(key)
        position = item.get("position") if adopt and isinstance(item.get("position"), int) else next_position
        current = existing.get(name.casefold())
        if current is None:
            new_id = project.insert_codebook_stance(name, _colour(_str(item, "colour")), key, position,
                                                    _str(item, "description"))
            session.stances[name.casefold()] = new_id
            next_position = max(next_position, position) + 1
        elif adopt:
            project.update_codebook_stance(current.id, _colour(_str(item, "colour"), current.colour), key,
                                           position, _str(item, "description"))
    tags = [t for t in codebook.get("tags", []) if isinstance(t, dict) and _str(t, "name")]
    created = []
    for item in tags:
        name = _str(item, "name")
        if name not in session.tags:
            session.tags[name] = project.insert_codebook_tag(name, None, _str(item, "colour"))
            created.append(item)
    for item in created:
        parent = item.get("parent")
        if isinstance(parent, str) and parent:
            project.set_tag_parent(session.tags[_str(item, "name")], session.tag_id(parent))


def import_articles(session: ImportSession, articles: list) -> dict[str, int]:
    """Article ids by the file's text hash, creating missing articles with their ranges."""
    ids: dict[str, int] = {}
    for n, item in enumerate(articles, 1):
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            session.refuse(n, "article has no text", "article")
            continue
        text = item["text"]
        digest = text_hash(text)
        ranges = []
        for r in item.get("ranges") or []:
            if (isinstance(r, dict) and r.get("kind") in RANGE_KINDS and isinstance(r.get("start"), int)
                    and isinstance(r.get("end"), int) and 0 <= r["start"] <= r["end"] <= len(text)):
                ranges.append(Range(r["kind"], r["start"], r["end"], _str(r, "label")))
        draft = ArticleDraft(
            text=text, title=_str(item, "title"), outlet=_str(item, "outlet"), author=_str(item, "author"),
            published=_str(item, "published"), url=_str(item, "url"),
            source_path=_str(item, "source_path"), ranges=tuple(ranges),
        )
        article_id, created = session.project.add_article(draft)
        session.by_hash[digest] = article_id
        session.articles_created += int(created)
        ids[digest] = article_id
        declared = item.get("text_hash")
        if isinstance(declared, str) and declared:
            ids[declared] = article_id
    return ids


def _int(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def import_annotation(session: ImportSession, n: int, item, article_ids: dict[str, int]) -> None:
    session.tick()
    if not isinstance(item, dict):
        session.refuse(n, "not an annotation object", "annotation")
        return
    digest = _str(item, "article")
    article_id = article_ids.get(digest, session.by_hash.get(digest))
    if article_id is None:
        session.refuse(n, f"its article (text hash {digest[:12] or '?'}…) is neither in the file nor in the project", "annotation")
        return
    claim = _str(item, "claim").strip()
    if not claim:
        session.refuse(n, "the claim is empty", "annotation")
        return
    stance = _str(item, "stance")
    stance_id = session.stance_id(stance)
    if stance_id is None:
        session.refuse(n, f"unknown stance {stance!r} (project stances: {session.stance_names()})", "annotation")
        return
    selector = item.get("selector") if isinstance(item.get("selector"), dict) else {}
    start, end = _int(selector.get("start")), _int(selector.get("end"))
    quote, prefix, suffix = _str(selector, "quote"), _str(selector, "prefix"), _str(selector, "suffix")
    orphaned = bool(item.get("orphaned"))
    if not orphaned:
        span = session.anchor(article_id, quote, prefix, suffix, start, end)
        if span is None:
            session.refuse(n, f"quote not found in article {article_id}: {quote[:40]!r}", "annotation")
            return
        start, end = span
    elif start is None or end is None or not 0 <= start <= end:
        session.refuse(n, "orphaned annotation without a valid start/end", "annotation")
        return
    tags = item.get("tags") if isinstance(item.get("tags"), list) else []
    session.add(
        article_id=article_id, start=start, end=end, claim=claim, stance_id=stance_id,
        speaker=_str(item, "speaker"), tags=[t for t in tags if isinstance(t, str)], note=_str(item, "note"),
        annotator=_str(item, "annotator"), created_at=_str(item, "created_at"),
        updated_at=_str(item, "updated_at"), orphaned=orphaned, wanted_id=_int(item.get("id")),
        quote=quote, prefix=prefix, suffix=suffix,
    )


def _prepare(session: ImportSession, data: dict) -> dict[str, int]:
    """Header check, codebook, claims and articles: everything annotations refer to."""
    check_header(data)
    adopt = not session.annotation_ids_taken
    codebook = data.get("codebook") if isinstance(data.get("codebook"), dict) else {}
    import_codebook(session, codebook, adopt)
    for item in data.get("claims") or []:
        if isinstance(item, dict) and _str(item, "text").strip():
            session.claim_id(_str(item, "text"), _str(item, "created_at"), _int(item.get("id")))
    return import_articles(session, data.get("articles") or [])


def fill_from_json(session: ImportSession, data: dict) -> None:
    """Everything in a Crosscheck JSON export (parsed whole), into the session's project."""
    article_ids = _prepare(session, data)
    annotations = data.get("annotations") or []
    for n, item in enumerate(annotations, 1):
        import_annotation(session, n, item, article_ids)
        annotations[n - 1] = None  # let the parsed object go as soon as its row is collected


def fill_from_json_lines(session: ImportSession, data: bytes) -> None:
    """The same from our own export's one-value-per-line layout, decoding one annotation at a time."""
    from desktop_app.core.json_lines import line_events

    members: dict = {}
    article_ids: dict[str, int] | None = None
    n = 0
    for kind, key, value in line_events(data):
        if kind == "member":
            members[key] = value
        elif key != "annotations":
            members.setdefault(key, []).append(value)
        else:
            if article_ids is None:
                article_ids = _prepare(session, members)
                members.pop("articles", None)
            n += 1
            import_annotation(session, n, value, article_ids)
    if article_ids is None:
        _prepare(session, members)
