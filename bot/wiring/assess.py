"""How the composition root builds the assessment pieces: the answer extractor (phrase rules plus
embedding similarity, or the language model with those rules as fallback) and the one-shot
`Assessor`. Kept apart from `bot/container.py` because they combine several shipped resources."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.container import Container
    from handlers.assess.extract import RuleExtractor
    from handlers.assess.llm_extract import LLMExtractor
    from handlers.assess.service import Assessor


def assess_extractor(c: Container) -> RuleExtractor | LLMExtractor:
    from handlers.assess.extract import RuleExtractor
    from handlers.assess.semantic import OptionMatcher, shipped_encoder
    from knowledge.rubric.model import shipped_rubric

    # phrase rules + embedding similarity on the shipped model (loaded on first use)
    rules = RuleExtractor(shipped_rubric(), OptionMatcher(shipped_rubric(), shipped_encoder))
    if c.assess_llm is None:
        return rules
    from handlers.assess.llm_extract import LLMExtractor

    return LLMExtractor(
        shipped_rubric(), c.assess_llm, fallback=rules,
        deadline_s=c.settings.llm_deadline_s,
    )


def assessor(c: Container) -> Assessor:
    """One-shot assessments: rubric, prices and corpus front matter only (no index, no database)."""
    from handlers.assess.service import Assessor
    from knowledge.corpus_index import shipped_corpus_index
    from knowledge.rubric.model import shipped_rubric
    from knowledge.rubric.prices import shipped_prices

    return Assessor(
        rubric=shipped_rubric(), prices=shipped_prices(), corpus=shipped_corpus_index(),
        extractor=c.assess_extractor,
    )
