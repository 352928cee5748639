"""Whether a counted noun phrase is said to be labelled (pure): the labelling word may come a few
words after the number, past the phrase's modifiers and noun.

"25k transcribed nurse calls labelled with the triage outcome", "40,000 scanned delivery notes
annotated by the clerks": the participle governs the counted phrase however long it is, so the
count is of labelled examples. A fixed window of characters after the number (the cue search)
misses it once the modifiers grow; counting words does not. The phrase ends at a clause word
("and", "which", a verb of its own), so "5k tickets and we labelled none" is not read.
"""

from __future__ import annotations

import re

PHRASE_WORDS = 4  # modifiers and noun between the number and the labelling word
LABELLING = r"(?:labell?ed|annotated|tagged|graded)"  # the words for labelled examples
LABELLED_WORD = rf"(?:{LABELLING}|hand[- ]labell?ed)"
_STOP = r"(?:and|or|but|which|that|who|we|they|are|were|is|was|none|nothing|not)"
_LABELLED_AFTER = re.compile(rf"^\s*(?:(?!{_STOP}\b)[\w-]+\s+){{1,{PHRASE_WORDS}}}{LABELLED_WORD}\b", re.IGNORECASE)


def labelled_phrase(after: str) -> bool:
    """Whether the text right after a number names a labelled noun phrase ("... calls labelled
    with ...")."""
    return _LABELLED_AFTER.match(after) is not None
