"""The scoring engine and flip analysis on constructed cases (a tiny hand-built rubric), plus
soundness of "can the verdict still flip?" by brute force, on the tiny and the shipped rubric."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from handlers.assess.engine import (
    Scoring,
    base_scores,
    confidence,
    fired_after_change,
    missing,
    score,
    summed,
    top_with,
)
from handlers.assess.explain import tradeoffs, why
from handlers.assess.flip import can_flip, candidate_values, flips, question_value, steps
from handlers.assess.hybrid_value import half_strength
from handlers.assess.rule_roles import supporting_rules
from knowledge.rubric.model import Answers, AnswerValue, Rubric, shipped_rubric
from tests.handlers.assess.fakes import tiny_rubric

TINY = tiny_rubric()
SHIPPED = shipped_rubric()


def test_rules_add_up_and_priors_apply() -> None:
    s = score(TINY, {})
    assert s.top == "prompt_engineering" and s.scores["prompt_engineering"] == 1.0
    s = score(TINY, {"size": "l", "volume": 5000})
    assert s.scores["peft"] == 5.5 and s.scores["rag"] == 1.0
    assert s.top == "peft"
    assert [r.id for r in supporting_rules(s, "peft")] == ["large", "busy"]  # strongest first


def test_ties_go_to_the_cheapest_approach_whatever_the_list_order() -> None:
    pair = TINY.hybrid.pairs[0]
    costs = {a: TINY.cost((a,)) for a in TINY.approaches_by_id if a != "hybrid"}
    costs["hybrid"] = TINY.cost(pair.pair)
    flat = Scoring(scores=dict.fromkeys(costs, 0.0), fired=(), hybrid_pair=pair, hybrid_active=False, costs=costs)
    assert flat.top == "prompt_engineering"
    tied = Scoring(
        scores={**dict.fromkeys(costs, 0.0), "peft": 3.0, "rag": 3.0},
        fired=(), hybrid_pair=pair, hybrid_active=False, costs=costs,
    )
    assert tied.top == "rag"  # RAG costs 4, PEFT 8: the cheaper one wins the tie


def test_reordering_the_approaches_never_changes_a_verdict() -> None:
    data = SHIPPED.model_dump(by_alias=True)
    data["approaches"] = list(reversed(data["approaches"]))
    reordered = Rubric.model_validate(data)
    for answers in (
        {},
        {"facts_change": "monthly"},
        {"domain_specialisation": "deep", "facts_change": "daily"},
        {"task_breadth": "many", "labelled_examples": 300},
        {"ml_expertise": "none", "budget": "low", "labelled_examples": 2000},
    ):
        assert score(reordered, answers).ranked == score(SHIPPED, answers).ranked, answers


def test_no_hybrid_while_the_policy_says_the_resources_are_missing() -> None:
    """`hybrid.unless`: both halves strong, but the combination is no contender (it is scored
    like a weak pair) while an `unless` condition holds; the trade-offs say why."""
    rubric = tiny_rubric(blocked_below=100.0)
    strong_pair = {"size": "l", "facts": "some"}  # peft 4, rag 5: a hybrid without the block
    assert score(rubric, strong_pair).top == "hybrid"  # volume unknown: nothing blocks it
    s = score(rubric, {**strong_pair, "volume": 10})
    assert s.hybrid_blocked and not s.hybrid_active and s.top != "hybrid"
    assert s.scores["hybrid"] == min(s.scores["peft"], s.scores["rag"]) - rubric.hybrid.penalty
    assert ("Too little volume for both.", "d#u") in tradeoffs(rubric, s)
    assert score(rubric, {**strong_pair, "volume": 5000}).top == "hybrid"
    assert not can_flip(rubric, {**strong_pair, "volume": 10})  # blocked for good: nothing left to ask


def test_hybrid_wins_when_both_members_are_strong_and_names_them() -> None:
    s = score(TINY, {"size": "l", "facts": "some"})  # peft 4, rag 5: both >= strong (4)
    assert s.top == "hybrid" and s.hybrid_of == ("peft", "rag")
    assert s.scores["hybrid"] == 5.5  # mean(4, 5) + bonus
    s = score(TINY, {"size": "m", "facts": "some"})  # peft 2 is not strongly indicated
    assert s.top == "rag" and s.hybrid_of is None
    assert s.scores["hybrid"] < s.scores["rag"]


def test_a_hybrid_needs_comparably_strong_halves() -> None:
    s = score(tiny_rubric(strong=1.0), {"size": "m", "facts": "some"})  # peft 2, rag 4: mean 3 + 1
    assert s.hybrid_active and s.scores["hybrid"] == 4.0
    assert s.top == "rag"  # a tie with RAG alone: the cheaper verdict wins


def test_halves_carried_by_needs_of_their_own_beat_the_dominant_half() -> None:
    """Each half carried by its own need: the pair is worth its better half plus the bonus, so
    it wins however unevenly the rules weigh the halves (the mean rule would not)."""
    answers: Answers = {"size": "m", "facts": "some", "volume": 150}  # peft 2, rag 4.5
    before = score(tiny_rubric(strong=2.0), answers)  # no needs declared: the mean rule
    assert before.hybrid_active and before.scores["hybrid"] == 3.25 + 1.0 and before.top == "rag"
    s = score(tiny_rubric(strong=2.0, needs=True), answers)
    assert s.top == "hybrid" and s.hybrid_active and s.hybrid_of == ("peft", "rag")
    assert s.scores["hybrid"] == 4.5 + 1.0
    assert score(tiny_rubric(strong=2.5, needs=True), answers).top == "rag"  # each half must be strong


def test_a_half_with_no_need_of_its_own_never_makes_a_hybrid() -> None:
    """A medium task at low volume: the style-like need is not carried (nothing to learn it
    from), so no hybrid even where the mean rule alone would have made one a contender."""
    answers: Answers = {"size": "m", "facts": "some"}  # peft 2, rag 4
    assert score(tiny_rubric(strong=1.0), answers).hybrid_active  # mean 3 + 1: a contender
    s = score(tiny_rubric(strong=1.0, needs=True), answers)
    assert not s.hybrid_active and s.top == "rag"
    assert s.scores["hybrid"] == 2.0 - 3.0  # the weaker half minus the penalty


def test_a_hinted_need_keeps_the_mean_rule() -> None:
    """A large task is PEFT's own need but nothing says it is learned: both halves strong, the
    pair is worth their mean plus the bonus, as without declared needs."""
    answers: Answers = {"size": "l", "facts": "some"}  # peft 4, rag 5
    assert score(tiny_rubric(needs=True), answers).scores["hybrid"] == score(TINY, answers).scores["hybrid"] == 5.5


def test_confidence_grows_with_the_margin() -> None:
    low = confidence(TINY, score(TINY, {"size": "m"}))  # peft 2 vs pe 1
    high = confidence(TINY, score(TINY, {"size": "l", "volume": 5000}))  # peft 5.5 vs rag 1
    assert 0 < low < high < 1


def test_hybrid_confidence_is_measured_against_the_best_outsider() -> None:
    s = score(TINY, {"size": "l", "facts": "some"})
    assert s.margin == 5.5 - 1.0  # hybrid 5.5 vs prompt engineering 1, not vs its own member rag


def test_missing_lists_unanswered_askable_criteria_in_order() -> None:
    assert missing(TINY, {"facts": "none"}) == ["size", "volume"]


def test_flip_is_the_smallest_change_answered_first() -> None:
    answers: Answers = {"size": "s"}  # pe 3
    found = flips(TINY, answers)
    assert [(f.criterion, f.to, f.recommendation, f.steps, f.answered) for f in found] == [
        ("size", "m", "peft", 1, True),  # one step s -> m is enough; l would also flip but is 2 steps
        ("facts", "some", "rag", 1, False),
    ]


def test_flip_from_hybrid() -> None:
    found = {f.criterion: f for f in flips(TINY, {"size": "l", "facts": "some"})}
    assert (found["facts"].to, found["facts"].recommendation) == ("none", "peft")
    assert (found["size"].to, found["size"].recommendation, found["size"].steps) == ("m", "rag", 1)
    assert "volume" not in found  # no volume flips the verdict


def test_numeric_flips_use_the_rule_thresholds() -> None:
    assert candidate_values(TINY, "volume") == [50, 100, 1000]
    assert steps(TINY, "volume", 50, 1000) == 2 and steps(TINY, "volume", 150, 999) == 0
    found = flips(TINY, {"volume": 10})  # prompt engineering 1, nothing else
    [vol] = [f for f in found if f.criterion == "volume"]
    # 100/day changes nothing; from 1000/day peft gets +1.5 and wins: two buckets up
    assert (vol.to, vol.recommendation, vol.steps, vol.answered) == (1000, "peft", 2, True)


def test_question_value_prefers_decisive_questions() -> None:
    flipping_size, _ = question_value(TINY, {}, "size")
    flipping_volume, _ = question_value(TINY, {}, "volume")
    assert flipping_size == 2 and flipping_volume == 1  # m and l flip; only >= 1000 flips


def test_cannot_flip_once_settled() -> None:
    assert can_flip(TINY, {})
    assert not can_flip(TINY, {"size": "l", "facts": "some"})  # volume cannot move a hybrid verdict
    assert not can_flip(TINY, {"size": "l", "facts": "some", "volume": 10})


# --- soundness of can_flip by brute force -------------------------------------------------------
def _completions(rubric: Rubric, answers: Answers, unknown: list[str]) -> list[Answers]:
    options: list[list[AnswerValue | None]] = [[None, *candidate_values(rubric, c)] for c in unknown]
    out = []
    for combo in itertools.product(*options):
        filled = dict(answers)
        filled.update({c: v for c, v in zip(unknown, combo, strict=True) if v is not None})
        out.append(filled)
    return out


def _check_sound(rubric: Rubric, answers: Answers, unknown: list[str]) -> None:
    top = score(rubric, answers).top
    changed = [a for a in _completions(rubric, answers, unknown) if score(rubric, a).top != top]
    if not can_flip(rubric, answers, unknown):
        assert not changed, f"can_flip said settled but {changed[0]} changes {top}"
    if changed:
        assert can_flip(rubric, answers, unknown)


@given(
    st.fixed_dictionaries(
        {},
        optional={
            "size": st.sampled_from(["s", "m", "l"]),
            "facts": st.sampled_from(["none", "some"]),
            "volume": st.sampled_from([0, 50, 150, 999, 1000, 10**6]),
        },
    ),
    st.floats(min_value=0.0, max_value=6.0),
    st.sampled_from([None, 100.0, 1000.0]),
    st.booleans(),
)
@settings(max_examples=150, deadline=None)
def test_can_flip_is_sound_on_the_tiny_rubric(
    answers: Answers, strong: float, blocked: float | None, needs: bool
) -> None:
    rubric = tiny_rubric(strong=strong, blocked_below=blocked, needs=needs)
    _check_sound(rubric, answers, [c for c in rubric.askable if c not in answers])





@st.composite
def _shipped_case(draw: st.DrawFn) -> tuple[Answers, list[str]]:
    answers: Answers = {}
    for crit in SHIPPED.criteria:
        if crit.ask:
            answers[crit.id] = draw(st.sampled_from(candidate_values(SHIPPED, crit.id)))
    hidden = draw(st.lists(st.sampled_from(SHIPPED.askable), min_size=1, max_size=3, unique=True))
    for c in hidden:
        answers.pop(c)
    return answers, hidden


@given(_shipped_case())
@settings(max_examples=60, deadline=None)
def test_can_flip_is_sound_on_the_shipped_rubric(case: tuple[Answers, list[str]]) -> None:
    answers, hidden = case
    _check_sound(SHIPPED, answers, hidden)


@st.composite
def _one_change(draw: st.DrawFn) -> tuple[Answers, str, AnswerValue]:
    answers: Answers = {}
    for crit in SHIPPED.criteria:
        values = candidate_values(SHIPPED, crit.id)
        if draw(st.booleans()) and values:
            answers[crit.id] = draw(st.sampled_from(values))
    changed = draw(st.sampled_from([c for c in SHIPPED.askable if candidate_values(SHIPPED, c)]))
    return answers, changed, draw(st.sampled_from(candidate_values(SHIPPED, changed)))


@given(_one_change())
@settings(max_examples=300, deadline=None)
def test_rescoring_one_changed_answer_matches_a_full_score(case: tuple[Answers, str, AnswerValue]) -> None:
    """The flip search's shortcut: only the rules reading the changed criterion are re-checked,
    and the verdict is exactly the full score's (same rules, same sums, same top)."""
    answers, criterion, value = case
    _, fired = base_scores(SHIPPED, answers)
    changed = {**answers, criterion: value}
    again = fired_after_change(SHIPPED, changed, fired, criterion)
    full, full_fired = base_scores(SHIPPED, changed)
    assert again == full_fired
    assert summed(again) == full
    assert top_with(SHIPPED, changed, again) == score(SHIPPED, changed).top


