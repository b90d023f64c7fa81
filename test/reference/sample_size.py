#!/usr/bin/env python3
"""Independent reference for `nps sample-size`, with numpy and none of the project's code.

For a margin: the smallest n whose adjusted-Wald margin (Rocks 2016: 0.75, 1.5 and 0.75
pseudo-responses) is at most the one asked, found by scanning n. For a difference: the
smallest n per group whose power, under the two-sided z-test on B - A with adjusted-Wald
variances, reaches the target, B being A's mix moved by the gap (detractors to promoters
first, then passives to promoters); the power at that n is then checked by simulating
20,000 pairs of surveys and running the test on each.

    python3 test/reference/sample_size.py
"""
import json
from statistics import NormalDist

import numpy as np

N = NormalDist()


def adjusted_variance(mix, n):
    p, pa, d = mix
    total = n + 3
    pp = (n * p + 0.75) / total
    pd = (n * d + 0.75) / total
    return pp + pd - (pp - pd) ** 2


def margin(mix, n, level):
    return N.inv_cdf(1 - (1 - level) / 2) * (adjusted_variance(mix, n) / (n + 3)) ** 0.5 * 100


def shifted(mix, gap):
    p, pa, d = mix
    from_d = min(d, gap / 2, 1 - p)
    p, d = p + from_d, d - from_d
    left = gap - 2 * from_d
    from_pa = min(pa, left, 1 - p)
    p, pa = p + from_pa, pa - from_pa
    left -= from_pa
    if left > 0:
        down = min(left / 2, p)
        p, d = p - down, d + down
    return (p, pa, d)


def power(mix, gap_points, n, level):
    other = shifted(mix, gap_points / 100)
    se = ((adjusted_variance(mix, n) + adjusted_variance(other, n)) / (n + 3)) ** 0.5 * 100
    z = N.inv_cdf(1 - (1 - level) / 2)
    gap = ((other[0] - other[2]) - (mix[0] - mix[2])) * 100 / se
    return N.cdf(gap - z) + N.cdf(-gap - z)


def first(predicate):
    n = 1
    while not predicate(n):
        n += 1
    return n


def simulated_power(mix, gap_points, n, level, trials=20000, seed=1):
    rng = np.random.default_rng(seed)
    other = shifted(mix, gap_points / 100)
    z = N.inv_cdf(1 - (1 - level) / 2)
    a = rng.multinomial(n, [mix[0], mix[1], mix[2]], size=trials)
    b = rng.multinomial(n, [other[0], other[1], other[2]], size=trials)

    def stats(counts):
        p, pa, d = counts[:, 0], counts[:, 1], counts[:, 2]
        raw = (p - d) / n * 100
        pp, pd = (p + 0.75) / (n + 3), (d + 0.75) / (n + 3)
        var = (pp + pd - (pp - pd) ** 2) / (n + 3) * 100 ** 2
        return raw, var

    ra, va = stats(a)
    rb, vb = stats(b)
    return float(np.mean(np.abs(rb - ra) / np.sqrt(va + vb) > z))


def main():
    mixes = {"worst": (0.5, 0.0, 0.5), "50/30/20": (0.5, 0.3, 0.2), "90/10/0": (0.9, 0.1, 0.0), "100/0/0": (1.0, 0.0, 0.0)}
    out = {"margin": {}, "difference": {}}
    for name, mix in mixes.items():
        for m in (5, 10):
            n = first(lambda k: margin(mix, k, 0.95) <= m)
            out["margin"][f"{name} {m}"] = {"n": n, "margin": margin(mix, n, 0.95), "before": margin(mix, n - 1, 0.95) if n > 1 else None}
    for name in ("worst", "50/30/20"):
        mix = mixes[name]
        n = first(lambda k: power(mix, 10, k, 0.95) >= 0.8)
        out["difference"][f"{name} 10"] = {"n": n, "power": power(mix, 10, n, 0.95), "simulated": simulated_power(mix, 10, n, 0.95)}
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
