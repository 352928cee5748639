"""The offline, rule-based extractor (pure): free text -> rubric answers.

"we have ~5k labelled tickets, 2M calls a day, docs change weekly, no ML people" becomes
{labelled_examples: 5000, request_volume: 2000000, facts_change: "weekly", ml_expertise: "none"}.
Driven by the rubric's data: choice synonyms (with `negated` targets), numeric cues and phrases,
frequency subjects and words. Numbers understand k/M/thousand/million and per day/week/month.
With an `OptionMatcher` (embedding similarity to each choice's examples, negation-aware) it also
reads wordings no phrase lists; the phrase rules win wherever both found something.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cached_property

from pydantic import BaseModel, Field

from handlers.assess.amounts import read_amounts
from handlers.assess.asked_knowledge import AskedKnowledge
from handlers.assess.budget_size import sized_budget
from handlers.assess.budget_there import budget_there
from handlers.assess.changes import ChangeReader
from handlers.assess.compute import with_hardware
from handlers.assess.concessions import prompting_in_vain
from handlers.assess.counted import CountedClassifier
from handlers.assess.deadlines import named_day, ready_within
from handlers.assess.denied_size import denied_size
from handlers.assess.direct import bare_number, direct_choice
from handlers.assess.encoder_readers import EncoderReaders
from handlers.assess.event_style import VARIANT_STYLE, reworded_per_occasion
from handlers.assess.fair_but import fair_but_short
from handlers.assess.fields import FieldAnswer, FieldReader, noun_label
from handlers.assess.hired_ml import hired_skill
from handlers.assess.listed import choice_readings, phrase_readings
from handlers.assess.ml_familiarity import ML_EXPERTISE, familiar_skill
from handlers.assess.number_cues import as_number
from handlers.assess.number_pass import NumberPass
from handlers.assess.own_output import own_output
from handlers.assess.partial_success import partly_failed
from handlers.assess.patterns import BUDGET, LABELLED, Candidate, Patterns, compile_patterns
from handlers.assess.purpose_needs import purpose_needs
from handlers.assess.selection import best_readings, fill_fallbacks, unread
from handlers.assess.semantic import OptionMatcher
from handlers.assess.shortfalls import prompting_shortfalls
from handlers.assess.soft_prompt_setup import soft_prompt_setup
from handlers.assess.spelling import Spelling, rubric_words
from handlers.assess.stakes import ACCURACY_STAKES, obliged_accuracy
from handlers.assess.tailored import tailored_form
from handlers.assess.targets import score_against_target
from handlers.assess.task_cadence import task_cadence
from handlers.assess.terse import TerseChanges
from handlers.assess.text_cues import WISH, negated, normalise, sentence_of, split_clauses, split_statements
from handlers.assess.thing_roles import placed_by_role
from handlers.assess.usage import usage_volume
from handlers.assess.variants import affordability, per_task
from handlers.assess.verdicts import PLATEAUED, PROMPT_RESULTS, prompting_verdicts
from handlers.assess.where_runs import DEPLOYMENT, where_runs
from handlers.assess.yardstick import everyday_budget
from knowledge.rubric.model import Answers, AnswerValue, Rubric

log = logging.getLogger(__name__)

class Extraction(BaseModel):
    """Answers found in a text, with the snippet each one came from."""

    answers: Answers = Field(default_factory=dict)
    evidence: dict[str, str] = Field(default_factory=dict)

    def merged_over(self, base: Extraction) -> Extraction:
        """This extraction's answers, falling back to `base` for anything it does not have."""
        return Extraction(
            answers={**base.answers, **self.answers}, evidence={**base.evidence, **self.evidence}
        )


