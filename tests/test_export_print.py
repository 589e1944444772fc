"""The pack printed by headless Chromium: one document per page group, each page headed by its
document's id and version (skipped where chromium or poppler's tools are missing)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import TODAY
from test_git_support import GitRepo, policy, process

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
TOOLS = CHROMIUM and shutil.which("pdftoppm") and shutil.which("pdftotext")
pytestmark = pytest.mark.skipif(not TOOLS, reason="needs chromium, pdftoppm and pdftotext")


def test_chromium_prints_one_document_per_page_group(invoke, tmp_path: Path) -> None:
    sms = GitRepo(tmp_path / "sms")
    long_body = "\n\n".join(f"Paragraph {n} of the policy. " * 12 for n in range(60))
    sms.write("policies/pol-001.md", policy() + "\n" + long_body + "\n")
    sms.write("processes/demand.yaml", process())
    sms.commit("Approve", "2026-01-10")
    pack = tmp_path / "pack.html"
    assert invoke("export", str(sms.path), "-o", str(pack), "--today", TODAY).exit_code == 0
    pdf = tmp_path / "pack.pdf"
    env = {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "c"), "PATH": "/usr/bin:/bin"}
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         f"--user-data-dir={tmp_path / 'profile'}", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", pack.as_uri()],
        env=env, capture_output=True, timeout=120, check=False,
    )  # fmt: skip
    assert pdf.is_file()
    subprocess.run(["pdftoppm", "-r", "20", "-png", str(pdf), str(tmp_path / "page")], check=True)
    images = sorted(tmp_path.glob("page-*.png"))
    pages = [
        subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"],
            capture_output=True, text=True, check=True,
        ).stdout
        for n in range(1, len(images) + 1)
    ]  # fmt: skip
    assert len(images) == len(pages) >= 5
    headed = [p.split("\n", 1)[0] for p in pages if p.startswith(("POL-001", "PRC-DEMAND"))]
    assert headed.count("POL-001 version 1.0") >= 2  # the long policy: its header on each page
    assert headed.count("PRC-DEMAND version 1.0") >= 1
    assert headed == sorted(headed, key=lambda line: not line.startswith("POL"))  # one group each
