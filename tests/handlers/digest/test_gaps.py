from __future__ import annotations

from handlers.digest.service import knowledge_gaps


def test_only_in_field_unanswered_questions_are_gaps() -> None:
    unanswered = [
        "How do I fine-tune my car engine for better fuel economy?",
        "How does DPO compare with RLHF for our chatbot?",
        "How should we price our SaaS product?",
        "what's the weather in Paris tomorrow?",
        "Which embedding model should our RAG index use?",
    ]
    assert knowledge_gaps(unanswered) == [
        "How does DPO compare with RLHF for our chatbot?",
        "Which embedding model should our RAG index use?",
    ]


def test_gaps_are_capped() -> None:
    assert len(knowledge_gaps([f"What is LoRA rank {i}?" for i in range(9)], limit=5)) == 5