def test_rescoring_a_change_rechecks_the_rules_reading_that_criterion() -> None:
    """A rule that fired before the change is kept only if it does not read the changed criterion."""
    fired = base_scores(TINY, {"size": "l", "volume": 5000})[1]
    assert "large" in {r.id for r in fired}
    again = fired_after_change(TINY, {"size": "s", "volume": 5000}, fired, "size")
    assert "large" not in {r.id for r in again} and "busy" in {r.id for r in again}
    assert TINY.rules_reading("size") >= {"large"} and "busy" not in TINY.rules_reading("size")


def test_shipped_rubric_example_from_the_issue() -> None:
    """Deep domain language + facts that change daily -> fine-tune + RAG, and it says which two."""
    s = score(SHIPPED, {"domain_specialisation": "deep", "facts_change": "daily"})
    assert s.top == "hybrid"
    assert s.hybrid_of is not None and "rag" in s.hybrid_of
    assert {*s.hybrid_of} - {"rag"} <= {"peft", "full_fine_tuning", "prompt_tuning"}


def test_shipped_rubric_a_strict_format_learned_from_examples_plus_daily_facts_is_a_hybrid() -> None:
    """A fixed output schema learned from thousands of pairs, and runbooks that change daily:
    each half has a need the other does not meet, so retrieval's heavier score does not win alone."""
    answers: Answers = {
        "labelled_examples": 6000, "output_format": "strict", "facts_change": "daily",
        "ml_expertise": "strong", "budget": "medium", "private_data": "documents",
    }
    s = score(SHIPPED, answers)
    assert s.scores["rag"] > s.scores["peft"] + 2  # retrieval dominates the rule scores
    assert s.top == "hybrid" and s.hybrid_of == ("peft", "rag")


