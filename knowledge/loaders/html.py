"""HTML pages: converted to markdown-ish text with headings kept, furniture elements (nav, ads,
comment boxes, share bars, cookie banners) dropped, metadata read from <meta> tags."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString

from knowledge.loaders.document import (
    HEADING_LINE,
    LimitExceeded,
    LoadedDocument,
    LoadError,
    first_line,
    paragraphs,
    slugify,
)
from knowledge.loaders.furniture import strip_furniture_sections
from knowledge.loaders.webtext import strip_furniture_lines

_DROP_TAGS = ("script", "style", "noscript", "nav", "aside", "form", "iframe", "svg", "button", "template",
              "select", "input", "textarea", "dialog", "object", "embed", "canvas")  # fmt: skip
# class / id / role tokens that mark furniture: exact tokens, and prefixes ("advert", "advertisement")
_FURNITURE_TOKENS = frozenset(
    {
        "ad",
        "ads",
        "adslot",
        "adsbygoogle",
        "adunit",
        "banner",
        "promo",
        "popup",
        "modal",
        "breadcrumb",
        "breadcrumbs",
        "byline",
        "sidebar",
        "widget",
        "disqus",
        "bio",
        "cta",
        "signup",
        "upsell",
    }
)
_FURNITURE_PREFIXES = (
    "advert",
    "author",
    "disclaim",
    "promo",
    "contact",
    "sponsor",
    "cookie",
    "comment",
    "share",
    "sharing",
    "social",
    "newsletter",
    "related",
    "subscribe",
    "gdpr",
    "consent",
)
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCKS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "ul",
    "ol",
    "li",
    "pre",
    "blockquote",
    "table",
    "tr",
    "figure",
    "figcaption",
    "dl",
    "dt",
    "dd",
    "br",
    "hr",
    "header",
    "footer",
    *_HEADINGS,
}
_NEVER_FURNITURE = frozenset({"html", "body", "main", "article"})
#: Deeper nesting than any real page; beyond it the tree walk would recurse out of the stack.
MAX_HTML_DEPTH = 256
#: Elements per page: bounds the parse tree's memory and time (BeautifulSoup keeps ~1.3 KB per
#: element; 40,000 is ~2x a long Wikipedia article). See BENCHMARKS.md, "Ingest memory".
MAX_HTML_ELEMENTS = 40_000
_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^<>]*?(/?)>")
# Elements that never nest or are commonly left unclosed (an unclosed <p> does not deepen the page).
_FLAT = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                   "track", "wbr", "p", "li", "dt", "dd", "td", "th", "tr", "option", "colgroup"})  # fmt: skip


def check_html_shape(html: str, max_text_chars: int | None = None) -> None:
    """Refuse pages nested deeper than MAX_HTML_DEPTH, with more than MAX_HTML_ELEMENTS elements
    or (with `max_text_chars`) with far more text than that, before they are parsed (one regex
    pass, no tree). The text estimate is the characters outside tags; furniture and whitespace
    make it an over-estimate, hence the margin of 1.5."""
    depth = deepest = elements = tag_chars = 0
    for match in _TAG.finditer(html):
        tag_chars += match.end() - match.start()
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if closing:
            if name not in _FLAT:
                depth = max(0, depth - 1)
            continue
        elements += 1
        if elements > MAX_HTML_ELEMENTS:
            raise LoadError(f"too many HTML elements (more than {MAX_HTML_ELEMENTS:,})")
        if name not in _FLAT and not self_closing:
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_HTML_DEPTH:
                    raise LoadError(f"HTML nested too deeply (more than {MAX_HTML_DEPTH} levels)")
    text_chars = len(html) - tag_chars
    if max_text_chars is not None and text_chars > 1.5 * max_text_chars:
        raise LimitExceeded(
            f"too much text (about {text_chars:,} characters: far more than the per-file chunk limit holds)",
            "max_chunks",
        )


def _is_furniture(tag: Tag) -> bool:
    if tag.attrs is None or tag.name in _NEVER_FURNITURE:
        return False
    if tag.get("aria-hidden") == "true" or tag.get("role") in ("navigation", "banner", "contentinfo"):
        return True
    classes = tag.get("class")
    class_list = [classes] if isinstance(classes, str) else list(classes or [])
    names = " ".join([*class_list, str(tag.get("id", "")), str(tag.get("role", ""))]).lower()
    return any(
        token in _FURNITURE_TOKENS or token.startswith(_FURNITURE_PREFIXES)
        for token in re.split(r"[^a-z0-9]+", names)
        if token
    )


def _meta(metas: dict[str, str], *names: str) -> str:
    return next((metas[name] for name in names if metas.get(name)), "")


def _meta_tags(soup: BeautifulSoup) -> dict[str, str]:
    """{name or property: content} of the page's <meta> tags, in one pass (the first one wins)."""
    out: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = str(tag.get("name") or tag.get("property") or "")
        if key and key not in out and tag.get("content"):
            out[key] = str(tag["content"]).strip()
    return out


