#!/usr/bin/env python3
"""Independent reference for accounts, weights, revenue at risk, coverage and response rate.

Reads fixtures/accounts-survey.csv, accounts-crm.csv and accounts-invited.csv (made by
fixtures/make-accounts.py) with the csv module and computes, with Python's standard
library and none of the project's code:

- the account-level NPS: the mean over accounts of each account's mean of
  +100/0/-100, with a normal interval, SE = sd of the account means (n - 1) / sqrt(k);
- the cluster-robust standard error of the respondent-level NPS, accounts as
  clusters (a response with no company is a cluster of its own), with the k/(k - 1)
  factor, and the design effect (that variance over sum((x - mean)^2) / n^2);
- the weighted NPS sum(w x) / sum(w), its linearisation SE,
  sqrt(sum(w^2 (x - NPSw)^2)) / sum(w), and Kish's effective n, (sum w)^2 / sum(w^2),
  rows whose weight is blank, negative or no amount left out (with their lines);
- revenue at risk, each account's value once (the value on the row of its latest
  answer that has one), in the group of its respondents' latest answers at their
  worst (one detractor makes it an account with a detractor);
- the coverage of the CRM's ARR, the response rate of the contacts invited, overall,
  per company and per plan, and the invited companies that did not answer;
- the same figures per plan and per quarter, and the two-sample z-tests of the
  account-level and weighted NPS between the quarters.

    python3 test/reference/accounts.py

writes test/reference/accounts.json, which test/fast/e2e/accounts.test.ts compares nps to.
"""
import csv
import json
import math
import re
from datetime import datetime
from pathlib import Path
from statistics import NormalDist

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
QUESTION = "How likely are you to recommend us to a colleague?"
Z = NormalDist().inv_cdf(0.975)
POINTS = {"promoters": 100, "passives": 0, "detractors": -100}


def group(score):
    return "promoters" if score >= 9 else "passives" if score >= 7 else "detractors"


def amount(text):
    """(value, None) or (None, reason): money as exports write it."""
    cell = text.strip()
    if cell.lower() in ("", "na", "n/a", "null", "none", "-", "#n/a"):
        return None, "blank"
    cell = re.sub(r"^(USD|EUR|GBP)\s*", "", cell)
    cell = cell.replace("$", "").replace("€", "").strip()
    negative = cell.startswith("-")
    cell = cell.lstrip("-").replace(" ", "").replace("\u00a0", "")
    if re.fullmatch(r"\d+(\.\d+)?[eE][-+]?\d+", cell):
        value = float(cell)
        return (None, "negative") if negative and value != 0 else (None, "too large") if value > 1e15 else (value, None)
    if not re.fullmatch(r"\d[\d.,]*", cell):
        return None, "not an amount"
    if "." in cell and "," in cell:
        decimal = "." if cell.rfind(".") > cell.rfind(",") else ","
        thousands = "," if decimal == "." else "."
        cell = cell.replace(thousands, "").replace(decimal, ".")
    elif "," in cell or "." in cell:
        mark = "," if "," in cell else "."
        if cell.count(mark) > 1 or len(cell) - cell.rfind(mark) - 1 == 3:
            cell = cell.replace(mark, "")
        else:
            cell = cell.replace(mark, ".")
    value = float(cell)
    if math.isinf(value):
        return None, "not an amount"
    if negative and value != 0:
        return None, "negative"
    if value > 1e15:
        return None, "too large"
    return value, None