def test_shipped_rubric_a_style_without_examples_leaves_changing_facts_to_retrieval() -> None:
    """A house tone with nothing to learn it from is a need a prompt carries: RAG, no hybrid."""
    answers: Answers = {"domain_specialisation": "moderate", "facts_change": "daily", "ml_expertise": "strong"}
    s = score(SHIPPED, answers)
    assert s.top == "rag" and not s.hybrid_active


def test_shipped_rubric_nothing_to_look_up_means_no_retrieval_half() -> None:
    answers: Answers = {
        "domain_specialisation": "deep", "labelled_examples": 30000, "facts_change": "rarely",
        "ml_expertise": "strong", "budget": "medium",
    }
    s = score(SHIPPED, answers)
    assert s.top == "peft" and not s.hybrid_active


def test_shipped_rubric_a_two_part_task_trains_one_part_and_prompts_the_changing_part() -> None:
    """Diagnosis learned from 60k annotated reports, patient scripts rewritten every couple of
    weeks (AndData's hybrid example): the rules that lower prompts speak of the diagnosis part,
    so a carried prompt half needs no strength of its own and the pair wins."""
    answers: Answers = {
        "domain_specialisation": "deep", "labelled_examples": 60000, "requirements_change": "weekly",
        "accuracy_stakes": "high", "budget": "high", "ml_expertise": "strong",
    }
    s = score(SHIPPED, answers)
    assert s.scores["prompt_engineering"] < SHIPPED.hybrid.strong  # weak on the rules alone
    assert s.top == "hybrid" and set(s.hybrid_of or ()) == {"full_fine_tuning", "prompt_engineering"}
    assert score(SHIPPED, {**answers, "requirements_change": "rarely"}).top != "hybrid"  # no prompt need
    # no ML expertise and no budget stated beyond tight: no hybrid, however the halves are carried
    no_ml = {k: v for k, v in answers.items() if k != "budget"} | {"ml_expertise": "none"}
    assert score(SHIPPED, no_ml).top != "hybrid"
    assert score(SHIPPED, {**no_ml, "budget": "low"}).top != "hybrid"
    # ... but a budget for the work buys the training skill the team lacks (`hybrid.lifted_by`)
    assert score(SHIPPED, {**no_ml, "budget": "high"}).top == "hybrid"