def html_to_markdown(html: str, max_text_chars: int | None = None) -> tuple[str, dict[str, str]]:
    """Main content of an HTML page as markdown, and what we learnt about the page (title...)."""
    html = _SCRIPT_OR_STYLE.sub(" ", html)  # their contents may hold "<div" strings; dropped anyway
    check_html_shape(html, max_text_chars)
    soup = BeautifulSoup(html, "html.parser")
    metas = _meta_tags(soup)
    info = {
        "title": soup.title.get_text(" ", strip=True) if soup.title else "",
        "author": _meta(metas, "author", "article:author", "og:article:author"),
        "date": _meta(metas, "article:published_time", "date", "pubdate", "og:published_time"),
        "source": _meta(metas, "og:site_name", "application-name"),
    }
    if not info["date"]:
        time_tag = soup.find("time")
        if isinstance(time_tag, Tag):
            info["date"] = str(time_tag.get("datetime") or time_tag.get_text(strip=True))
    h1 = soup.find("h1")
    if isinstance(h1, Tag):
        info["h1"] = h1.get_text(" ", strip=True)

    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(["header", "footer"]):
        # An article's own header holds its title; page-level headers and footers are furniture.
        if tag.name == "footer" or tag.find_parent(["article", "main"]) is None:
            tag.decompose()
    page_chars = len((soup.body or soup).get_text(" ", strip=True))
    for tag in soup.find_all(True):
        # A wrapper whose class merely mentions e.g. "comments" but that holds most of the page, or
        # the article's title, is content: keep it.
        if not _is_furniture(tag) or tag.decomposed or tag.find("h1") is not None:
            continue
        if len(tag.get_text(" ", strip=True)) <= 0.5 * page_chars:
            tag.decompose()

    root = soup.find("article") or soup.find("main") or soup.body or soup
    blocks: list[str] = []
    _walk(root, blocks)
    text = "\n\n".join(b for b in blocks if b.strip())
    dump = strip_furniture_lines(text)  # the same conservative line filter as for text dumps
    info["author"] = info["author"] or dump.author
    info["date"] = info["date"] or dump.date
    return paragraphs(strip_furniture_sections(dump.lines)), info


def _text(tag: Tag) -> str:
    return re.sub(r"\s+", " ", tag.get_text(" ", strip=True)).strip()


def _walk(node: Tag, blocks: list[str]) -> None:
    inline: list[str] = []

    def flush() -> None:
        joined = re.sub(r"\s+", " ", " ".join(inline)).strip()
        if joined:
            blocks.append(joined)
        inline.clear()

    for child in node.children:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:  # not comments, CDATA, doctype
                inline.append(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name not in _BLOCKS:
            inline.append(child.get_text(" "))
            continue
        flush()
        if name in _HEADINGS:
            text = _text(child)
            if text:
                blocks.append("#" * _HEADINGS[name] + " " + text)
        elif name in ("ul", "ol"):
            items = [_text(li) for li in child.find_all("li", recursive=False)]
            blocks.append("\n".join("- " + item for item in items if item))
        elif name == "pre":
            blocks.append(child.get_text())
        elif name == "table":
            rows = [" | ".join(_text(c) for c in tr.find_all(["td", "th"])) for tr in child.find_all("tr")]
            blocks.append("\n".join(r for r in rows if r.strip(" |")))
        elif name in ("p", "li", "dt", "dd", "figcaption", "blockquote") and not child.find(_HEADINGS):
            text = _text(child)
            if text:
                blocks.append(text)
        else:
            _walk(child, blocks)
    flush()


def load_html_text(text: str, path: Path, max_text_chars: int | None = None) -> LoadedDocument:
    body, info = html_to_markdown(text, max_text_chars)
    if not body:
        raise LoadError("no text left after removing page furniture")
    title = info.get("h1") or info["title"] or first_line(body)
    # The page title often carries " | Site name": prefer the article's own h1.
    return LoadedDocument(
        doc_id=slugify(path.stem) or "doc",
        title=title[:200],
        source=info["source"],
        author=info["author"],
        date=info["date"],
        path=str(path),
        text_markdown=body,
        has_headings=bool(HEADING_LINE.search(body)),
    )


# --- PDF ---------------------------------------------------------------------------------------
