"""Reporters turn a :class:`~sms_lint.pipeline.engine.Result` into text, registered by format name.

``--format`` and ``--report FORMAT:PATH`` choices come from :data:`REPORTERS`.
"""

from __future__ import annotations

from sms_lint.reporters.azure import AzureReporter
from sms_lint.reporters.base import Reporter
from sms_lint.reporters.github import GithubReporter
from sms_lint.reporters.gitlab import GitlabReporter
from sms_lint.reporters.json_report import JsonReporter
from sms_lint.reporters.junit import JunitReporter
from sms_lint.reporters.sarif import SarifReporter
from sms_lint.reporters.text import TextReporter

REPORTERS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
    "junit": JunitReporter,
    "sarif": SarifReporter,
    "github": GithubReporter,
    "gitlab": GitlabReporter,
    "azure": AzureReporter,
}

__all__ = ["REPORTERS", "Reporter"]