def test_shipped_rubric_a_budget_lifts_the_no_ml_block_but_not_a_tight_budget() -> None:
    """A deep domain learned from 12k memos and law that changes daily, one developer: a moderate
    budget hires the fine-tuning (PEFT + RAG); a tight one leaves one approach to start with."""
    answers: Answers = {
        "domain_specialisation": "deep", "labelled_examples": 12000, "facts_change": "daily", "ml_expertise": "none",
    }
    assert SHIPPED.hybrid.blocked(answers) and SHIPPED.hybrid.blocked({**answers, "budget": "low"})
    assert not SHIPPED.hybrid.blocked({**answers, "budget": "medium"})
    assert score(SHIPPED, {**answers, "budget": "medium"}).top == "hybrid"
    assert score(SHIPPED, {**answers, "budget": "low"}).top != "hybrid"
    assert score(SHIPPED, answers).top != "hybrid"
    assert can_flip(SHIPPED, answers)  # an open budget may still lift the block


def test_shipped_rubric_documents_revised_monthly_without_data_is_retrieval() -> None:
    """A body of documents revised monthly, no labelled data, a modest budget: RAG, not prompts."""
    answers: Answers = {"labelled_examples": 0, "facts_change": "monthly", "budget": "low", "private_data": "documents"}
    assert score(SHIPPED, answers).top == "rag"


