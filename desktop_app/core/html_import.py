"""HTML pages to article drafts through trafilatura: main text plus title, author, date, site, URL.

Only the given bytes are read; nothing is fetched (trafilatura never follows links or images when
given a string). Script and style content never reaches the text because trafilatura drops those
elements before extracting.
"""

from __future__ import annotations

import re

import trafilatura

from desktop_app.core.errors import ImportRefused

_HTML_HINT = re.compile(r"<\s*(?:!doctype\s+html|html|head|body|article|p|div)\b", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """True for text that is an HTML document rather than prose mentioning a tag."""
    return bool(_HTML_HINT.search(text[:2048]))


def extract_html(html: str, name: str) -> dict:
    """The main text and metadata of a page, as ArticleDraft fields."""
    document = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_images=False,
        include_links=False,
        include_tables=True,
    )
    text = (getattr(document, "text", None) or "").strip() if document is not None else ""
    if not text:
        raise ImportRefused(f"{name}: no article text found in this HTML page")
    return {
        "text": text,
        "title": (document.title or "").strip(),
        "author": (document.author or "").strip(),
        "published": (document.date or "").strip(),
        "outlet": (document.sitename or "").strip(),
        "url": (document.url or "").strip(),
    }