def read_rows(name):
    with open(FIXTURES / name, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = []
        for row in reader:
            row["_line"] = reader.line_num
            rows.append(row)
        return rows


survey = read_rows("accounts-survey.csv")
crm = {row["Company name"].strip(): row for row in read_rows("accounts-crm.csv")}
invited = read_rows("accounts-invited.csv")

scored = []
for order, row in enumerate(survey):
    if row[QUESTION].strip() == "":
        continue
    score = int(row[QUESTION])
    scored.append({
        "order": order,
        "line": row["_line"],
        "score": score,
        "group": group(score),
        "x": POINTS[group(score)],
        "company": row["Company"].strip(),
        "email": row["Email"].strip().lower(),
        "when": datetime.strptime(row["Submitted"], "%Y-%m-%d %H:%M:%S"),
        "plan": row["Plan"],
        "mrr": row["MRR"],
        "arr": crm[row["Company"].strip()]["ARR"] if row["Company"].strip() in crm else "",
    })


def nps(responses):
    return sum(r["x"] for r in responses) / len(responses)


def interval(centre, se):
    return {"low": max(-100, centre - Z * se), "high": min(100, centre + Z * se), "standardError": se}


def by_company(responses):
    companies = {}
    for r in responses:
        if r["company"]:
            companies.setdefault(r["company"], []).append(r)
    return companies


def account_level(responses):
    means = [nps(rs) for rs in by_company(responses).values()]
    k = len(means)
    mean = sum(means) / k
    sd = math.sqrt(sum((m - mean) ** 2 for m in means) / (k - 1))
    return {"count": k, "nps": mean, "interval": interval(mean, sd / math.sqrt(k))}


def clustered(responses):
    n = len(responses)
    mean = nps(responses)
    clusters = list(by_company(responses).values()) + [[r] for r in responses if not r["company"]]
    k = len(clusters)
    between = sum(sum(r["x"] - mean for r in cluster) ** 2 for cluster in clusters)
    variance = k / (k - 1) * between / n ** 2
    plain = sum((r["x"] - mean) ** 2 for r in responses) / n ** 2
    return {"clusterInterval": {**interval(mean, math.sqrt(variance)), "clusters": k}, "designEffect": variance / plain}


def weighted(responses, column):
    kept = []
    left_out = []
    for r in responses:
        value, reason = amount(r[column])
        if value is None:
            left_out.append({"line": r["line"], "reason": reason})
        else:
            kept.append((value, r["x"]))
    total = sum(w for w, _ in kept)
    centre = sum(w * x for w, x in kept) / total
    se = math.sqrt(sum(w * w * (x - centre) ** 2 for w, x in kept)) / total
    return {
        "nps": centre,
        "interval": interval(centre, se),
        "effectiveN": total ** 2 / sum(w * w for w, _ in kept),
        "responses": len(kept),
        "totalWeight": total,
        "leftOut": left_out,
    }


def stamp(r):
    return (r["when"], r["order"])


def accounts(responses, column):
    """Each company: its mix, its respondents' latest answers, its value on the latest row that has one."""
    out = {}
    for company, rs in by_company(responses).items():
        latest = {}
        for r in rs:
            if r["email"] not in latest or stamp(r) > stamp(latest[r["email"]]):
                latest[r["email"]] = r
        latest_groups = [r["group"] for r in latest.values()]
        valued = [(stamp(r), amount(r[column])[0]) for r in rs if amount(r[column])[0] is not None]
        category = "detractors" if "detractors" in latest_groups else "passives" if "passives" in latest_groups else "promoters"
        values = {v for _, v in valued}
        out[company] = {
            "account": company,
            "responses": len(rs),
            "respondents": len(latest),
            "promoters": sum(1 for r in rs if r["group"] == "promoters"),
            "passives": sum(1 for r in rs if r["group"] == "passives"),
            "detractors": sum(1 for r in rs if r["group"] == "detractors"),
            "nps": nps(rs),
            "latestDetractors": latest_groups.count("detractors"),
            "category": category,
            "value": max(valued)[1] if valued else None,
            "valuesDiffer": len(values) > 1,
            "escalate": latest_groups.count("detractors") >= 2,
        }
    return out


def revenue(book):
    result = {"detractors": 0.0, "passives": 0.0, "promoters": 0.0, "total": 0.0, "accounts": {"promoters": 0, "passives": 0, "detractors": 0}}
    for account in book.values():
        result["accounts"][account["category"]] += 1
        if account["value"] is not None:
            result[account["category"]] += account["value"]
            result["total"] += account["value"]
    return result


def slices(responses, column):
    return {"accounts": account_level(responses), "weighted": {k: v for k, v in weighted(responses, column).items() if k != "leftOut"}}


def quarter(r):
    return f"{r['when'].year}-Q{(r['when'].month - 1) // 3 + 1}"


def two_sample(a, b):
    difference = b["nps"] - a["nps"]
    se = math.hypot(a["interval"]["standardError"], b["interval"]["standardError"])
    z = difference / se
    return {"difference": difference, "p": 2 * (1 - NormalDist().cdf(abs(z))), "interval": [difference - Z * se, difference + Z * se]}


# ---- With MRR from the survey: weights and value per row -------------------------------------------
book = accounts(scored, "mrr")
survey_figures = {
    "responses": len(scored),
    "nps": nps(scored),
    "accounts": {**account_level(scored), "twoOrMoreDetractors": sum(1 for a in book.values() if a["escalate"])},
    **clustered(scored),
    "weighted": weighted(scored, "mrr"),
    "revenueAtRisk": revenue(book),
    "byPlan": {plan: slices([r for r in scored if r["plan"] == plan], "mrr") for plan in sorted({r["plan"] for r in scored})},
    "byQuarter": {q: slices([r for r in scored if quarter(r) == q], "mrr") for q in sorted({quarter(r) for r in scored})},
    "list": sorted(book.values(), key=lambda a: a["account"]),
}
q3, q4 = (survey_figures["byQuarter"][q] for q in ("2026-Q3", "2026-Q4"))
survey_figures["compareQuarters"] = {"accounts": two_sample(q3["accounts"], q4["accounts"]), "weighted": two_sample(q3["weighted"], q4["weighted"])}

# ---- With ARR from the CRM, joined by company; the contacts invited ---------------------------------
crm_book = accounts(scored, "arr")
arr = {name: amount(row["ARR"])[0] for name, row in crm.items()}
answered = {r["company"] for r in scored if r["company"]}
respondents = {r["email"] for r in scored}
contacts = {}
for row in invited:
    contacts.setdefault(row["email"].strip().lower(), row)


def rates(key):
    tallies = {}
    for email, row in contacts.items():
        tally = tallies.setdefault(row[key].strip(), {"invited": 0, "responded": 0})
        tally["invited"] += 1
        tally["responded"] += email in respondents
    return {name: {**t, "rate": t["responded"] / t["invited"]} for name, t in tallies.items()}


by_account = rates("Company")
silent = [
    {"account": name, "invited": t["invited"], "value": arr.get(name)}
    for name, t in by_account.items()
    if t["responded"] == 0 and name not in answered
]
silent.sort(key=lambda s: (-(s["value"] or 0), -s["invited"], s["account"]))
crm_figures = {
    "weighted": weighted(scored, "arr"),
    "revenueAtRisk": revenue(crm_book),
    "coverage": {
        "answered": sum(v for name, v in arr.items() if name in answered),
        "total": sum(arr.values()),
        "share": sum(v for name, v in arr.items() if name in answered) / sum(arr.values()),
        "customers": len(arr),
        "answeredCustomers": len([name for name in arr if name in answered]),
    },
    "responseRate": {
        "invited": len(contacts),
        "responded": len([e for e in contacts if e in respondents]),
        "rate": len([e for e in contacts if e in respondents]) / len(contacts),
        "notInvited": len([e for e in respondents if e not in contacts]),
        "byAccount": by_account,
        "byPlan": rates("Plan"),
        "silentAccounts": silent,
    },
}

with open(Path(__file__).with_suffix(".json"), "w", encoding="utf-8") as out:
    json.dump({"survey": survey_figures, "crm": crm_figures}, out, indent=1, sort_keys=True)
    out.write("\n")
print(json.dumps({k: survey_figures[k] for k in ("nps", "accounts", "designEffect")}, indent=1))