def test_shipped_rubric_questions_answered_from_own_documents_without_labels_are_retrieval() -> None:
    """No labelled examples, no ML people, answers buried in the team's own documents (even with
    how often they change unstated): scarce labels argue against training, not against retrieval,
    which needs the documents and no labels. Without a body of documents or facts prompts stay the pick."""
    answers: Answers = {"labelled_examples": 0, "ml_expertise": "none", "private_data": "documents"}
    s = score(SHIPPED, answers)
    assert s.top == "rag"
    assert "private_documents_unlabelled" in {r.id for r in s.fired}
    with_labels = score(SHIPPED, {**answers, "labelled_examples": 5000})
    assert "private_documents_unlabelled" not in {r.id for r in with_labels.fired}
    no_docs: Answers = {"labelled_examples": 0, "ml_expertise": "none", "request_volume": 7}
    assert score(SHIPPED, no_docs).top == "prompt_engineering"


def test_shipped_rubric_scarce_labels_and_facts_that_move_are_retrieval() -> None:
    """No labelled examples, manuals revised monthly, no ML people, seven questions a day: the
    answers rest on a body of facts, and scarce labels argue against training, not retrieval
    (`data_scarce_facts`). Citations required count the same way (`data_scarce_cited`)."""
    answers: Answers = {"labelled_examples": 0, "ml_expertise": "none", "facts_change": "monthly", "request_volume": 7}
    s = score(SHIPPED, answers)
    assert s.top == "rag" and "data_scarce_facts" in {r.id for r in s.fired}
    cited: Answers = {"labelled_examples": 0, "ml_expertise": "none", "cite_sources": "required", "request_volume": 7}
    assert score(SHIPPED, cited).top == "rag"
    assert score(SHIPPED, {**answers, "labelled_examples": 5000}).scores["rag"] < s.scores["rag"]

