"""Page furniture that spans paragraphs or whole sections: advertisements and course promotions,
sales pitches ("How <Vendor> supports you"), "Sources and external links", disclaimers, author
bios and comment threads.

The line filter (`webtext.strip_furniture_lines`) removes single furniture lines; this module works
one level up, on the blocks (paragraphs, list items, headings) of the extracted text:

- a *furniture heading* ("Disclaimer", "Source and External Links", "About the author",
  "Comments"...) starts a section that is dropped up to the next real section: a `#` heading of
  the same or a higher level, or, in plain text, a heading-like line followed by a long paragraph;
- a *pitch block* is a paragraph whose sentences mostly sell (the site speaking about its own
  services, courses, experts or clients: "our comprehensive course", "we offer", or a call to
  action such as "contact us", "book a demo", "earn a certification") or disclaim ("for
  informational purposes only"); it is dropped, and so is a heading whose first paragraph is a
  pitch (the ad's title) and the rest of a bulleted pitch. Plain "we"/"our" is not a pitch: team
  documents say "our team found ..." all the time;
- a trailing call to action ("Explore deeper insights into ...") is cut from the end of a paragraph.

Detection is by structure and cue words, not by site: it knows nothing about particular articles.
"""

from __future__ import annotations

import re

_FURNITURE_HEADING = re.compile(
    r"^(?:sources?(?:,? and (?:external )?(?:links|references))?|external (?:links|resources)|useful links"
    r"|further reading|references|disclaimers?|legal (?:notice|disclaimer)|about (?:the |this )?authors?"
    r"|author bio(?:graphy)?|meet the author|comments?|\d+ comments?|leave a (?:comment|reply)|post a comment"
    r"|add a comment|join the discussion|share (?:this|on)\b.*|related (?:posts?|articles?|reading)"
    r"|you (?:may|might) also like|contact(?: us)?|get in touch|subscribe\b.*|newsletter|sponsored\b.*"
    r"|advertisement|promoted)[.:!]?$",
    re.IGNORECASE,
)
# The site speaking about what it sells: "our experts", "our comprehensive course", "we offer".
_OUR_OFFER = re.compile(
    r"\b(?:our|my) (?:[\w-]+ ){0,2}(?:services|experts?|course|courses|masterclass|workshops?|webinars?"
    r"|consultants?|consulting|certifications?|offerings?|agency|assessment|audit|team of experts)\b"
    r"|\bwe (?:offer|provide|deliver|specialize|help (?:you|clients|businesses|organizations|companies)"
    r"|are here to (?:help|guide|support))\b|\b(?:we|our team)\b[^.]{0,80}\bclients\b",
    re.IGNORECASE,
)
_SELF = re.compile(r"\b(?:we|our|us)\b", re.IGNORECASE)
_CALL_TO_ACTION = re.compile(
    r"\b(?:contact us|get in touch|book (?:a|your) (?:free )?(?:demo|call|consultation|audit|session)"
    r"|(?:sign up|enrol+|register|subscribe|join) (?:now|today|for free)|free trial|start your (?:free )?trial"
    r"|earn (?:a|your) (?:professional )?certific\w*|limited[- ]time offer|\d+ ?% off|request a (?:demo|quote)"
    r"|schedule a (?:demo|call|consultation)|visit our (?:website|site|store|shop)|learn more at"
    r"|(?:see|read|check out) our (?:\w+ )?(?:analysis|guide|article|post|review|course)|let our (?:experts|team)"
    r"|buy now|order now|shop now)\b",
    re.IGNORECASE,
)
_DISCLAIMER = re.compile(
    r"\b(?:for (?:general )?informational purposes only"
    r"|not (?:be )?(?:construed as|intended (?:as|to be)|a substitute for) (?:legal|financial|investment|medical"
    r"|professional)|does not constitute (?:legal|financial|investment|medical|professional)"
    r"|(?:cannot|can not|can't|do not|don't) guarantee|is not guaranteed|without (?:any )?warrant(?:y|ies)"
    r"|all rights reserved|the views expressed|subject to change)\b",
    re.IGNORECASE,
)
_TRAILING_CTA = re.compile(
    r"^(?:explore|discover|learn|find out|dive|check out|read)\b.{0,160}\b(?:more|deeper|further|detailed"
    r"|insights?|strategies|distinctions|comparisons|guide)\b.{0,120}[.!]$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“(\[]?[A-Z0-9])")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_LONG_PARAGRAPH = 120


