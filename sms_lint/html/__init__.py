"""The HTML readiness report of ``sms-lint coverage --format html``: one self-contained page
(inline CSS and SVG, no script, no external resource) built from a check result."""

from sms_lint.html.model import Page, build_page
from sms_lint.html.render import render_page

__all__ = ["Page", "build_page", "render_page"]
