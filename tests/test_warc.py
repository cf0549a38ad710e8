"""Web archives in: WARC responses through HTML mode, WET conversions through text mode, every record named."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from cleaner.inputs.warc import is_warc, read_warc, warc_stem

from .conftest import ARTICLE, DOCUMENT, invoke

PAGE = (
    "<html><head><title>Ferry terminal</title></head><body><nav><a href='/'>Home</a></nav><article>"
    + "".join(f"<p>{line}</p>" for line in ARTICLE.splitlines())
    + "<p>The café on the pier stays open.</p></article></body></html>"
)
"""An HTML page with a non-ASCII character, so that the charset of its HTTP header matters."""


def _response(writer: WARCWriter, url: str, body: bytes, content_type: str, status: str = "200 OK") -> str:
    http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
    writer.write_record(record)
    return str(record.rec_headers.get_header("WARC-Record-ID"))


def write_warc(path: Path, pages: list[tuple[str, str]], gz: bool = True) -> list[str]:
    """A crawl as a crawler writes it: warcinfo, a request and a response per page (latin-1 bodies declared
    so in HTTP), and records that are not pages (an image, a redirect). Returns the pages' record ids."""
    ids = []
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for url, html in pages:
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
            ids.append(_response(writer, url, html.encode("latin-1"), "text/html; charset=ISO-8859-1"))
        _response(writer, "http://example.org/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")
        _response(writer, "http://example.org/old", b"<html>Moved</html>", "text/html", "301 Moved Permanently")
    return ids


def write_wet(path: Path, texts: list[tuple[str, str]]) -> list[str]:
    ids = []
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for url, text in texts:
            headers = [("Content-Type", "text/plain")]
            record = writer.create_warc_record(
                url, "conversion", payload=io.BytesIO(text.encode()), warc_headers_dict=dict(headers)
            )
            writer.write_record(record)
            ids.append(str(record.rec_headers.get_header("WARC-Record-ID")))
    return ids


PAGES = [(f"http://example.org/news/{i}", PAGE.replace("Ferry terminal", f"Story {i}")) for i in range(3)]


def test_each_html_response_is_one_record_with_its_url_id_date_and_source(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl.warc.gz"
    ids = write_warc(crawl, PAGES)
    result = invoke(crawl, "-f", "jsonl")
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["url"] for r in records] == [url for url, _ in PAGES]
    assert [r["record_id"] for r in records] == ids
    assert all(r["source"] == str(crawl) and r["date"].startswith("20") for r in records)
    assert [r["title"] for r in records] == ["Story 0", "Story 1", "Story 2"]
    # The same text as the page cleaned as a file; the HTTP charset (latin-1) decodes the café.
    page = tmp_path / "page.html"
    page.write_text(PAGES[0][1], encoding="utf-8")
    assert records[0]["text"] == json.loads(invoke(page, "-f", "json").stdout)["text"]
    assert "The café on the pier stays open." in records[0]["text"]
    assert result.stderr == (
        "clean: 3 cleaned, 0 failed, 6 records skipped (not pages: 1 HTTP 301, 1 not HTML (image/png),"
        " 3 request record, 1 warcinfo record) -> stdout\n"
    )


def test_a_web_archive_is_known_by_its_content_not_its_name(tmp_path: Path) -> None:
    plain, gz = tmp_path / "crawl.dat", tmp_path / "download"
    write_warc(plain, PAGES[:1], gz=False)
    write_warc(gz, PAGES[:1])
    assert is_warc(plain) and is_warc(gz)
    assert not is_warc(tmp_path / "missing")
    (tmp_path / "page.txt.gz").write_bytes(gzip.compress(DOCUMENT.encode()))
    assert not is_warc(tmp_path / "page.txt.gz")
    for path in (plain, gz):
        [line] = invoke(path, "-f", "jsonl").stdout.splitlines()
        assert json.loads(line)["url"] == PAGES[0][0]


def test_wet_conversion_records_go_through_text_mode(tmp_path: Path) -> None:
    wet = tmp_path / "crawl.warc.wet.gz"
    ids = write_wet(wet, [("http://example.org/a", DOCUMENT), ("http://example.org/b", ARTICLE)])
    result = invoke(wet, "-f", "jsonl")
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["url"], r["record_id"], r["input_format"]) for r in records] == [
        ("http://example.org/a", ids[0], "text"),
        ("http://example.org/b", ids[1], "text"),
    ]
    # The newsletter line goes, as it does from the same text in a file.
    assert [r["text"] for r in records] == [ARTICLE.strip(), ARTICLE.strip()]
    assert records[0]["removed"][0]["rule"].startswith("NEWS")


def test_output_folder_has_one_file_per_record_named_by_a_hash_of_its_id(tmp_path: Path) -> None:
    crawl = tmp_path / "in" / "crawl.warc.gz"
    crawl.parent.mkdir()
    ids = write_warc(crawl, PAGES)
    out = tmp_path / "out"
    result = invoke(tmp_path / "in", "-o", out, "-f", "json")
    assert result.exit_code == 0
    names = sorted(p.name for p in (out / "crawl").iterdir())
    assert names == sorted(hashlib.sha256(i.encode()).hexdigest()[:32] + ".json" for i in ids)
    first = json.loads((out / "crawl" / (hashlib.sha256(ids[0].encode()).hexdigest()[:32] + ".json")).read_text())
    assert first["url"] == PAGES[0][0]
    # Rerun with --resume: every record is up to date, the records that are not pages still counted.
    again = invoke(tmp_path / "in", "-o", out, "-f", "json", "--resume")
    assert again.stderr.startswith("clean: 0 cleaned, 0 failed, 3 skipped (up to date), 6 records skipped")


def test_records_are_read_one_at_a_time(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl.warc.gz"
    write_warc(crawl, PAGES)
    records = read_warc(crawl)
    assert next(records).skipped == "warcinfo record"
    assert next(records).skipped == "request record"
    page = next(records)
    assert (page.input_format, page.charset, page.origin.url) == ("html", "ISO-8859-1", PAGES[0][0])
    records.close()


def test_a_truncated_archive_keeps_the_records_before_the_cut_and_names_the_file(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl.warc.gz"
    write_warc(crawl, PAGES)
    data = crawl.read_bytes()
    crawl.write_bytes(data[: len(data) * 2 // 3])
    result = invoke(crawl, "-f", "jsonl")
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) >= 1
    assert f"clean: error: {crawl}: " in result.stderr
    assert "Traceback" not in result.stderr


def test_a_record_the_reader_cannot_parse_fails_the_archive_by_name_after_the_records_before_it(
    tmp_path: Path,
) -> None:
    crawl = tmp_path / "crawl.warc.gz"
    write_warc(crawl, PAGES[:1])
    with crawl.open("ab") as fh:  # a response record with no WARC-Target-URI (the reader trips on it)
        writer = WARCWriter(fh, gzip=True)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_warc_record(None, "response", payload=io.BytesIO(b"<p>x</p>"), http_headers=http)
        writer.write_record(record)
    result = invoke(crawl, "-f", "jsonl")
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 1  # the page before it
    assert f"clean: error: {crawl}: corrupt web archive (a record the reader cannot parse" in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr


def test_warc_stem() -> None:
    assert [warc_stem(n) for n in ("a.warc.gz", "b.wet.gz", "c.warc", "d.bin", "e.dat.gz", "f")] == list("abcdef")