def sentences(block: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(block.strip()) if s.strip()]


def is_pitch_sentence(sentence: str) -> bool:
    body = re.sub(r"^[^:]{1,40}:\s+", "", sentence)  # "Fine-Tuning Expertise: We offer ..."
    return bool(_CALL_TO_ACTION.search(body) or _DISCLAIMER.search(body) or _OUR_OFFER.search(body))


def is_pitch_block(block: str) -> bool:
    """Half or more of the block's sentences sell, call to action or disclaim."""
    parts = sentences(block.lstrip("-*• "))
    if not parts:
        return False
    pitched = sum(1 for s in parts if is_pitch_sentence(s))
    return pitched >= 1 and 2 * pitched >= len(parts)


def _is_list_item(line: str) -> bool:
    return bool(re.match(r"^\s*(?:[-*•]|\d+[.)])\s+", line))


def _heading_text(line: str) -> tuple[int, str] | None:
    """(level, text) of a heading line: `#` headings have their level, heading-like plain lines 9."""
    match = _MD_HEADING.match(line)
    if match:
        return len(match.group(1)), match.group(2).strip()
    text = line.strip()
    if not text or len(text) > 80 or len(text.split()) > 12 or text[0] in "-*•|":
        return None
    if not (text[0].isupper() or text[0].isdigit()):
        return None
    if text[-1] in ".,;:!?" and not _FURNITURE_HEADING.match(text):
        return None
    return 9, text


def _trim_trailing_cta(block: str) -> str:
    parts = sentences(block)
    if len(parts) >= 2 and _TRAILING_CTA.match(parts[-1].strip()):
        return block[: block.rfind(parts[-1])].rstrip()
    return block


def strip_furniture_sections(lines: list[str]) -> list[str]:
    """`lines` (blank lines separate paragraphs) without furniture sections and pitch blocks."""
    drop = [False] * len(lines)
    nonempty = [i for i, line in enumerate(lines) if line.strip()]
    following: dict[int, int | None] = dict(zip(nonempty, [*nonempty[1:], None], strict=False))

    def section_ends(pos: int, level: int) -> bool:
        heading = _heading_text(lines[pos])
        if heading is None:
            return False
        if _FURNITURE_HEADING.match(heading[1]):
            return True  # another furniture section starts
        if heading[0] < 9:
            return heading[0] <= level or level == 9
        nxt = following[pos]
        return nxt is not None and len(lines[nxt]) >= _LONG_PARAGRAPH and not is_pitch_block(lines[nxt])

    k = 0
    while k < len(nonempty):
        pos = nonempty[k]
        heading = _heading_text(lines[pos])
        if heading is not None and _FURNITURE_HEADING.match(heading[1]):
            drop[pos] = True
            k += 1
            while k < len(nonempty) and not section_ends(nonempty[k], heading[0]):
                drop[nonempty[k]] = True
                k += 1
            continue
        if heading is None and is_pitch_block(lines[pos]):
            drop[pos] = True
        elif heading is None and k and drop[nonempty[k - 1]] and _is_list_item(lines[pos]):
            # the rest of a pitch's bullet list: "- Scalability: ... we ensure secure solutions"
            drop[pos] = _is_list_item(lines[nonempty[k - 1]]) and bool(_SELF.search(lines[pos]))
        elif heading is not None and heading[0] == 9 and _CALL_TO_ACTION.search(heading[1]):
            drop[pos] = True  # a one-line call to action: 'Book a free consultation today'
        k += 1
    for pos in nonempty:  # a heading whose first paragraph is a pitch is the pitch's title
        nxt = following[pos]
        if (
            not drop[pos] and nxt is not None and drop[nxt] and _heading_text(lines[pos]) is not None
            and _heading_text(lines[nxt]) is None and is_pitch_block(lines[nxt])
        ):
            drop[pos] = True
    out: list[str] = []
    for line, dropped in zip(lines, drop, strict=True):
        if dropped:
            continue
        out.append(_trim_trailing_cta(line) if line.strip() and not _MD_HEADING.match(line) else line)
    return out
