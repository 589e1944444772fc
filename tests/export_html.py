"""Reading an exported pack as a browser would: the real HTML parser of the standard library."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


@dataclass
class Parsed:
    ids: list[str] = field(default_factory=list)
    hrefs: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    attributes: list[tuple[str, str, str]] = field(default_factory=list)  # tag, name, value
    text: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)  # ids of the documents, in order
    runheads: list[str] = field(default_factory=list)  # each document's running header text


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parsed = Parsed()
        self._in_runhead = 0
        self._runhead: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = self.parsed
        found.tags.append(tag)
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            found.attributes.append((tag, name, value))
        if "id" in values:
            found.ids.append(values["id"])
        if "href" in values:
            found.hrefs.append(values["href"])
        if tag == "article":
            found.articles.append(values.get("id", ""))
        if self._in_runhead:
            self._in_runhead += 1
        elif "runhead" in values.get("class", "").split():
            self._in_runhead, self._runhead = 1, []

    def handle_endtag(self, tag: str) -> None:
        if self._in_runhead:
            self._in_runhead -= 1
            if not self._in_runhead:
                self.parsed.runheads.append(" ".join("".join(self._runhead).split()))

    def handle_data(self, data: str) -> None:
        self.parsed.text.append(data)
        if self._in_runhead:
            self._runhead.append(data)


def parse(markup: str) -> Parsed:
    reader = _Reader()
    reader.feed(markup)
    reader.close()
    return reader.parsed


def parse_file(path: Path) -> Parsed:
    return parse(path.read_text(encoding="utf-8"))
