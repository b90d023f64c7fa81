#!/usr/bin/env python3
"""Independent reference for `nps drivers`, with numpy and none of the project's code.

Reads fixtures/drivers-survey.csv with the csv module, keeps the scored rows (a blank
or "no answer" score is no response) whose drivers are all answered with numbers,
then for every subset of the drivers fits the 0-10 answer by ordinary least squares
with an intercept (numpy.linalg.lstsq on the raw rows, no cross-product shortcut) and
takes its R² = 1 - SSE/SST. Each driver's Shapley value is the weighted sum of its
gains in R², weight |S|! (p - |S| - 1)! / p! over the subsets S without it; its share
is that value over the full model's R², in percent. A categorical driver (plan) enters
as its indicator columns together, the most common level left out as the base.

    python3 test/reference/drivers.py
"""
import csv
import itertools
import json
import math
from pathlib import Path

import numpy as np

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "drivers-survey.csv"
RATINGS = ["support", "ease_of_use", "price", "reliability", "onboarding"]
MISSING = {"", "na", "n/a", "nan", "null", "none", "-", "#n/a"}


def number(cell):
    text = cell.strip()
    if text.lower() in MISSING:
        return None
    try:
        return float(text)
    except ValueError:
        return math.nan


def load(categorical):
    rows = []
    left_out = 0
    with FIXTURE.open(newline="") as handle:
        for record in csv.DictReader(handle):
            score = number(record["score"])
            if score is None:
                continue
            values = [number(record[name]) for name in RATINGS]
            level = record["plan"].strip() if categorical else "x"
            if any(value is None or math.isnan(value) for value in values) or level.lower() in MISSING:
                left_out += 1
                continue
            rows.append((score, values, level))
    return rows, left_out


def design(rows, categorical):
    """One block of columns per driver: a rating's own column, or the plan's indicators but the base's."""
    blocks = [np.array([[row[1][index]] for row in rows]) for index in range(len(RATINGS))]
    names = list(RATINGS)
    if categorical:
        counts = {}
        for row in rows:
            counts[row[2]] = counts.get(row[2], 0) + 1
        base = sorted(counts, key=lambda level: (-counts[level], level))[0]
        others = sorted(level for level in counts if level != base)
        blocks.append(np.array([[1.0 if row[2] == level else 0.0 for level in others] for row in rows]))
        names.append("plan")
    return names, blocks


def r2(y, blocks, subset):
    columns = [np.ones((len(y), 1))] + [blocks[index] for index in subset]
    x = np.hstack(columns)
    beta, *_ = np.linalg.lstsq(x, y, rcond=None)
    residual = y - x @ beta
    return 1 - (residual @ residual) / ((y - y.mean()) @ (y - y.mean())), beta


def shapley(categorical):
    rows, left_out = load(categorical)
    y = np.array([row[0] for row in rows])
    names, blocks = design(rows, categorical)
    p = len(names)
    fits = {}
    for size in range(p + 1):
        for subset in itertools.combinations(range(p), size):
            fits[subset] = r2(y, blocks, subset)[0]
    values = []
    for driver in range(p):
        total = 0.0
        for subset, value in fits.items():
            if driver in subset:
                continue
            joined = tuple(sorted(subset + (driver,)))
            weight = math.factorial(len(subset)) * math.factorial(p - len(subset) - 1) / math.factorial(p)
            total += weight * (fits[joined] - value)
        values.append(total)
    full, beta = r2(y, blocks, tuple(range(p)))
    return {
        "responses": len(rows),
        "leftOut": left_out,
        "r2": round(float(full), 6),
        "shares": {name: round(100 * value / full, 3) for name, value in zip(names, values)},
        "coefficients": {name: round(float(beta[1 + index]), 4) for index, name in enumerate(RATINGS)},
    }


if __name__ == "__main__":
    print(json.dumps({"ratings": shapley(False), "withPlan": shapley(True)}, indent=2))
