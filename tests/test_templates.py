"""Site templates (TEMPLATE001): blocks on many pages of one site go in a batch, the same in any order and with
any number of workers; a block on few pages, a page alone and a batch with the rule ignored keep them."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from cleaner.pipeline import Options, clean_batch
from cleaner.templates import MIN_PAGES, PageUnits, TemplateCounter, fingerprint, learn, site_of

from .conftest import invoke
from .test_warc import write_warc, write_wet

STORIES = [
    "The council of Wrenmouth voted seven to two on Monday evening to convert the disused ferry terminal into a "
    "public library and reading room, ending a decade of argument over the building.",
    "Fishermen in Wrenmouth say the new harbour wall has cut the number of days they lose to storms each winter "
    "by half, though the cost of mooring has risen since the wall was finished last year.",
    "The Wrenmouth lifeboat crew was called out twice on Sunday, first to a yacht with a fouled propeller off "
    "the point and later to walkers cut off by the tide below the cliffs.",
    "A bakery that has stood on Quay Street for ninety years will close at the end of the month, its owners "
    "said, after the lease on the building was sold to a developer from the city.",
    "The county has agreed to reopen the branch line to Wrenmouth for summer weekends, with the first trains "
    "due in June if the bridge over the estuary passes its inspection in the spring.",
]
FOLLOW_UPS = [
    "Councillors said the work would be paid for from the harbour fund, and that the first floor should open "
    "to readers in the spring of 2028 if the roof repairs go to plan.",
    "The harbour master said the wall had done what it was built to do, and that the mooring fees paid for its "
    "upkeep rather than for the loan that built it.",
    "The coxswain said both rescues ended well, but urged visitors to check the tide tables before setting out "
    "along the beach beneath the cliffs in the evenings.",
    "Regulars queued along the street on Saturday for a last loaf, and several said they would miss the smell "
    "of bread drifting over the quay on early mornings.",
    "Campaigners who fought for the line for twenty years said they would be on the platform for the first "
    "train, whatever the weather on the day.",
]
FOOTER = (
    "The Gazette is published every week by Harbour Press, an independent company owned by its readers and its staff."
)
"""On every page of the site: its template."""
SHARED = "Letters to the editor may be sent to the office on Quay Street, where they are read by the whole staff."
"""On two pages of five: below the share a template needs."""


def _page(i: int) -> str:
    lines = [STORIES[i], FOLLOW_UPS[i], FOOTER] + ([SHARED] if i < 2 else [])
    return "\n\n".join(lines) + "\n"


def _site(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for i in range(len(STORIES)):
        (folder / f"{i:02}.txt").write_text(_page(i), encoding="utf-8")
    return folder


def _records(stdout: str) -> dict[str, dict[str, object]]:
    return {str(r["source"]): r for r in map(json.loads, stdout.splitlines())}


def test_a_line_on_every_page_of_a_site_goes_and_one_on_few_pages_stays(tmp_path: Path) -> None:
    folder = _site(tmp_path / "gazette")
    result = invoke(folder, "-f", "jsonl", "--templates")
    assert result.exit_code == 0
    records = _records(result.stdout)
    assert len(records) == 5
    for i, record in enumerate(records[str(folder / f"{i:02}.txt")] for i in range(5)):
        text = str(record["text"])
        assert FOOTER not in text and STORIES[i] in text and FOLLOW_UPS[i] in text
        assert (SHARED in text) is (i < 2)  # on 2 of 5 pages: kept where it is
        assert record["removed"] == [
            {
                "rule": "TEMPLATE001",
                "category": "template",
                "reason": f"appears on 5 of 5 pages of {folder}",
                "text": FOOTER,
                "line": 5,
            }
        ]


def test_the_same_output_in_any_input_order_and_with_any_number_of_workers(tmp_path: Path) -> None:
    folder = _site(tmp_path / "gazette")
    files = sorted(folder.iterdir())
    shuffled = files[:]
    random.Random(7).shuffle(shuffled)
    assert shuffled != files
    one = _records(invoke(*files, "-f", "jsonl", "--templates").stdout)
    two = _records(invoke(*shuffled, "-f", "jsonl", "-j", "2", "--templates").stdout)
    assert one == two
    assert all(FOOTER not in str(record["text"]) for record in one.values())


def test_a_page_alone_and_a_batch_that_ignores_the_rule_keep_the_template(tmp_path: Path) -> None:
    folder = _site(tmp_path / "gazette")
    alone = invoke(folder / "00.txt", "-f", "json", "--templates")
    assert FOOTER in json.loads(alone.stdout)["text"]
    for ignored in ("TEMPLATE", "TEMPLATE001"):
        records = _records(invoke(folder, "-f", "jsonl", "--ignore", ignored, "--templates").stdout)
        assert all(FOOTER in str(record["text"]) for record in records.values())
    selected = _records(invoke(folder, "-f", "jsonl", "--select", "NEWS", "--templates").stdout)
    assert all(FOOTER in str(record["text"]) for record in selected.values())


def test_a_batch_keeps_its_templates_unless_asked_to_remove_them(tmp_path: Path) -> None:
    # Opt-in: the first pass costs a batch a second read of every page (about 60% more time in HTML mode).
    folder = _site(tmp_path / "gazette")
    records = _records(invoke(folder, "-f", "jsonl").stdout)
    assert len(records) == 5
    assert all(FOOTER in str(r["text"]) and not r["removed"] for r in records.values())


def test_sites_are_told_apart_by_the_url_of_each_web_archive_record(tmp_path: Path) -> None:
    pages = [(f"http://www.gazette.example/news/{i}", _page(i)) for i in range(4)]
    pages.append(("http://other.example/a", _page(4)))  # the footer on one page of another site
    wet = tmp_path / "crawl.wet.gz"
    write_wet(wet, pages)
    records = [json.loads(line) for line in invoke(wet, "-f", "jsonl", "--templates").stdout.splitlines()]
    assert [FOOTER in r["text"] for r in records] == [False, False, False, False, True]
    assert records[0]["removed"][0]["reason"] == "appears on 4 of 4 pages of gazette.example"


def test_html_blocks_on_every_page_of_a_site_go_in_a_web_archive(tmp_path: Path) -> None:
    def html(i: int) -> str:
        body = "".join(f"<p>{line}</p>" for line in (STORIES[i], FOLLOW_UPS[i], FOOTER))
        return f"<html><head><title>Story {i}</title></head><body><article>{body}</article></body></html>"

    crawl = tmp_path / "crawl.warc.gz"
    write_warc(crawl, [(f"http://gazette.example/{i}", html(i)) for i in range(4)])
    records = [json.loads(line) for line in invoke(crawl, "-f", "jsonl", "--templates").stdout.splitlines()]
    assert len(records) == 4
    for i, record in enumerate(records):
        assert FOOTER not in record["text"] and STORIES[i] in record["text"]
        assert [r["rule"] for r in record["removed"] if r["text"] == FOOTER] == ["TEMPLATE001"]
    alone = tmp_path / "page.html"
    alone.write_text(html(0), encoding="utf-8")
    assert FOOTER in json.loads(invoke(alone, "-f", "json").stdout)["text"]


def test_resume_gives_the_output_of_an_uninterrupted_run(tmp_path: Path) -> None:
    folder = _site(tmp_path / "gazette")
    whole = tmp_path / "whole.jsonl"
    assert invoke(folder, "-o", whole, "--templates").exit_code == 0
    lines = whole.read_text(encoding="utf-8").splitlines(keepends=True)
    part = tmp_path / "resumed.jsonl.part"
    part.write_text("".join(lines[:2]), encoding="utf-8")  # a run stopped after two documents
    assert invoke(folder, "-o", tmp_path / "resumed.jsonl", "--resume", "--templates").exit_code == 0
    assert (tmp_path / "resumed.jsonl").read_text(encoding="utf-8") == whole.read_text(encoding="utf-8")
    assert all(FOOTER not in json.loads(line)["text"] for line in lines)


def test_folder_output_and_resume_keep_the_template_of_the_whole_batch(tmp_path: Path) -> None:
    folder = _site(tmp_path / "gazette")
    out = tmp_path / "out"
    assert invoke(folder, "-o", out, "--templates").exit_code == 0
    assert all(FOOTER not in path.read_text(encoding="utf-8") for path in out.iterdir())
    (out / "03.txt").unlink()
    assert invoke(folder, "-o", out, "--resume", "--templates").exit_code == 0  # the four up to date are still counted
    assert FOOTER not in (out / "03.txt").read_text(encoding="utf-8")


def test_a_page_that_is_mostly_the_template_is_a_copy_and_keeps_it() -> None:
    # The same article captured on four pages of one site but for one short line: not a template.
    pages = [f"Edition {i}.\n\n{STORIES[0]}\n\n{FOLLOW_UPS[0]}\n" for i in range(4)]
    results = clean_batch(pages, Options(input_format="text"))
    assert all(STORIES[0] in result.text and not result.removed for result in results)


# --- the counter ------------------------------------------------------------------------------------------------


def _units(site: str, page: int) -> PageUnits:
    return PageUnits.of(site, ["a header", "a footer", f"page {page} of {site}", f"more of page {page}"])


def test_the_counter_finds_the_same_templates_in_any_order_even_past_its_bounds() -> None:
    pages = [_units(f"site{s}.example", p) for s in range(40) for p in range(s % 9)]
    shuffled = pages[:]
    random.Random(3).shuffle(shuffled)

    def counted(order: list[PageUnits]) -> dict[str, dict[int, int]]:
        counter = TemplateCounter(site_sample=5, max_pages=60)  # both bounds reached
        for page in order:
            counter.add(page)
        return {site: dict(t.counts) for site, t in counter.templates().by_site.items()}

    found = counted(pages)
    assert found == counted(shuffled) == counted(pages[::-1])
    eligible = {p.site for p in pages if sum(q.site == p.site for q in pages) >= MIN_PAGES}
    assert 0 < len(found) < len(eligible)  # sites dropped past the budget, the same ones whatever the order
    header, footer = fingerprint("a header"), fingerprint("a footer")
    assert all(set(counts) == {header, footer} for counts in found.values())
    assert all(max(counts.values()) <= 5 for counts in found.values())  # counted over 5 pages at most


def test_a_site_needs_a_few_distinct_pages_and_copies_count_once() -> None:
    assert learn([_units("a.example", p) for p in range(MIN_PAGES - 1)]).by_site == {}
    assert learn([_units("a.example", 0)] * 10).by_site == {}  # ten captures of one page
    assert set(learn([_units("a.example", p) for p in range(MIN_PAGES)]).by_site) == {"a.example"}


@pytest.mark.parametrize(
    ("url", "folder", "site"),
    [
        ("https://www.Example.com:8080/a?b", "x", "example.com"),
        ("http://[::1", "crawl/", "crawl/"),  # not a URL: the folder
        (None, "pages", "pages"),
        (None, None, "the batch"),
    ],
)
def test_a_page_s_site_is_its_host_else_its_folder(url: str | None, folder: str | None, site: str) -> None:
    assert site_of(url, folder) == site


def test_fingerprints_ignore_case_and_spacing_and_nothing_else() -> None:
    assert fingerprint("Share  this\tStory ") == fingerprint("share this story")
    assert fingerprint("share this story!") != fingerprint("share this story")
    assert fingerprint(" \n") is None
