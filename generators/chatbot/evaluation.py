"""Measuring the answer engine on a labelled question set (tests/generators/eval/questions.jsonl):
top-1 product accuracy, wrong direct answers, out-of-scope questions answered directly, and the choice of
FAQ (tests/generators/eval/faq_labels.jsonl)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from generators.chatbot.engine import ChatEngine


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    action: str
    product: str | None
    service: str | None
    alternatives: tuple[str, ...]
    split: str

    @property
    def target(self) -> str | None:
        return self.product or (f"dienst:{self.service}" if self.service else None)


@dataclass
class Evaluation:
    split: str
    in_scope: int = 0
    top1_correct: int = 0
    direct: int = 0
    direct_wrong: int = 0
    out_of_scope: int = 0
    out_of_scope_direct: int = 0
    actions: Counter[tuple[str, str]] = field(default_factory=Counter)
    mistakes: list[tuple[str, str, str | None, str]] = field(default_factory=list)

    @property
    def top1(self) -> float:
        return self.top1_correct / self.in_scope if self.in_scope else 0.0

    @property
    def wrong_direct_rate(self) -> float:
        return self.direct_wrong / self.direct if self.direct else 0.0

    @property
    def out_of_scope_direct_rate(self) -> float:
        return self.out_of_scope_direct / self.out_of_scope if self.out_of_scope else 0.0

    @property
    def action_accuracy(self) -> float:
        total = sum(self.actions.values())
        return sum(n for (expected, got), n in self.actions.items() if expected == got) / total if total else 0.0

    def summary(self) -> str:
        return (
            f"{self.split}: top-1 product accuracy {self.top1:.3f} ({self.top1_correct}/{self.in_scope}); "
            f"wrong direct answers {self.wrong_direct_rate:.3f} ({self.direct_wrong}/{self.direct}); "
            f"out-of-scope answered directly {self.out_of_scope_direct_rate:.3f} "
            f"({self.out_of_scope_direct}/{self.out_of_scope}); action accuracy {self.action_accuracy:.3f}"
        )


def load_questions(path: Path) -> list[Question]:
    questions = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            data = json.loads(line)
            questions.append(
                Question(
                    data["id"],
                    data["question"],
                    data["action"],
                    data["product"],
                    data["service"],
                    tuple(data.get("alternatives", [])),
                    data["split"],
                )
            )
    return questions


def _key(kind: str, identifier: str) -> str:
    return identifier if kind == "product" else f"dienst:{identifier}"


def evaluate(engine: ChatEngine, questions: list[Question], split: str) -> Evaluation:
    """Each question in a fresh session, without a municipality."""
    result = Evaluation(split)
    for question in (q for q in questions if q.split == split):
        ranked = engine.index.search(question.question)
        answer = engine.ask(question.question)
        got = answer.product["id"] if answer.product else (f"dienst:{answer.service['id']}" if answer.service else None)
        accepted = {question.target, *question.alternatives} - {None}
        result.actions[(question.action, answer.action)] += 1
        if question.target is not None:
            result.in_scope += 1
            top = _key(ranked[0][0].kind, ranked[0][0].id) if ranked else None
            if top in accepted or (question.action == "clarify" and top in question.alternatives):
                result.top1_correct += 1
            elif len(result.mistakes) < 200:
                result.mistakes.append((question.id, question.question, top, str(question.target)))
        direct = answer.action == "answer" or (answer.action == "handover" and got is not None)
        if direct and got is not None:
            result.direct += 1
            if got not in accepted:
                result.direct_wrong += 1
        if question.action == "fallback":
            result.out_of_scope += 1
            if direct and got is not None:
                result.out_of_scope_direct += 1
    return result


@dataclass
class FaqEvaluation:
    """How often the engine starts its answer with the right FAQ (or with the description, where no FAQ
    answers the question), given the right product or service."""

    split: str
    total: int = 0
    right: int = 0
    wrong_faq: int = 0
    missed: int = 0

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0

    def summary(self) -> str:
        return (
            f"{self.split}: FAQ choice {self.accuracy:.3f} ({self.right}/{self.total}); an FAQ that does not answer "
            f"the question {self.wrong_faq}; no FAQ where one answers it {self.missed}"
        )


def load_faq_labels(path: Path) -> dict[str, tuple[str | None, tuple[str, ...]]]:
    """Question id -> (the FAQ that answers it or None, other FAQs that answer it equally well)."""
    labels = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            data = json.loads(line)
            labels[data["id"]] = (data["faq"], tuple(data.get("also", [])))
    return labels


def evaluate_faqs(
    engine: ChatEngine, questions: list[Question], labels: dict[str, tuple[str | None, tuple[str, ...]]], split: str
) -> FaqEvaluation:
    """The FAQ the engine picks for each labelled question of a split, given its right product or
    service: this measures the choice of FAQ apart from the choice of product."""
    result = FaqEvaluation(split)
    for question in questions:
        target = question.target
        if question.split != split or target is None or question.id not in labels:
            continue
        expected, also = labels[question.id]
        faq = engine.pick_faq(target, question.question)
        got = faq.id if faq else None
        result.total += 1
        if got == expected or (got is not None and got in also):
            result.right += 1
        elif got is None:
            result.missed += 1
        else:
            result.wrong_faq += 1
    return result
