"""Reporters turn a :class:`~sms_lint.pipeline.engine.Result` into text, registered by format name.

``--format`` and ``--report FORMAT:PATH`` choices come from :data:`REPORTERS`. Its keys are
known without importing anything: a reporter's module is imported only when its class is looked
up, so a run that writes text never loads XML, SARIF or hashing code (and ``--help`` none).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sms_lint.reporters.base import Reporter

# format name -> "module:class", in the order the formats were added.
_WHERE: dict[str, str] = {
    "text": "sms_lint.reporters.text:TextReporter",
    "json": "sms_lint.reporters.json_report:JsonReporter",
    "junit": "sms_lint.reporters.junit:JunitReporter",
    "sarif": "sms_lint.reporters.sarif:SarifReporter",
    "github": "sms_lint.reporters.github:GithubReporter",
    "gitlab": "sms_lint.reporters.gitlab:GitlabReporter",
    "azure": "sms_lint.reporters.azure:AzureReporter",
}

# The JUnit flavours (``--junit-family``): here, so the option is declared without XML code.
JUNIT_FAMILIES = ("xunit1", "xunit2")
DEFAULT_JUNIT_FAMILY = "xunit2"


class _Registry(Mapping[str, "type[Reporter]"]):
    """Format name -> reporter class; the class's module is imported on first lookup."""

    def __getitem__(self, name: str) -> type[Reporter]:
        module, _, attribute = _WHERE[name].partition(":")
        reporter: type[Reporter] = getattr(importlib.import_module(module), attribute)
        return reporter

    def __iter__(self) -> Iterator[str]:
        return iter(_WHERE)

    def __len__(self) -> int:
        return len(_WHERE)

    def __contains__(self, name: object) -> bool:
        return name in _WHERE


REPORTERS: Mapping[str, type[Reporter]] = _Registry()


def __getattr__(name: str) -> Any:
    # ``from sms_lint.reporters import Reporter`` still works, without loading the base class
    # (and its facts and pack imports) for code that only needs the names.
    if name == "Reporter":
        from sms_lint.reporters.base import Reporter

        return Reporter
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["DEFAULT_JUNIT_FAMILY", "JUNIT_FAMILIES", "REPORTERS", "Reporter"]
