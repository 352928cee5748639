"""AskService wiring for comparisons (handlers.ask.service): the search query and the coverage shortcut."""

from __future__ import annotations

from collections.abc import Sequence

from handlers.ask.kinds import QuestionKind
from handlers.ask.service import AskService
from handlers.models import Conversation
from knowledge.types import Chunk, Passage, SearchScope
from tests.handlers.ask.stores import NoLog, NoThreads

PASSAGE = Passage(chunk=Chunk(id="g#x", doc_id="g", heading="X", text="Fine-tuning retrains a model.", title="T",
                              source="s", kind="corpus"))


class _Recording:
    """Records every search; its coverage judge says no (only a shortcut can cover a question)."""

    def __init__(self) -> None:
        self.queries: list[str] = []

    def retrieve(
        self, query: str, *, k: int = 5, scope: SearchScope | None = None, keywords: str = ""
    ) -> list[Passage]:
        self.queries.append(query)
        return [PASSAGE]

    def is_covered(self, passages: Sequence[Passage], query: str = "") -> bool:
        return False





def service(retriever: _Recording) -> AskService:
    return AskService(retriever=retriever, conversations=NoThreads(), questions=NoLog())


def test_a_when_does_x_beat_y_comparison_is_searched_with_the_winner_s_use_cases() -> None:
    rec = _Recording()
    svc = service(rec)
    conv = Conversation(channel="c", thread="t")
    svc.retrieve("when does prompting beat fine-tuning?", conv, [])
    svc.retrieve("what is LoRA?", conv, [])
    assert rec.queries[0].startswith("when does prompting beat fine-tuning?")
    assert "when to choose prompt engineering" in rec.queries[0]
    assert rec.queries[1] == "what is LoRA?"


def test_a_comparison_of_two_approaches_named_in_everyday_words_is_covered() -> None:
    svc = service(_Recording())
    question = "our PM wants better instructions, our ML lead wants to train a custom model: how do the two compare?"
    assert svc.covered(question, [PASSAGE], [], QuestionKind("comparison"))
    assert not svc.covered("how do the two compare on accuracy?", [PASSAGE], [], QuestionKind("comparison"))
    assert not svc.covered(question, [PASSAGE], [], QuestionKind("general"))


class _Spelling:
    def correct(self, text: str) -> str:
        return text.replace("promting", "prompting")


class _Log:
    def __init__(self) -> None:
        self.questions: list[str] = []

    def record(self, *, thread_key: str, channel: str, user: str, question: str, grounded: bool) -> None:
        self.questions.append(question)


def test_the_question_is_read_spelt_right_and_logged_as_typed() -> None:
    rec = _Recording()
    log = _Log()
    svc = AskService(retriever=rec, conversations=NoThreads(), questions=log, spelling=_Spelling())
    conv = Conversation(channel="c", thread="t")
    svc.answer("what promting patterns are there?", conv)
    assert rec.queries == ["what prompting patterns are there?"]
    assert log.questions == ["what promting patterns are there?"]
    assert svc.spelt("promting") == "prompting"
    assert service(rec).spelt("promting") == "promting"  # no speller: as typed
class _Pool:
    """A ranking in which the prompting side's latency passage is 8th; records the depth asked for."""

    def __init__(self) -> None:
        self.depths: list[int] = []
        self.keywords: list[str] = []
        ft = [Passage(chunk=Chunk(id=f"a#ft-{n}", doc_id="a", heading="FT", text=f"Fine-tuned models need serving "
                                  f"infrastructure {n}.", title="T", source="s", kind="corpus")) for n in range(7)]
        pe = Passage(chunk=Chunk(id="a#pe", doc_id="a", heading="PE", text="Prompt engineering runs read-only "
                                 "inference with low infrastructure demands.", title="T", source="s", kind="corpus"))
        self.ranking = [*ft, pe]

    def retrieve(
        self, query: str, *, k: int = 5, scope: SearchScope | None = None, keywords: str = ""
    ) -> list[Passage]:
        self.depths.append(k)
        self.keywords.append(keywords)
        return self.ranking[:k]

    def is_covered(self, passages: Sequence[Passage], query: str = "") -> bool:
        return True


def test_a_comparison_reads_the_ranking_deeper_for_its_missing_side() -> None:
    pool = _Pool()
    svc = AskService(retriever=pool, conversations=NoThreads(), questions=NoLog(), top_k=5, alternates=1)
    conv = Conversation(channel="c", thread="t")
    top = svc.retrieve("is a fine-tuned model slower to respond than prompting the base model?", conv, [])
    assert pool.depths == [20] and "a#pe" in [p.id for p in top]
    svc.retrieve("what is serving infrastructure?", conv, [])
    assert pool.depths[-1] == 6  # other kinds: top_k + alternates, as before


def test_a_comparison_of_the_main_approaches_searches_the_aspect_s_name_by_keyword() -> None:
    pool = _Pool()
    svc = AskService(retriever=pool, conversations=NoThreads(), questions=NoLog(), top_k=5, alternates=1)
    conv = Conversation(channel="c", thread="t")
    svc.retrieve("fine-tuning vs prompt engineering: which one is more work to keep alive?", conv, [])
    assert pool.keywords == ["long-term maintenance"]


def test_a_how_to_asking_to_curb_something_searches_the_words_for_a_means_that_curbs_it() -> None:
    pool = _Pool()
    svc = AskService(retriever=pool, conversations=NoThreads(), questions=NoLog(), top_k=5, alternates=1)
    conv = Conversation(channel="c", thread="t")
    svc.retrieve("how do we stop our fine-tuned model from overfitting?", conv, [])
    svc.retrieve("how do we set up a fine-tuning run?", conv, [])
    assert pool.keywords == ["reduce mitigate prevent", ""]
