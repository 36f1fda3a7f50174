"""The regularized incomplete beta function and its inverse, in plain Python.

The percentile interval (``_interval``) needs beta quantiles. SciPy has them, but
SciPy is only a test dependency and the core must stay light, so this module holds
the textbook algorithms (Numerical Recipes, 3rd ed., §6.4: Lentz's continued
fraction, then Halley steps from a closed-form first guess). Tests compare both
functions with ``scipy.special.betainc`` and ``scipy.stats.beta.ppf``.

Cost grows with the square root of the parameters: a percentile interval (two
quantiles, two or three function evaluations each) takes tens of µs for a peer
group of a hundred and about 0.2-0.5 ms for one of 100,000 (measured, one core).
"""

from __future__ import annotations

import math

_TINY = 1e-300
_EPSILON = 1e-15
_MAX_TERMS = 100_000
_HALLEY_STEPS = 12
_STEP_TOLERANCE = 1e-12


def regularized_incomplete_beta(a: float, b: float, x: float) -> float:
    """I_x(a, b): the probability that a Beta(a, b) variable is at most x (a, b > 0)."""
    if a <= 0 or b <= 0:
        raise ValueError(f"beta parameters must be positive, got a={a}, b={b}")
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    # The continued fraction converges fast only on one side of the mean; use the
    # symmetry I_x(a, b) = 1 - I_(1-x)(b, a) on the other.
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(log_front) * _continued_fraction(a, b, x) / a
    return 1.0 - math.exp(log_front) * _continued_fraction(b, a, 1.0 - x) / b


def _continued_fraction(a: float, b: float, x: float) -> float:
    """The continued fraction of I_x(a, b), evaluated by the modified Lentz method.

    Written out flat (no helper calls, no abs()): this loop is where the time goes.
    """
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c = 1.0
    d = 1.0 - qab * x / qap
    if -_TINY < d < _TINY:
        d = _TINY
    d = 1.0 / d
    h = d
    for m in range(1, _MAX_TERMS):
        m2 = 2 * m
        numerator = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + numerator * d
        if -_TINY < d < _TINY:
            d = _TINY
        c = 1.0 + numerator / c
        if -_TINY < c < _TINY:
            c = _TINY
        d = 1.0 / d
        h *= d * c
        numerator = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + numerator * d
        if -_TINY < d < _TINY:
            d = _TINY
        c = 1.0 + numerator / c
        if -_TINY < c < _TINY:
            c = _TINY
        d = 1.0 / d
        delta = d * c
        h *= delta
        if -_EPSILON <= delta - 1.0 <= _EPSILON:
            return h
    raise ArithmeticError(f"incomplete beta did not converge for a={a}, b={b}, x={x}")


def beta_quantile(p: float, a: float, b: float) -> float:
    """The x with I_x(a, b) = p: the p-quantile of a Beta(a, b) distribution."""
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"a probability must be between 0 and 1, got {p}")
    if a <= 0 or b <= 0:
        raise ValueError(f"beta parameters must be positive, got a={a}, b={b}")
    if p == 0.0:
        return 0.0
    if p == 1.0:
        return 1.0
    x = _first_guess(p, a, b)
    log_norm = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
    for step_number in range(_HALLEY_STEPS):
        if x in (0.0, 1.0):
            return x
        error = regularized_incomplete_beta(a, b, x) - p
        density = math.exp((a - 1.0) * math.log(x) + (b - 1.0) * math.log1p(-x) + log_norm)
        newton = error / density
        step = newton / (1.0 - 0.5 * min(1.0, newton * ((a - 1.0) / x - (b - 1.0) / (1.0 - x))))
        x -= step
        if x <= 0.0:
            x = 0.5 * (x + step)
        if x >= 1.0:
            x = 0.5 * (x + step + 1.0)
        if abs(step) < _STEP_TOLERANCE * x and step_number > 0:
            break
    return x


def _first_guess(p: float, a: float, b: float) -> float:
    """A starting point close enough that two or three Halley steps finish the job."""
    if a >= 1.0 and b >= 1.0:
        tail = p if p < 0.5 else 1.0 - p
        t = math.sqrt(-2.0 * math.log(tail))
        z = (2.30753 + t * 0.27061) / (1.0 + t * (0.99229 + t * 0.04481)) - t
        if p < 0.5:
            z = -z
        al = (z * z - 3.0) / 6.0
        h = 2.0 / (1.0 / (2.0 * a - 1.0) + 1.0 / (2.0 * b - 1.0))
        w = (z * math.sqrt(al + h) / h) - (1.0 / (2.0 * b - 1.0) - 1.0 / (2.0 * a - 1.0)) * (
            al + 5.0 / 6.0 - 2.0 / (3.0 * h)
        )
        return a / (a + b * math.exp(2.0 * w))
    log_a = math.log(a / (a + b))
    log_b = math.log(b / (a + b))
    t = math.exp(a * log_a) / a
    u = math.exp(b * log_b) / b
    w = t + u
    if p < t / w:
        return float((a * w * p) ** (1.0 / a))
    return float(1.0 - (b * w * (1.0 - p)) ** (1.0 / b))
