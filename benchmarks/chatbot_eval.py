"""Benchmark of the answer engine: accuracy on the dev and test splits of the evaluation set (product,
action and the choice of FAQ), latency (p50/p95 per question, with the index lookup included), memory
and cold start from the built index.

Run: .venv/bin/python benchmarks/chatbot_eval.py  (after `dienstengraaf build`)
The latency baseline measured in the same process is a plain dictionary lookup loop over the same
questions; figures are reported as absolute values and as a ratio to that baseline.
"""

from __future__ import annotations

import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generators.chatbot.engine import ChatEngine  # noqa: E402
from generators.chatbot.evaluation import evaluate, evaluate_faqs, load_faq_labels, load_questions  # noqa: E402
from registry.settings import Settings  # noqa: E402

QUESTIONS = ROOT / "tests" / "generators" / "eval" / "questions.jsonl"
FAQ_LABELS = ROOT / "tests" / "generators" / "eval" / "faq_labels.jsonl"


def main() -> None:
    settings = Settings()
    index_file = settings.chat_index
    started = time.perf_counter()
    engine = ChatEngine.from_file(index_file)
    engine.ask("paspoort")  # first question: corrector and caches warm up
    cold = time.perf_counter() - started
    questions = load_questions(QUESTIONS)
    labels = load_faq_labels(FAQ_LABELS)
    for split in ("dev", "test"):
        print(evaluate(engine, questions, split).summary())
        print(evaluate_faqs(engine, questions, labels, split).summary())
    timings = []
    for question in questions:
        begin = time.perf_counter()
        engine.ask(question.question, "utrecht")
        timings.append((time.perf_counter() - begin) * 1000)
    baseline = []
    table = {q.id: q for q in questions}
    for question in questions:
        begin = time.perf_counter()
        _ = table[question.id].question.casefold().split()
        baseline.append((time.perf_counter() - begin) * 1000)
    timings.sort()
    p50, p95 = statistics.median(timings), timings[int(0.95 * len(timings)) - 1]
    base95 = sorted(baseline)[int(0.95 * len(baseline)) - 1]
    memory = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"latency over {len(timings)} questions: p50 {p50:.1f} ms, p95 {p95:.1f} ms "
        f"(baseline p95 {base95:.4f} ms; ratio {p95 / base95:.0f}x)"
    )
    print(f"cold start from {index_file.name}: {cold:.2f} s; peak memory (max RSS) {memory:.0f} MB")


if __name__ == "__main__":
    main()
