#!/usr/bin/env python3
"""Writes fixtures/drivers-survey.csv: 800 made-up responses to a survey with the 0-10
question and five ratings, with a structure known in advance. A general satisfaction
(one hidden factor) runs through every rating, so they correlate as real ratings do;
the score is then built from the ratings, weighted support > ease_of_use > price >
reliability > onboarding, plus the plan (pro a little higher) and noise:

    python3 test/reference/drivers_fixture.py

Support and price are rated low on average, ease of use and reliability high, so
support is the rating to "fix first". About 2% of rating cells are blank, a few say
N/A, and two price cells say "don't know". Seeded: the same bytes on every run.
"""
import csv
import random
from pathlib import Path

ROWS = 800
OUT = Path(__file__).resolve().parents[2] / "fixtures" / "drivers-survey.csv"
random.seed(18)

# name: (scale top, mean, loading on the hidden factor, weight in the score)
RATINGS = {
    "support": (5, 2.7, 0.5, 0.95),
    "ease_of_use": (5, 3.9, 0.5, 0.75),
    "price": (5, 2.6, 0.4, 0.45),
    "reliability": (5, 3.8, 0.4, 0.25),
    "onboarding": (7, 4.6, 0.5, 0.08),
}
PLANS = [("free", 0.45, 0.0), ("pro", 0.35, 0.6), ("team", 0.20, 0.2)]
REGIONS = ["EU", "US", "APAC"]
COMMENTS = ["", "", "", "Support took days to answer", "Easy to set up", "Too expensive for what it does", "Works well", ""]


def clamp(value, low, high):
    return max(low, min(high, value))


def plan_of(u):
    for name, share, effect in PLANS:
        if u < share:
            return name, effect
        u -= share
    return PLANS[-1][0], PLANS[-1][2]


def main():
    with OUT.open("w", newline="") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(["response_id", "email", "created_at", "plan", "region", "score", *RATINGS, "comment"])
        for i in range(ROWS):
            factor = random.gauss(0, 1)
            plan, plan_effect = plan_of(random.random())
            region = random.choice(REGIONS)
            ratings = {}
            latent = 0.0
            for name, (top, mean, loading, weight) in RATINGS.items():
                value = clamp(round(mean + loading * factor + random.gauss(0, 1.0)), 1, top)
                ratings[name] = value
                # Centred on the scale's middle so that the weights, not the scales, set the score's level.
                latent += weight * (value - (top + 1) / 2)
            score = clamp(round(7.0 + latent + plan_effect + random.gauss(0, 1.3)), 0, 10)
            cells = {name: str(value) for name, value in ratings.items()}
            for name in RATINGS:
                u = random.random()
                if u < 0.02:
                    cells[name] = ""
                elif u < 0.025:
                    cells[name] = "N/A"
            if i in (117, 602):
                cells["price"] = "don't know"
            score_cell = "" if random.random() < 0.02 else str(score)
            day = f"2026-{1 + i % 9:02d}-{1 + (i * 7) % 28:02d}"
            out.writerow([f"R{i + 1:04d}", f"user{i + 1}@example.com", day, plan, region, score_cell, *cells.values(), random.choice(COMMENTS)])


if __name__ == "__main__":
    main()
