"""The edits review's sample (flows/report.py `sample_rows`) against its plain definition: each
rule's edits ordered by (doc key, start), the first edit of each of `per_rule` equal buckets."""

import random

import numpy as np
import pytest

from flows.report import sample_rows


def plain_sample(rules, doc_keys, starts, per_rule):
    picked = []
    for rule in sorted(set(rules)):
        mine = sorted((doc_keys[r], starts[r], r) for r in range(len(rules)) if rules[r] == rule)
        n = len(mine)
        picked += [mine[i][2] for i in range(n) if i == 0 or (i * per_rule) // n != ((i - 1) * per_rule) // n]
    return sorted(picked)


@pytest.mark.parametrize("seed", range(20))
@pytest.mark.parametrize("per_rule", [1, 2, 3, 7])
def test_sample_rows_is_the_plain_sample(seed, per_rule):
    rnd = random.Random(seed)
    n = rnd.randint(1, 60)
    # few rules, some with fewer edits than per_rule; repeated doc keys and starts
    rules = [rnd.choice([5, 1, 9, 2]) for _ in range(n)]
    doc_keys = [rnd.randint(-1, 6) for _ in range(n)]
    starts = [rnd.randint(0, 4) for _ in range(n)]
    got = sample_rows(np.array(rules, dtype=np.uint32), np.array(doc_keys, dtype=np.int64),
                      np.array(starts, dtype=np.int64), per_rule)
    assert sorted(got) == plain_sample(rules, doc_keys, starts, per_rule)
    assert len(got) == len(set(got))
