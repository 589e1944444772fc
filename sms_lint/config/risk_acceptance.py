"""``risk_acceptance:`` in ``.sms-lint.yaml``: the organization's criterion for accepting risks.

``max_score`` is the highest score (likelihood x impact, each 1 to 5) a risk may have and still
be accepted without top management's decision (SMS051). Without the key no such criterion is
known and the rule has nothing to judge.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from sms_lint.config.values import ConfigError

# The highest score a risk register can hold: likelihood 5 x impact 5.
MAX_SCORE = 25
_KEYS = ("max_score",)


class RiskAcceptance(NamedTuple):  # immutable, and cheaper to define than a frozen dataclass
    max_score: int


def risk_acceptance(raw: Any, name: str) -> RiskAcceptance | None:
    """The criterion, or None when the config does not set one."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ConfigError(f"{name}: 'risk_acceptance' must be a mapping with 'max_score'")
    for key in raw:
        if key not in _KEYS:
            raise ConfigError(
                f"{name}: unknown key 'risk_acceptance.{key}' (known keys: {', '.join(_KEYS)})"
            )
    score = raw.get("max_score")
    if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= MAX_SCORE:
        raise ConfigError(
            f"{name}: 'risk_acceptance.max_score' must be a whole number from 1 to {MAX_SCORE} "
            "(likelihood x impact)"
        )
    return RiskAcceptance(score)
