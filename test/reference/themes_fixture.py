#!/usr/bin/env python3
"""Writes fixtures/comments.csv: a few hundred comments built from phrases that each
mention exactly one theme of data/themes.json (or two, or none, or a negated one),
and prints the counts the themes tests expect, from this script's own bookkeeping:

    python3 test/reference/themes_fixture.py
"""
import csv
import json

PHRASES = {
    "price and billing": ["The price went up again", "Way too expensive for us", "Billing sent the wrong invoice", "We were charged twice this month", "Still waiting for a refund"],
    "support and service": ["The support team was great", "Customer service took days", "The agent was rude to me", "My ticket sat for a week", "Nobody would answer me"],
    "onboarding and setup": ["Onboarding took a whole month", "Setup was painless", "The installation went smoothly", "Getting started took an afternoon", "The migration from our old tool went well"],
    "ease of use": ["Very easy to learn", "The interface is confusing", "Far too complicated for my team", "Intuitive from day one", "The navigation is clunky"],
    "reliability and bugs": ["It crashes every morning", "Full of bugs lately", "Another outage yesterday", "We hit a glitch on Monday", "Constant errors when saving"],
    "speed and performance": ["Pages are slow on mobile", "Really fast these days", "Search lags a lot", "Performance has improved", "Loading takes forever"],
    "features": ["The export feature is great", "Missing a calendar integration", "Please add a dashboard", "The API lacks webhooks", "Reports need an option to filter"],
    "documentation": ["The documentation is outdated", "The docs are thin", "A tutorial video would be nice", "The user manual is long", "The FAQ is out of date"],
    "communication": ["Too many emails from you", "The newsletter is spam", "Nobody kept us informed", "Release announcements are vague", "Communication could be better"],
}
NEGATED = {
    "price and billing": "Not cheap at all",
    "support and service": "Not helpful at all",
    "onboarding and setup": "Didn't need any setup",
    "ease of use": "Not intuitive at all",
    "reliability and bugs": "No bugs so far",
    "speed and performance": "Never slow for us",
    "features": "Nothing missing for us",
    "documentation": "Never needed the documentation",
    "communication": "Never any spam from you",
}
TWO = [
    ("Too expensive and too slow", ["price and billing", "speed and performance"]),
    ("Support was quick", ["support and service", "speed and performance"]),
    ("Billing errors every month", ["price and billing", "reliability and bugs"]),
    ("Easy setup", ["ease of use", "onboarding and setup"]),
    ("The export feature is broken", ["features", "reliability and bugs"]),
]
NONE = ["Thanks!", "Good job overall", "Keep it up", "Happy so far", "Nice work team"]
WRAPS = [("", "."), ("Honestly, ", "."), ("", " this quarter."), ("Overall, ", "!")]
# Scores cycle per theme, so that some themes lean to detractors and others to promoters.
MOODS = {
    "price and billing": [0, 2, 3, 5, 6, 7, 9], "support and service": [3, 8, 9, 10, 6], "onboarding and setup": [9, 10, 8, 10],
    "ease of use": [10, 4, 9, 8], "reliability and bugs": [1, 2, 4, 6, 7], "speed and performance": [6, 8, 9, 5],
    "features": [7, 8, 6, 9], "documentation": [5, 7, 8, 6], "communication": [4, 7, 8, 9, 10],
}

def category(score):
    return "promoters" if score >= 9 else "passives" if score >= 7 else "detractors"

def main():
    rows, expected = [], {}
    def add(text, score, themes, negated=()):
        rows.append([f"c{len(rows) + 1}", str(score), text])
        for theme in themes:
            entry = expected.setdefault(theme, {"promoters": 0, "passives": 0, "detractors": 0, "negated": 0})
            entry[category(score)] += 1
            if theme in negated:
                entry["negated"] += 1
    for theme, phrases in PHRASES.items():
        mood = MOODS[theme]
        for i, (phrase, (before, after)) in enumerate((p, w) for p in phrases for w in WRAPS):
            text = before + (phrase[0].lower() + phrase[1:] if before else phrase) + after
            add(text, mood[i % len(mood)], [theme])
        add(NEGATED[theme] + ".", mood[0], [theme], negated=[theme])
    for text, themes in TWO:
        for score in (2, 9):
            add(text + ".", score, themes)
    for text in NONE:
        for score in (3, 8, 10):
            add(text, score, [])
    for score in (0, 10):
        rows.append([f"c{len(rows) + 1}", str(score), ""])
    with open("fixtures/comments.csv", "w", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["id", "score", "comment"])
        writer.writerows(rows)
    print(json.dumps({"rows": len(rows), "themes": expected}, indent=1))

main()
