"""sms_lint.parse.placeholders on its own: what a body summary counts and finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sms_lint.parse.placeholders import (
    Body,
    Placeholder,
    find,
    in_data,
    marker_pattern,
    summarise_body,
)

PATTERN = marker_pattern(("to be confirmed",))


def summary(text: str, first_line: int = 5) -> Body:
    return summarise_body(text.split("\n"), first_line, PATTERN)


def test_multiline_marker_opens_once_and_counts_as_content() -> None:
    body = summary("<PLACEHOLDER. Replace this\nwith the report.>\n")
    assert body == Body(2, (Placeholder(5, 1, "<PLACEHOLDER. Replace this"),), 4)


def test_comment_spanning_lines_hides_its_text() -> None:
    body = summary("<!-- TODO: first\nTBD still inside\n-->\nText after TBD\n")
    assert body.content_lines == 1
    assert body.placeholders == (Placeholder(8, 12, "TBD"),)


def test_tilde_fence_closes_only_on_its_own_kind_and_length() -> None:
    body = summary("~~~~\nTBD\n```\n~~~\nTODO\n~~~~\nTBC\n")
    assert body.placeholders == (Placeholder(11, 1, "TBC"),)
    # Fences (and the shorter or other fence inside) are markup: TBD, TODO and TBC are content.
    assert body.content_lines == 3


def test_setext_headings_and_rules_are_not_content() -> None:
    assert summary("Title\n=====\n\n---\n# Another\n  ## Indented\n").content_lines == 1


def test_quotes_keep_code_spans_written() -> None:
    prose = "a <your `team` name> b"
    assert list(find("a <your        name> b", PATTERN, prose)) == [(2, "<your `team` name>")]
    prose = "a `<not this one>` <but this one>"
    blanked = "a " + " " * 16 + " <but this one>"
    assert list(find(blanked, PATTERN, prose)) == [(19, "<but this one>")]


def test_markup_and_comparisons_are_not_placeholders() -> None:
    for text in ("<br>", "<details open>", "<https://x y>", "< 4 hours", "A<B test", "XXXL"):
        assert list(find(text, PATTERN)) == [], text


def test_extra_phrase_is_literal_and_spaced_freely() -> None:
    assert [t for _, t in find("Owner: To  be\tconfirmed.", PATTERN)] == ["To be confirmed"]
    assert list(find("to be confirmedly", PATTERN)) == []
    assert list(find("a .* b, a.*b", marker_pattern((".*",)))) == [(2, ".*")]


def test_in_data_one_per_value_at_any_depth() -> None:
    data = {"a": "TBD and TODO", "b": [{"c": "<Your name here>"}, 3, None], "x-d": "tbc"}
    assert list(in_data(data, PATTERN)) == [
        (("a",), "TBD"),
        (("b", 0, "c"), "<Your name here>"),
        (("x-d",), "tbc"),
    ]


def test_plain_round_trip() -> None:
    body = summary("# T\n\nTBD <your name>\n")
    assert Body.from_plain(body.plain()) == body


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.text(alphabet=st.sampled_from(list("<>`~#=-! \tTBDXabc\r:/")), max_size=30),
        max_size=12,
    ),
    st.integers(min_value=1, max_value=500),
)
def test_summary_never_raises_and_places_within_the_body(lines: list[str], first: int) -> None:
    body = summarise_body(lines, first, PATTERN)
    assert 0 <= body.content_lines <= len(lines)
    for found in body.placeholders:
        assert first <= found.line < first + len(lines)
        assert 1 <= found.column <= len(lines[found.line - first])


def test_placeholder_is_a_marker_only_in_capitals() -> None:
    assert [t for _, t in find("Replace the placeholder; PLACEHOLDER here", PATTERN)] == [
        "PLACEHOLDER"
    ]
    assert [t for _, t in find("a placeholder", marker_pattern(("placeholder",)))] == [
        "placeholder"
    ]


def test_an_angle_marker_quoted_from_elsewhere_is_not_a_placeholder() -> None:
    pattern = marker_pattern(())
    assert list(find('clauses such as "<Company> must keep data in the EEA"', pattern)) == []
    assert list(find("clauses such as \u201c<Company> must keep data\u201d", pattern)) == []
    assert list(find('<Name of owner> said "yes"', pattern)) == [(0, "<Name of owner>")]
    assert list(find('holder: "<Name>"', pattern)) == [(9, "<Name>")]  # quoted alone