def test_shipped_rubric_a_stable_core_at_volume_trains_and_the_changing_surface_is_prompted() -> None:
    """50k labelled claims, 40k a day, partners' output specs changing often (SkillWisor: a
    fine-tuned model for core task execution, prompt-engineered models for output formatting):
    the trained half is carried by the core job at volume learned from its examples, and its
    strength leaves out what the changing requirements - the prompt half's part - took from it."""
    answers: Answers = {"labelled_examples": 50000, "request_volume": 40000, "requirements_change": "weekly"}
    s = score(SHIPPED, answers)
    assert s.top == "hybrid" and "prompt_engineering" in (s.hybrid_of or ())
    trained = next(m for m in s.hybrid_pair.pair if m != "prompt_engineering")
    assert s.scores[trained] < SHIPPED.hybrid.strong  # weak on the rules alone
    assert half_strength(SHIPPED, s.scores, s.fired, trained, "prompt_engineering", answers) >= SHIPPED.hybrid.strong
    assert score(SHIPPED, {**answers, "requirements_change": "rarely"}).top != "hybrid"  # no prompt need
    assert score(SHIPPED, {**answers, "labelled_examples": 200}).top != "hybrid"  # nothing to learn from
    assert score(SHIPPED, {**answers, "request_volume": 300}).top != "hybrid"  # no core job at volume




def test_shipped_rubric_a_retrieval_half_carried_by_moving_facts_needs_no_strength() -> None:
    """A deep domain learned from 30k letters, facts that change monthly, an ML team: retrieval
    trains nothing and needs no labels, so once moving facts carry it, it needs no strength from
    the rules (its score stays below `strong`) and the pair wins; with nothing that moves there is
    no retrieval half, and with no ML expertise no hybrid at all."""
    answers: Answers = {
        "domain_specialisation": "deep", "labelled_examples": 30000, "facts_change": "monthly",
        "ml_expertise": "strong",
    }
    s = score(SHIPPED, answers)
    assert s.scores["rag"] < SHIPPED.hybrid.strong  # weak on the rules alone
    assert s.top == "hybrid" and s.hybrid_of == ("peft", "rag")
    assert score(SHIPPED, {**answers, "facts_change": "rarely"}).top == "peft"
    assert score(SHIPPED, {**answers, "ml_expertise": "none"}).top != "hybrid"


def test_shipped_rubric_moving_facts_without_ml_expertise_count_against_training() -> None:
    """10k answered tickets in a deep domain, plan documents revised monthly, no ML expertise and a
    tight budget: a trained model would need retraining the team cannot do as the facts move
    (`facts_moving_no_ml`), so retrieval, not PEFT. With stable facts the rule stays silent."""
    answers: Answers = {
        "domain_specialisation": "deep", "labelled_examples": 10000, "facts_change": "monthly",
        "budget": "low", "ml_expertise": "none",
    }
    s = score(SHIPPED, answers)
    assert s.top == "rag" and "facts_moving_no_ml" in {r.id for r in s.fired}
    stable = score(SHIPPED, {**answers, "facts_change": "rarely"})
    assert "facts_moving_no_ml" not in {r.id for r in stable.fired}
    with_ml = score(SHIPPED, {**answers, "ml_expertise": "some"})
    assert "facts_moving_no_ml" not in {r.id for r in with_ml.fired}


def test_shipped_rubric_training_ruled_out_leaves_no_trained_approach_nor_hybrid() -> None:
    """A team that rules out training gets no trained approach, alone or in a pair, however strongly
    the rest points at one; the constraint says why once."""
    answers: Answers = {
        "domain_specialisation": "deep", "labelled_examples": 50000, "ml_expertise": "strong",
        "facts_change": "weekly", "training": "ruled_out",
    }
    s = score(SHIPPED, answers)
    assert s.top == "rag"
    assert not any(s.allowed.get(a, True) for a in ("prompt_tuning", "peft", "full_fine_tuning", "hybrid"))
    reasons = [r for r, _ in why(SHIPPED, s, s.top)]
    assert sum("ruled out training" in r for r in reasons) == 1
    assert score(SHIPPED, {**answers, "training": "allowed"}).top != "rag"


