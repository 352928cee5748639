"""HTML pages: converted to markdown-ish text with headings kept, furniture elements (nav, ads,
comment boxes, share bars, cookie banners) dropped, metadata read from <meta> tags."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString

from knowledge.loaders.document import HEADING_LINE, LoadedDocument, LoadError, first_line, paragraphs, slugify
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
    }
)
_FURNITURE_PREFIXES = (
    "advert",
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


def _meta(soup: BeautifulSoup, *names: str) -> str:
    for name in names:
        tag = soup.find("meta", attrs={"name": name}) or soup.find("meta", attrs={"property": name})
        if isinstance(tag, Tag) and tag.get("content"):
            return str(tag["content"]).strip()
    return ""


def html_to_markdown(html: str) -> tuple[str, dict[str, str]]:
    """Main content of an HTML page as markdown, and what we learnt about the page (title...)."""
    soup = BeautifulSoup(html, "html.parser")
    info = {
        "title": soup.title.get_text(" ", strip=True) if soup.title else "",
        "author": _meta(soup, "author", "article:author", "og:article:author"),
        "date": _meta(soup, "article:published_time", "date", "pubdate", "og:published_time"),
        "source": _meta(soup, "og:site_name", "application-name"),
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
        if tag.decomposed or not _is_furniture(tag) or tag.find("h1") is not None:
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
    return paragraphs(dump.lines), info


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


def load_html_text(text: str, path: Path) -> LoadedDocument:
    body, info = html_to_markdown(text)
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
