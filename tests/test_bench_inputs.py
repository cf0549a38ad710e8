"""What the benchmark feeds the peers and how it reads their output: fair, and word boundaries kept."""

from __future__ import annotations

from bench.peers import fragment_as_text, html_as_text, text_as_html


def test_text_for_an_html_only_extractor_is_one_escaped_paragraph_per_non_blank_line() -> None:
    assert text_as_html("Fish & <chips>\n\n  \nSecond line") == (
        "<html><body>\n<p>Fish &amp; &lt;chips&gt;</p>\n<p>Second line</p>\n</body></html>"
    )


def test_whole_page_text_puts_every_text_node_on_its_own_line_without_scripts_or_styles() -> None:
    page = "<html><head><style>p{}</style><script>var x;</script></head><body><p>One <b>two</b></p>tail</body></html>"
    assert html_as_text(page) == "One \ntwo\ntail"


def test_flattened_extractor_output_keeps_words_apart_across_block_elements() -> None:
    assert fragment_as_text("<div><p>end</p><p>start <i>here</i></p></div>").split() == ["end", "start", "here"]


def test_empty_extractor_output_flattens_to_nothing() -> None:
    assert fragment_as_text("  ") == ""