def test_shipped_rubric_frozen_weights_leave_prompt_tuning_but_no_weight_update() -> None:
    """Weights that may not change rule out PEFT and full fine-tuning (and their hybrids), not prompt
    tuning, which trains soft prompts in front of the input and leaves the weights as they are."""
    answers: Answers = {"labelled_examples": 5000, "budget": "medium", "prompt_results": "plateaued"}
    assert score(SHIPPED, answers).top in ("peft", "full_fine_tuning")
    s = score(SHIPPED, {**answers, "training": "weights_frozen"})
    assert s.top == "prompt_tuning"
    assert not s.allowed.get("peft", True) and not s.allowed.get("full_fine_tuning", True)
    assert "weights may not change" in " ".join(r for r, _ in why(SHIPPED, s, s.top))
def _without_defaults(rubric: Rubric) -> Rubric:
    data = rubric.model_dump(by_alias=True)
    data["constraints"] = [c for c in data["constraints"] if not c["default"]]
    return Rubric.model_validate(data)


SHIPPED_NO_DEFAULT = _without_defaults(SHIPPED)


def test_shipped_rubric_a_strict_format_alone_starts_with_prompts() -> None:
    """"Classify emails into 5 categories": a strict format is all that is known. The rules score
    PEFT above prompting, but nothing stated is a reason to train (no labels, no plateau, no
    scale), so prompting is the starting point; the default says why and caps the confidence."""
    answers: Answers = {"output_format": "strict"}
    s = score(SHIPPED, answers)
    assert s.scores["peft"] > s.scores["prompt_engineering"]
    assert s.top == "prompt_engineering" and s.overruled == "peft"
    assert "Nothing stated yet is a reason to train" in why(SHIPPED, s, s.top)[0][0]
    assert confidence(SHIPPED, s) <= SHIPPED.override_confidence
    assert score(SHIPPED_NO_DEFAULT, answers).top == "peft"


def test_shipped_rubric_what_a_team_can_afford_is_no_reason_to_train() -> None:
    """A big budget and an ML team make training possible, not needed (SkillWisor)."""
    answers: Answers = {"budget": "high", "ml_expertise": "strong", "timeline": "months"}
    assert score(SHIPPED, answers).top == "prompt_engineering"
    assert score(SHIPPED_NO_DEFAULT, answers).top in {"peft", "full_fine_tuning"}


def test_shipped_rubric_any_one_stated_reason_to_train_lifts_the_default() -> None:
    """Each fact the articles name as a reason to train lifts the starting point on its own."""
    default = next(c for c in SHIPPED.constraints if c.default)
    base: Answers = {"output_format": "strict", "budget": "high", "ml_expertise": "strong"}
    for cond in default.unless:
        value = next(v for v in candidate_values(SHIPPED, cond.criterion) if cond.holds(v))
        s = score(SHIPPED, {**base, cond.criterion: value})
        assert default not in s.constraints, cond.criterion
        assert s.top == score(SHIPPED_NO_DEFAULT, {**base, cond.criterion: value}).top, cond.criterion


def test_shipped_rubric_the_default_only_ever_moves_a_verdict_off_training() -> None:
    """Wherever the starting point changes a verdict, the verdict it gives trains nothing, and it
    never makes a verdict that trains nothing into one that trains."""
    training = {"prompt_tuning", "peft", "full_fine_tuning"}
    values = {c: candidate_values(SHIPPED, c) for c in ("output_format", "budget", "ml_expertise", "timeline")}
    for combo in itertools.product(*values.values()):
        answers: Answers = dict(zip(values, combo, strict=True))
        with_default, without = score(SHIPPED, answers), score(SHIPPED_NO_DEFAULT, answers)
        if with_default.top != without.top:
            assert not set(with_default.members(with_default.top)) & training, answers
            assert set(without.members(without.top)) & training, answers


@given(st.fixed_dictionaries({}, optional={c.id: st.sampled_from(candidate_values(SHIPPED, c.id))
                                           for c in SHIPPED.criteria if candidate_values(SHIPPED, c.id)}))
@settings(max_examples=300, deadline=None)
def test_a_default_that_leaves_the_verdict_as_it_was_leaves_its_confidence_too(answers: Answers) -> None:
    with_default, without = score(SHIPPED, answers), score(SHIPPED_NO_DEFAULT, answers)
    if with_default.top == without.top:
        assert with_default.members(with_default.top) == without.members(without.top)
        assert confidence(SHIPPED, with_default) == confidence(SHIPPED_NO_DEFAULT, without)


