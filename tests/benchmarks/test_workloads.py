"""The query table of the benchmarks: ratios to the direct time, and the HTTP floor in the note."""

from __future__ import annotations

from benchmarks.workloads import ENDPOINT, FLOOR, LOWEST, _query_note, _query_rows

DIRECT = "pyoxigraph (direct)"


def test_the_note_says_below_which_direct_time_no_endpoint_can_meet_the_target() -> None:
    medians = {
        "small": {DIRECT: 0.0005, FLOOR: 0.0006, ENDPOINT: 0.0020},
        "large": {DIRECT: 0.1000, FLOOR: 0.0008, ENDPOINT: 0.1010},
        "middle": {DIRECT: 0.0030, FLOOR: 0.0006, ENDPOINT: 0.0040},
    }
    note = _query_note(medians, [DIRECT, ENDPOINT])
    assert "An HTTP round trip that does no work took 0.6 ms" in note  # the median floor
    assert "less than 2.0 ms directly" in note  # 0.6 ms is 30 % of 2.0 ms
    assert "per query: 1.5, 1.0, 1.0 ms" in note


def test_rows_give_each_engine_and_the_sum_as_a_ratio_to_the_first() -> None:
    medians = {"q1": {DIRECT: 0.002, LOWEST: 0.003}, "q2": {DIRECT: 0.004, LOWEST: 0.004}}
    rows = _query_rows(medians, [DIRECT, LOWEST])
    assert rows[0] == ["q1", "2.0 ms", "3.0 ms (1.50x)"]
    assert rows[-1] == ["**all queries (sum)**", "6.0 ms", "7.0 ms (1.17x)"]