class RuleExtractor:
    """Implements `handlers.assess.ports.AnswerExtractor` without any model."""

    name = "rules"

    def __init__(self, rubric: Rubric, matcher: OptionMatcher | None = None) -> None:
        self.rubric = rubric
        self.matcher = matcher

    @cached_property
    def patterns(self) -> Patterns:
        return compile_patterns(self.rubric)

    @cached_property
    def changes(self) -> ChangeReader:
        return ChangeReader(self.rubric, self.patterns)

    @cached_property
    def terse(self) -> TerseChanges:
        return TerseChanges(self.changes)

    @cached_property
    def spelling(self) -> Spelling | None:
        """Typo repair needs to tell words from typos: the matcher's tokenizer knows the words."""
        return Spelling(rubric_words(self.rubric), self._knows) if self.matcher is not None else None

    def _knows(self, word: str) -> bool:
        if self.matcher is None:
            return True
        try:
            return self.matcher.knows(word)
        except Exception:  # the model could not load: without its words nothing counts as a typo
            return True

    @cached_property
    def encoders(self) -> EncoderReaders:
        """The readers that place phrases by meaning, on the matcher's encoder."""
        return EncoderReaders(self.patterns)

    def _counted_says(self, ask: Callable[[CountedClassifier, str], bool], phrase: str) -> bool:
        """What the classifier of counted phrases says of `phrase`; False (nothing) without the encoder."""
        if self.matcher is None:
            return False
        try:
            return ask(self.encoders.counted(self.matcher), phrase)
        except Exception:  # the model could not load or run: the phrase rules still answer
            log.warning("embedding matcher unavailable; using the phrase rules only", exc_info=True)
            self.matcher = None
            return False

    def _past_outputs(self, phrase: str) -> bool:
        """Whether a counted phrase names past outputs of the task (`handlers.assess.counted`)."""
        return self._counted_says(CountedClassifier.past_outputs, phrase)

    def _other_thing(self, phrase: str) -> bool:
        """Whether a phrase clearly names things other than records of the task ("existing customers");
        no veto without the encoder."""
        return self._counted_says(CountedClassifier.other_thing, phrase)

    @cached_property
    def asked(self) -> AskedKnowledge:
        """Questions about a body of knowledge and the paces of what is asked about."""
        return AskedKnowledge(self.patterns.change_verb, self.changes.mentions, set(self.rubric.criteria_by_id))

    @cached_property
    def numbers(self) -> NumberPass:
        return NumberPass(self.rubric, self.patterns, self.changes, self._past_outputs)

    @cached_property
    def fields(self) -> FieldReader:
        return FieldReader(self.rubric.reading)

    # --- public ---------------------------------------------------------------------------------
    def extract(self, text: str) -> Extraction:
        candidates: list[Candidate] = []
        normalised = normalise(text)
        if self.spelling is not None:
            normalised = self.spelling.correct(normalised)
        clauses = split_clauses(normalised)
        read: list[Candidate] = []  # what the phrase, synonym and number rules read
        previous, end = "", 0
        for offset, clause in clauses:
            rules = self._rules(clause, offset, previous, normalised[end:offset])
            previous, end = clause, offset + len(clause)
            read.extend(rules)
            candidates.extend(rules)
            candidates.extend(self.changes.current(clause, offset))
            candidates.extend(self.changes.arrivals(clause, offset))
            candidates.extend(per_task(clause, offset))
            candidates.extend(tailored_form(clause, offset))  # "whatever layout the partner asks for"
            candidates.extend(affordability(clause, offset))
            candidates.extend(everyday_budget(clause, offset))  # "about what a coffee subscription costs"
            candidates.extend(usage_volume(clause, offset))  # "20 people use it a couple of times a week"
            candidates.extend(named_day(clause, offset))
            candidates.extend(ready_within(clause, offset))  # "have to be ready in days"
        if BUDGET in self.rubric.criteria_by_id:
            candidates.extend(budget_there(normalised))  # "Budget is there", not "... for next year only"
        if VARIANT_STYLE in self.rubric.criteria_by_id:
            candidates.extend(reworded_per_occasion(normalised))  # "wording our comms team rewrites for every storm"
        for offset, clause in self.changes.in_context(clauses):
            candidates.extend(self._frequencies(clause, offset))
            candidates.extend(self._terse(clause, offset))  # "Rota revisions weekly", "feed resyncs overnight"
        fields = self.fields.fields(normalised)
        candidates.extend(self._fields(fields))
        if self.matcher is not None:
            # a question ("should the model learn them by fine-tuning?") states nothing about the team
            stated = [(o, c) for o, c in clauses if not normalised[o + len(c) :].lstrip().startswith("?")]
            stated = split_statements(stated)
            stated += [(f.start, f.copula) for f in fields if f.criterion is not None and f.copula]
            try:
                candidates.extend(unread(self._semantic(self.matcher, stated, normalised), read))
                candidates.extend(self.encoders.variant_styles(self.matcher).read(normalised))
            except Exception:  # the model could not load or run: the phrase rules still answer
                log.warning("embedding matcher unavailable; using the phrase rules only", exc_info=True)
                self.matcher = None
        candidates.extend(self.asked.read(normalised))  # "staff ask about our procedures, revised monthly"
        candidates = self.asked.restated(normalised, candidates)
        # a rule, list or guideline changing: followed by the output (requirements) or asked about (facts)
        # ... and a new customer arriving is a new task variant, a model kept frozen no pace (task_cadence)
        candidates = task_cadence(placed_by_role(normalised, candidates, self.changes.subjects))
        candidates = own_output(normalised, candidates)  # "we publish a daily newsletter": no pace of facts
        candidates = with_hardware(normalised, candidates)  # "a single A100", "2 GPUs": compute as a count
        best = best_readings(self.rubric, candidates, self.changes.inputs(normalised))
        fill_fallbacks(self.rubric, best, normalised)
        known = {c.id for c in self.rubric.criteria}
        ordered = [c for c in self.rubric.criteria if c.id in best and c.id in known]
        return Extraction(
            answers={c.id: best[c.id].value for c in ordered},
            evidence={c.id: best[c.id].snippet for c in ordered},
        )

    def read_answer(self, criterion_id: str, text: str) -> AnswerValue | None:
        """Read a reply to one question: a choice number/id/label, a bare number or frequency,
        or anything the full extractor finds for that criterion. None if unreadable."""
        crit = self.rubric.criterion(criterion_id)
        clean = normalise(text).strip().strip(".!")
        direct = direct_choice(crit, clean)
        if direct is not None:
            return direct
        found = self.extract(text).answers.get(criterion_id)
        if found is not None:
            return found
        if crit.numeric:
            return bare_number(crit, clean)
        if crit.subjects:
            for choice_id, pattern in self.patterns.frequencies:
                m = pattern.search(clean)
                if m and crit.choice(choice_id) is not None:
                    return "rarely" if negated(clean[: m.start()]) else choice_id
        return None

    # --- passes ---------------------------------------------------------------------------------
    def _rules(self, clause: str, offset: int, previous: str = "", gap: str = "") -> list[Candidate]:
        criteria = self.rubric.criteria_by_id
        return [
            *self.numbers.read(clause, offset, previous),
            *read_amounts(clause, offset, previous, self.patterns.cues.get(LABELLED), self._other_thing),
            *phrase_readings(self.patterns, clause, offset),
            *choice_readings(self.patterns, clause, offset),
            *purpose_needs(clause, offset),  # "a rigid layout a system parses", "the base model stays untouched"
            *soft_prompt_setup(clause, offset, previous),  # "the licence does not let us alter the weights"
            *(sized_budget(clause, offset) if BUDGET in criteria else []),  # "a decent budget"
            *(denied_size(clause, offset) if BUDGET in criteria else []),  # "no big GPU cluster"
            *(where_runs(clause, offset) if DEPLOYMENT in criteria else []),  # "no reliable internet", "run locally"
            *(obliged_accuracy(clause, offset) if ACCURACY_STAKES in criteria else []),  # "must be really accurate"
            *(familiar_skill(clause, offset) if ML_EXPERTISE in criteria else []),  # "ML-literate staff"
            *(hired_skill(clause, offset) if ML_EXPERTISE in criteria else []),  # "a contractor for LoRA"
            *(prompting_verdicts(clause, offset, previous) if self._reads_verdicts else []),
            *(score_against_target(clause, offset, previous) if self._reads_verdicts else []),
            *(prompting_shortfalls(clause, offset, previous) if self._reads_verdicts else []),
            *(prompting_in_vain(clause, offset, previous) if self._reads_verdicts else []),  # "however we word it"
            *(fair_but_short(clause, offset, previous, gap) if self._reads_verdicts else []),  # "okay but drifts"
            *(partly_failed(clause, offset, previous, gap) if self._reads_verdicts else []),  # "gets X, but Y wrong"
        ]

    @cached_property
    def _reads_verdicts(self) -> bool:
        """The rubric asks how prompting went and has a choice for "not good enough"."""
        crit = self.rubric.criteria_by_id.get(PROMPT_RESULTS)
        return crit is not None and crit.choice(PLATEAUED) is not None

    def _fields(self, fields: list[FieldAnswer]) -> list[Candidate]:
        """Answer lists ("Budget? small", "ML people: none", "budget meh"): a short answer on the
        field's scale, and the label read with its answer as one statement - a form field also as
        the sentence it abbreviates ("Requirements: frozen" -> "requirements are frozen"), with
        whatever label it has ("Vendors and formats - pretty stable")."""
        out: list[Candidate] = []
        for f in fields:
            if f.copula and (f.criterion is not None or self._subject_label(f.label) or noun_label(f.label)):
                out.extend(self._rules(f.copula, f.start))
                if self._subject_label(f.label):
                    out.extend(self.changes.frequencies(f.copula, f.start))
            if f.criterion is None:
                continue
            statement = f.statement
            if f.separated:
                out.extend(self._rules(statement, f.start))
                out.extend(self._frequencies(statement, f.start))
            value = self.fields.value(f)
            if value is not None:
                out.append(Candidate(f.criterion, as_number(value) if isinstance(value, float) else value,
                                     f.start, len(statement), statement, priority=1))
        return out

    def _subject_label(self, label: str) -> bool:
        """The label names what changes ("Specs: frozen", "Vendors and formats - stable"), so its
        "is" states a change; "Content moderation for a forum: 500k posts a day" does not."""
        label = label.rstrip(" .:-")
        return any(m.end() == len(label) for _, m in self.changes.subjects(label))

    def _frequencies(self, clause: str, offset: int) -> list[Candidate]:
        if self.changes.subjects(clause) or self.matcher is None:
            return self.changes.frequencies(clause, offset)
        try:
            return self.changes.unnamed(self.matcher, clause, offset, self.encoders.things(self.matcher))
        except Exception:  # the model could not load or run: the phrase rules still answer
            log.warning("embedding matcher unavailable; using the phrase rules only", exc_info=True)
            self.matcher = None
            return []

    def _terse(self, clause: str, offset: int) -> list[Candidate]:
        """Terse statements of change (`handlers.assess.terse`), their things placed by the
        classifier of things when the encoder is there."""
        if self.matcher is None:
            return self.terse.read(clause, offset)
        try:
            return self.terse.read(clause, offset, self.encoders.things(self.matcher))
        except Exception:  # the model could not load or run: the phrase rules still answer
            log.warning("embedding matcher unavailable; using the phrase rules only", exc_info=True)
            self.matcher = None
            return self.terse.read(clause, offset)

    def _semantic(self, matcher: OptionMatcher, clauses: list[tuple[int, str]], text: str) -> list[Candidate]:
        # a wish covers its whole sentence: "Ideally something between prompts and training,
        # where the prompt itself gets learned" reports no experience with prompting
        return [
            Candidate(h.criterion, h.value, h.start, round(h.similarity * 1000), h.clause, priority=-1)
            for h in matcher.match(clauses)
            if not (
                self.rubric.criterion(h.criterion).experience and WISH.search(sentence_of(text, h.start, h.clause))
            )
        ]
