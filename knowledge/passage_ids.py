"""One id scheme for passages, shared by the ingest pipeline and the light corpus reader.

A passage id is `<doc_id>#<slug of its heading>`; a heading seen again in the same document gets
`-2`, `-3`, ...; a section split into several chunks gets `-1`, `-2`, ... (chunking adds those).
Citations in the rubric name these ids, so both readers must derive them the same way: this module
is the only place that does. It also owns the front-matter pattern of markdown files. Standard
library only, so `assess --from-text` can resolve citations without loading the index.
"""

from __future__ import annotations

import re

#: `---` YAML front matter at the very start of a markdown file (group 1: the YAML text).
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)


def slugify(text: str) -> str:
    """Lowercase, runs of anything but a-z/0-9 become one '-', no '-' at either end."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def split_front_matter(text: str) -> tuple[str | None, str]:
    """(the front matter's YAML text or None, the body after it)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return None, text
    return match.group(1), text[match.end() :]


class PassageIds:
    """Hands out a document's passage ids, never the same one twice."""

    def __init__(self, doc_id: str) -> None:
        self.doc_id = doc_id
        self.used: set[str] = set()
        self.seen_slugs: dict[str, int] = {}

    def section_slug(self, heading: str) -> str:
        """The slug of the next section headed `heading` (a repeated heading gets -2, -3, ...)."""
        base = slugify(heading) or ("intro" if not heading else "section")
        count = self.seen_slugs.get(base, 0) + 1
        self.seen_slugs[base] = count
        slug = base if count == 1 else f"{base}-{count}"
        while f"{self.doc_id}#{slug}" in self.used:  # "Costs" split into costs-1, costs-2, then "Costs" again
            count += 1
            self.seen_slugs[base] = count
            slug = f"{base}-{count}"
        return slug

    def take(self, anchor: str) -> str:
        """Reserve and return `<doc_id>#<anchor>` (suffixed `~n` if a literal heading already took it)."""
        passage_id = f"{self.doc_id}#{anchor}"
        n = 2
        while passage_id in self.used:  # e.g. a heading literally named "Costs 2" after "Costs"
            passage_id = f"{self.doc_id}#{anchor}~{n}"
            n += 1
        self.used.add(passage_id)
        return passage_id
