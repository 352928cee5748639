from __future__ import annotations

import pytest

from handlers.ask.scope import in_field, names_corpus_concept, off_topic


@pytest.mark.parametrize(
    "question",
    [
        "How do I fine-tune my car engine for better fuel economy?",
        "how do I fine-tune the intonation on my guitar?",
        "How do I tune my radio to a new station?",
        "best way to fine-tune a recipe for sourdough?",
        "how do I fine-tune my golf swing?",
        "How do I tune up the carburetor?",
        "How should we price our SaaS product?",
        "What pricing tiers should our subscription have?",
        "Can I deduct home office costs on my taxes?",
        "What does employment law say about firing an employee on probation?",
        "how do I train my puppy to stop barking at night?",
        "any tips for training for a half marathon in spring?",
        "is it too late to become a fashion model at 30?",
        "what glue works best for a model railway layout?",
        "how can I prompt my tenant to pay rent on time?",
        "how much equity do early employees usually get?",
        "should we incorporate as an LLC first?",
        "how do I overclock and tune my gaming GPU?",
        "what goes into a financial model for a coffee shop?",
        "how do I texture 3D models for a video game?",
        "my puppy chews everything, how do I train that out of him?",
        "how long is onboarding training for new baristas?",
        "how do I ask a vendor for prompt delivery?",
        "can I get data recovery done on a water-damaged phone?",
        "do I need a power adapter for Australia?",
        "should we charge per seat or a flat fee for our app?",
        "what should a job description for a backend engineer say?",
        "can an employer make us come back to the office?",
        "when should a startup raise a seed round?",
        # an AI product's price, hiring a (virtual) assistant: the loose ML signs do not exempt them
        "how much should we charge per seat for the AI assistant add-on in our product?",
        "how do we write a job ad to hire a virtual assistant for scheduling and email?",
        "what monthly fee should we charge for our chatbot?",
        # the tuned thing named first, then taken up by a pronoun
        "my sleep schedule is off, how do I fine-tune it?",
        "our morning standup drags on - how can we tune it?",
    ],
)
def test_off_topic_questions(question: str) -> None:
    assert off_topic(question)
    assert not in_field(question)


@pytest.mark.parametrize(
    "question",
    [
        "How do I fine-tune a model for support tickets?",
        "should we fine-tune if we only have 500 labelled examples?",
        "What are the risks of fine-tuning?",
        "how do I tune hyperparameters when fine-tuning?",
        "Can we fine-tune it on our regulations?",
        "our regulations are amended monthly. can we fine-tune it on them?",
        "how do we fine-tune it?",
        "we built a support assistant last year; how do we fine-tune it?",
        "How much does a fine-tuning training run cost?",
        "What does the API pricing per token mean for prompt engineering?",
        "how do we train the support bot on our old tickets?",
        "how should we prompt the model to answer customers politely?",
        "can we train our model on the students' essays to grade them?",
        "does the model need a GPU to fine-tune?",
        "how do we train the bot for our sales team?",
        "is a fine-tuned model good at financial modeling tasks?",
        "should we hire a prompt engineer or fine-tune?",
        "can we recruit annotators to label a dataset for training?",
        "how do we price the tokens our assistant uses per seat?",
    ],
)
def test_model_questions_are_not_off_topic(question: str) -> None:
    assert not off_topic(question)


@pytest.mark.parametrize(
    "question",
    [
        "What is LoRA?",
        "Explain PEFT",
        "What are adapters in a model?",
        "What is prompt tuning?",
        "How does RAG work?",
        "Is few-shot better than zero-shot?",
        "What is chain-of-thought?",
        "What does temperature do to the model output?",
        "What is top-p?",
        "How do max tokens, stop sequences and logit bias work?",
        "Which KPIs matter for our model?",
    ],
)
def test_corpus_concepts_are_named(question: str) -> None:
    assert names_corpus_concept(question)
    assert in_field(question)


def test_everyday_words_alone_do_not_name_a_concept() -> None:
    assert not names_corpus_concept("what's the temperature in Paris tomorrow?")
    assert not in_field("what's the weather in Paris tomorrow?")


@pytest.mark.parametrize(
    "question",
    [
        "is tweaking the bot's settings enough or do we need to retrain it?",
        "what's the temperature thing in chatbots?",
        "is there a setting that makes the bot stop earlier?",
    ],
)
def test_a_chat_models_settings_name_the_runtime_parameters(question: str) -> None:
    assert names_corpus_concept(question)


def test_settings_of_other_things_name_nothing() -> None:
    assert not names_corpus_concept("which picture settings suit an OLED TV?")
    assert not names_corpus_concept("what temperature settings should the thermostat have?")


@pytest.mark.parametrize(
    "question",
    [
        "what's the best free software for 3D models?",
        "which plug adapter do I need in Japan?",
        "how do I get clients to make prompt payment?",
        "is data retrieval from a dead hard drive possible?",
    ],
)
def test_a_field_word_in_another_sense_is_not_in_the_field(question: str) -> None:
    assert not in_field(question)


def test_a_copilot_or_assistants_are_in_the_field() -> None:
    assert in_field("after launch, how would we know whether customers actually like using the copilot?")
    assert in_field("our assistants keep giving long answers")
