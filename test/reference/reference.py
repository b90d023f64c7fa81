#!/usr/bin/env python3
"""Independent reference for the statistics tests.

Writes the fixtures used by the compare, --by and --period end-to-end tests, and
prints the figures those tests expect, computed here with Python's own
statistics.NormalDist and none of the project's code:

    python3 test/reference/reference.py fixtures
"""
import json
import sys
from pathlib import Path
from statistics import NormalDist

Z = NormalDist().inv_cdf(0.975)


def adjusted(d, pa, p):
    d, pa, p = d + 0.75, pa + 1.5, p + 0.75
    n = d + pa + p
    pp, pd = p / n, d / n
    return (pp - pd) * 100, ((pp + pd - (pp - pd) ** 2) / n) ** 0.5 * 100


def interval(d, pa, p):
    centre, se = adjusted(d, pa, p)
    return [max(-100, centre - Z * se), min(100, centre + Z * se)]


def nps(d, pa, p):
    return (p - d) * 100 / (d + pa + p)


def z_test(a, b):
    """Two-sided z-test on the raw difference B - A, with the adjusted-Wald standard errors."""
    ca, sa = adjusted(*a)
    cb, sb = adjusted(*b)
    se = (sa ** 2 + sb ** 2) ** 0.5
    difference = nps(*b) - nps(*a)
    z = difference / se
    return {"difference": difference, "adjusted": cb - ca, "p": 2 * (1 - NormalDist().cdf(abs(z))),
            "interval": [difference - Z * se, difference + Z * se]}


def bh(ps):
    """Benjamini-Hochberg adjusted p-values, step-up, as in the 1995 paper."""
    m = len(ps)
    order = sorted(range(m), key=lambda i: ps[i])
    adjusted = [1.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, ps[i] * m / rank)
        adjusted[i] = min(1.0, running)
    return adjusted


def write(path, header, rows):
    path.write_text("\n".join([",".join(header)] + [",".join(map(str, row)) for row in rows]) + "\n")


def main(out):
    out = Path(out)
    # compare: A = 175/150/175 (d/pa/p), B = 150/150/200, the same 500 respondents.
    a_groups = {i: 3 if i <= 175 else 8 if i <= 325 else 10 for i in range(1, 501)}
    b_groups = {i: 2 if i <= 140 or i > 490 else 7 if i <= 290 else 9 for i in range(1, 501)}
    write(out / "compare-a.csv", ["email", "score"], [[f"user{i}@example.com", s] for i, s in a_groups.items()])
    # B spells some emails in capitals: matching ignores case.
    write(out / "compare-b.csv", ["email", "score"],
          [[(f"USER{i}@EXAMPLE.COM" if i % 7 == 0 else f"user{i}@example.com"), s] for i, s in b_groups.items()])

    # --by plan and --period month: counts per (plan, month) as (detractors, passives, promoters).
    cells = {
        ("pro", 1): (4, 4, 12), ("pro", 2): (4, 4, 12),
        ("free", 1): (12, 5, 3), ("free", 2): (8, 5, 7),
        ("team", 1): (1, 2, 2), ("team", 2): (1, 1, 3),
    }
    rows, n = [], 0
    for (plan, month), (d, pa, p) in cells.items():
        for score, count in ((2, d), (8, pa), (10, p)):
            for k in range(count):
                n += 1
                day = 13 + k % 15  # days above 12 tell the file is month first
                rows.append([f"r{n}", plan, f"{month}/{day}/2026", score])
    write(out / "plans-monthly.csv", ["id", "plan", "date", "score"], rows)

    def total(keep):
        return [sum(v[i] for k, v in cells.items() if keep(k)) for i in range(3)]

    overall = total(lambda k: True)
    expected = {
        "compare": {"a": nps(175, 150, 175), "b": nps(150, 150, 200), **z_test((175, 150, 175), (150, 150, 200)),
                    "interval_a": interval(175, 150, 175), "interval_b": interval(150, 150, 200)},
        "overall": {"counts": overall, "nps": nps(*overall), "interval": interval(*overall)},
        "plans": {plan: {"counts": total(lambda k, plan=plan: k[0] == plan),
                         "nps": nps(*total(lambda k, plan=plan: k[0] == plan)),
                         "interval": interval(*total(lambda k, plan=plan: k[0] == plan)),
                         "vs_rest": z_test(total(lambda k, plan=plan: k[0] != plan), total(lambda k, plan=plan: k[0] == plan))}
                  for plan in ("pro", "free", "team")},
        "months": {month: {"counts": total(lambda k, month=month: k[1] == month),
                           "nps": nps(*total(lambda k, month=month: k[1] == month)),
                           "interval": interval(*total(lambda k, month=month: k[1] == month))}
                   for month in (1, 2)},
        "change": z_test(total(lambda k: k[1] == 1), total(lambda k: k[1] == 2)),
        "free_vs_pro": z_test(total(lambda k: k[0] == "free"), total(lambda k: k[0] == "pro")),
    }
    plans = ("pro", "team", "free")
    expected["plans_bh"] = dict(zip(plans, bh([expected["plans"][plan]["vs_rest"]["p"] for plan in plans])))
    # The paired test on the 500 respondents of compare-a and compare-b: each one's move between groups.
    value = {3: -1, 8: 0, 10: 1, 2: -1, 7: 0, 9: 1}
    moves = [value[b_groups[i]] - value[a_groups[i]] for i in range(1, 501)]
    mean = sum(moves) / len(moves)
    variance = sum((m - mean) ** 2 for m in moves) / (len(moves) - 1)
    se = (variance / len(moves)) ** 0.5
    expected["paired"] = {"difference": mean * 100, "p": 2 * (1 - NormalDist().cdf(abs(mean / se))),
                          "interval": [(mean - Z * se) * 100, (mean + Z * se) * 100]}
    print(json.dumps(expected, indent=1))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "fixtures")
