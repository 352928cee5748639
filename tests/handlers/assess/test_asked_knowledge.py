"""Questions about a body of knowledge, the paces of what is asked about, and records fetched at the
moment of asking (phrase rules only, no embedding model), and the rule that scores them."""

from __future__ import annotations

from handlers.assess.asked_knowledge import ASKED, QUESTIONS, AskedKnowledge, asked_things, stem
from handlers.assess.changes import ChangeReader
from handlers.assess.extract import RuleExtractor
from handlers.assess.patterns import FACTS, Candidate, compile_patterns
from handlers.assess.text_cues import normalise
from handlers.assess.things import REQUIREMENTS
from knowledge.rubric.model import shipped_rubric

RUBRIC = shipped_rubric()
X = RuleExtractor(RUBRIC)
PATTERNS = compile_patterns(RUBRIC)
ASK = AskedKnowledge(PATTERNS.change_verb, ChangeReader(RUBRIC, PATTERNS).mentions, set(RUBRIC.criteria_by_id))


def answers(text: str) -> dict[str, object]:
    return dict(X.extract(text).answers)


def asked(text: str) -> bool:
    return any(t.question for t in asked_things(normalise(text)))


def test_people_asking_about_something_is_a_question_about_knowledge() -> None:
    assert asked("Staff should be able to ask about store procedures.")
    assert asked("Volunteers ask about the funders' eligibility rules.")
    assert asked("Patients ask our hospital's web chat which clinics are running.")
    assert asked("HR wants a helper that answers employees' questions from our handbook.")
    assert asked("Store procedures, answered from our operations manual.")
    assert asked("A chat assistant on the website that tells people what's actually sailing.")
    assert asked("Teachers have questions about district policies.")


def test_a_request_for_work_or_the_team_asking_about_methods_is_no_question() -> None:
    assert not asked("Staff ask the assistant to turn their meeting notes into action lists.")
    assert not asked("Hiring managers ask our assistant to write job ads.")
    assert not asked("We'd like to ask about fine-tuning versus prompting.")
    assert not asked("I wanted to ask whether we should train a model.")
    assert not asked("People ask questions about the budget for training.")
    assert not asked("Write our newsletter and product blurbs; the flowers change every month.")


def test_what_is_asked_about_is_kept_as_its_stems() -> None:
    (thing,) = asked_things("staff ask about our standard operating procedures, which head office revises")
    assert thing.stems == ("standard", "operating", "procedure")
    assert stem("policies") == "policy" and stem("sailings") == "sailing" and stem("glass") == "glass"


def test_the_question_reading_and_the_facts_pace_of_a_revised_body_of_documents() -> None:
    found = answers(
        "Staff ask about store procedures, answered from our operations manual, which is revised every month."
    )
    assert found.get(QUESTIONS) == ASKED and found.get(FACTS) == "monthly"
    found = answers("Staff ask an assistant about the tax rules, and the authority changes its guidance twice a year.")
    assert found.get(QUESTIONS) == ASKED


def test_the_pace_of_the_thing_asked_about_is_the_facts_pace_and_the_fastest_governs() -> None:
    text = normalise(
        "Sailings get cancelled or moved several times a day in winter, and fares change every season. "
        "We'd like a chat assistant that tells people what's actually sailing."
    )
    paces = [c for c in ASK.read(text) if c.criterion == FACTS]
    assert [c.value for c in paces] == ["daily"]
    assert answers(text).get(FACTS) == "daily"


def test_what_the_answers_must_reflect_has_the_facts_pace_but_asks_nothing() -> None:
    text = normalise("It always reflects the current label and new trial readouts, which land every week or two.")
    read = ASK.read(text)
    assert [c.value for c in read if c.criterion == FACTS] == ["weekly"]
    assert not any(c.criterion == QUESTIONS for c in read)


def test_a_pace_of_something_not_asked_about_is_not_read_here() -> None:
    text = normalise("Customers ask about opening hours. Our team rewrites the slogans every week.")
    assert [c for c in ASK.read(text) if c.criterion == FACTS] == []


def test_records_fetched_at_the_moment_of_asking_are_current_facts() -> None:
    found = answers(
        "Bank customers will ask about their own account. Each person may only see their own records, "
        "fetched at the moment they ask."
    )
    assert found.get(FACTS) == "daily" and found.get(QUESTIONS) == ASKED
    found = answers("Replies must come from that customer's account as it stands when they ask.")
    assert found.get(FACTS) == "daily" and found.get(QUESTIONS) == ASKED
    assert answers("Every reply is pulled from our claims system at the time of the question.").get(FACTS) == "daily"


def test_the_moment_alone_or_asking_without_a_lookup_is_no_live_record() -> None:
    assert FACTS not in answers("At the moment we have no budget and two developers.")
    assert FACTS not in answers("We reply when they ask, in a friendly tone.")


def test_a_requirements_pace_said_of_the_thing_asked_about_is_the_facts_pace() -> None:
    text = normalise("Patients ask which clinics are running. Clinic sessions get swapped around several times a day.")
    start = text.index("clinic sessions")
    snippet = "clinic sessions get swapped around several times a day"
    cand = Candidate(REQUIREMENTS, "daily", start, len(snippet), snippet)
    (moved,) = ASK.restated(text, [cand])
    assert moved.criterion == FACTS and moved.value == "daily"
    # a requirement of the output's form stays a requirement, and nothing moves without a question
    styled = Candidate(REQUIREMENTS, "weekly", start, 40, "clinic reply templates change every week")
    assert ASK.restated(text, [styled])[0].criterion == REQUIREMENTS
    plain = normalise("Clinic sessions get swapped around several times a day.")
    assert ASK.restated(plain, [Candidate(REQUIREMENTS, "daily", 0, len(snippet), snippet)])[0].criterion == (
        REQUIREMENTS
    )


def test_questions_about_revised_knowledge_favour_retrieval_for_a_small_team() -> None:
    from handlers.assess.engine import score

    base = {FACTS: "monthly", "budget": "low", "ml_expertise": "none"}
    assert score(RUBRIC, base).top == "prompt_engineering"
    assert score(RUBRIC, {**base, QUESTIONS: ASKED}).top == "rag"
    # a question about knowledge that does not move adds nothing
    still = {FACTS: "rarely", "budget": "low", "ml_expertise": "none"}
    assert score(RUBRIC, {**still, QUESTIONS: ASKED}).scores == score(RUBRIC, still).scores