@st.composite
def _thin_case(draw: st.DrawFn) -> tuple[Answers, list[str]]:
    """Few answers, none a reason to train, and 1-3 of the reasons still open."""
    answers: Answers = {}
    for crit in ("output_format", "budget", "ml_expertise", "timeline", "facts_change", "requirements_change"):
        if draw(st.booleans()):
            answers[crit] = draw(st.sampled_from(candidate_values(SHIPPED, crit)))
    default = next(c for c in SHIPPED.constraints if c.default)
    reasons = sorted({c.criterion for c in default.unless} & set(SHIPPED.askable))
    hidden = draw(st.lists(st.sampled_from(reasons), min_size=1, max_size=3, unique=True))
    return answers, hidden


@given(_thin_case())
@settings(max_examples=60, deadline=None)
def test_can_flip_is_sound_while_the_starting_point_may_still_be_lifted(case: tuple[Answers, list[str]]) -> None:
    answers, hidden = case
    _check_sound(SHIPPED, answers, hidden)


def test_a_hinted_better_half_with_a_carried_partner_is_worth_itself_plus_the_bonus() -> None:
    """Thousands of labelled examples of a core task (PEFT on top, its need only hinted) and
    requirements revised monthly (the prompt half's own need): the pair does all PEFT does and
    follows the revisions too, so it is worth PEFT plus the bonus instead of the mean of the two."""
    answers: Answers = {"labelled_examples": 18000, "requirements_change": "monthly", "ml_expertise": "strong"}
    s = score(SHIPPED, answers)
    assert s.top == "hybrid" and s.hybrid_of == ("peft", "prompt_engineering")
    assert s.scores["hybrid"] == s.scores["peft"] + SHIPPED.hybrid.bonus


def test_shipped_rubric_the_smallest_trainable_option_is_prompt_tuning() -> None:
    """Gupta's table: prompt tuning (soft prompts, low to moderate resources, days) over PEFT
    (moderate, days to weeks) when the team asks for the lightest thing that still learns."""
    answers: Answers = {"labelled_examples": 4000, "budget": "low"}
    assert score(SHIPPED, answers).top == "prompt_engineering"
    assert score(SHIPPED, {**answers, "trained_footprint": "smallest"}).top == "prompt_tuning"


def test_shipped_rubric_quick_or_cheaply_kept_variants_tip_prompt_tuning_over_peft() -> None:
    base: Answers = {"labelled_examples": 3000, "task_variants": "per_task", "prompt_results": "plateaued"}
    assert score(SHIPPED, base).top == "peft"
    assert score(SHIPPED, {**base, "timeline": "days"}).top == "prompt_tuning"
    assert score(SHIPPED, {**base, "trained_footprint": "kept_cheaply"}).top == "prompt_tuning"


def test_shipped_rubric_a_deep_domain_keeps_per_task_adapters_on_peft() -> None:
    answers: Answers = {
        "labelled_examples": 20000,
        "task_variants": "per_task",
        "domain_specialisation": "deep",
        "budget": "medium",
        "timeline": "weeks",
    }
    assert score(SHIPPED, answers).top == "peft"
    assert score(SHIPPED, {**answers, "trained_footprint": "kept_cheaply"}).top == "peft"


def test_a_deadline_of_days_ranks_the_approaches_by_the_g_tables_time_to_implement() -> None:
    # G table: prompt engineering hours to days, prompt tuning days, PEFT and RAG days to weeks,
    # full fine-tuning weeks; a deadline of weeks does not favour prompt tuning over PEFT
    days = score(SHIPPED, {"timeline": "days"}).scores
    assert days["prompt_engineering"] > days["prompt_tuning"] > days["peft"] > days["full_fine_tuning"]
    assert days["prompt_tuning"] > score(SHIPPED, {}).scores["prompt_tuning"]  # days suit prompt tuning
    weeks = score(SHIPPED, {"timeline": "weeks"}).scores
    assert weeks["prompt_tuning"] <= weeks["peft"]
