"""The readers that run on the option matcher's sentence encoder (pure; the encoder is the matcher's).

Three readers place a phrase by its meaning rather than its words: what changes (facts or requirements,
`handlers.assess.things`), the per-variant styles built on that (`handlers.assess.variant_style`) and what a
counted phrase names (past outputs of the task or other things, `handlers.assess.counted`). Each is built once
per matcher and rebuilt only when the extractor is handed another, so one extraction never loads the encoder
twice. The extractor owns the fallback when the model cannot load; this module only owns the sharing.
"""

from __future__ import annotations

from handlers.assess.counted import CountedClassifier
from handlers.assess.patterns import Patterns
from handlers.assess.semantic import OptionMatcher
from handlers.assess.things import ThingClassifier
from handlers.assess.variant_style import VariantStyleReader


class EncoderReaders:
    """The encoder-backed readers of one extractor, each cached for the matcher it was built on."""

    def __init__(self, patterns: Patterns) -> None:
        self.patterns = patterns
        self._things: ThingClassifier | None = None
        self._variant_styles: VariantStyleReader | None = None
        self._counted: CountedClassifier | None = None

    def things(self, matcher: OptionMatcher) -> ThingClassifier:
        """The classifier of what changes, on the matcher's encoder."""
        if self._things is None or self._things.matcher is not matcher:
            self._things = ThingClassifier(matcher)
        return self._things

    def variant_styles(self, matcher: OptionMatcher) -> VariantStyleReader:
        """Per-variant requirements and their changes, placed by the classifier of things."""
        things = self.things(matcher)
        if self._variant_styles is None or self._variant_styles.things is not things:
            self._variant_styles = VariantStyleReader(things, self.patterns.change_verb, self.patterns.frequencies)
        return self._variant_styles

    def counted(self, matcher: OptionMatcher) -> CountedClassifier:
        """The classifier of counted phrases, on the matcher's encoder."""
        if self._counted is None or self._counted.matcher is not matcher:
            self._counted = CountedClassifier(matcher)
        return self._counted
