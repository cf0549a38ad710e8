"""Text mode: find the article among everything else on a flattened page.

Each line is scored from its own shape (:mod:`cleaner.text.shapes`), rescored with its
neighbours (:mod:`cleaner.text.model`), and the article is the stretch of lines whose scores
add up to the most (:mod:`cleaner.text.region`). Lines outside it, and lines inside it that
read as boilerplate, are removed, each with a rule code and a reason that says what was seen
(:mod:`cleaner.text.reasons`). Title, byline and date line above the article go to the
metadata (:mod:`cleaner.text.metadata`); a dateline and a closing credit stay in the text.
"""

from __future__ import annotations

from dataclasses import replace

from cleaner.classify import classify_blocks, remove_kept_repeats
from cleaner.model import Decision, Extraction, Metadata, many
from cleaner.options import Options
from cleaner.rules import RuleSet
from cleaner.text.lines import split_lines
from cleaner.text.metadata import MetadataMemo, find_credit, find_header
from cleaner.text.model import TextModel, shipped_model
from cleaner.text.reasons import Reasons
from cleaner.text.region import (
    HEADLINE_MAX_WORDS,
    article_region,
    comment_thread,
    extend_over_opening,
    extend_over_prose,
    judged_lines,
    kept_lines,
    past_menu_tail,
    remove_related_teasers,
    starts_with_article,
    widget_runs,
)
from cleaner.text.shapes import LineMemo, document_shapes

MAX_ROUNDS = 20
"""Passes over the kept lines before giving up on reaching a fixed point (two are the rule)."""
MIN_PAGE_LINES = 5
"""A document shorter than this has no page structure to judge: only pattern rules apply to it."""


def _judge(
    decisions: list[Decision], rules: RuleSet, model: TextModel, memo: LineMemo, metadata_memo: MetadataMemo
) -> tuple[list[Decision], Metadata, TextModel]:
    """One pass over the lines: score, find the region, remove what lies outside it or scores too low. Also
    the model the page was scored with (the article model or the general one, see TextModel.for_document)."""
    doc = document_shapes(decisions, memo)
    if len(decisions) < MIN_PAGE_LINES:
        return decisions, Metadata(language=doc.language), model
    model = model.for_document(doc)
    own, scores = model.scores(doc)
    widgets = widget_runs(own, doc)
    start, end = article_region(scores, doc, model.keep_threshold, widgets)
    start = extend_over_opening(doc, own, past_menu_tail(doc, own, model.keep_threshold, start, end))
    end = extend_over_prose(decisions, doc, own, end)
    thread = comment_thread(doc, start, end)
    if thread is not None:
        end = thread.start - 1
        while end > start and not doc.sentence[end] and doc.words[end] <= HEADLINE_MAX_WORDS:
            end -= 1  # the thread's own heading ("34 responses to …")
        thread = replace(thread, start=end + 1)
    # Text that opens with the article (container-style or already clean) keeps every line the pattern
    # rules kept, but for the headlines of a related-stories box whose heading they removed: its short
    # lines are the article's own lists and headings, not a page's menus.
    out = list(decisions)
    if starts_with_article(decisions, doc, start):
        out = remove_related_teasers(out, rules)
    else:
        reasons = Reasons(rules, doc, (start, end), widgets, thread, decisions)
        # Under an article a comment thread goes whatever its entries score; on a forum, where the replies outweigh
        # the post that opens the thread, its entries are the content.
        cut = range(0)
        if thread is not None and (
            model.firm or sum(doc.words[start : thread.start]) >= sum(doc.words[thread.start : thread.end + 1])
        ):
            cut = range(thread.start, thread.end + 1)
        judged = judged_lines(decisions, doc, own, scores, start, end, model.region_floor, model.outside_keep, cut)
        removals = reasons.removals(judged, scores)
        if not all(removals):  # a removal is None when its rule is deselected: that line stays
            judged = [i for i, removal in zip(judged, removals, strict=True) if removal is not None]
            removals = [removal for removal in removals if removal is not None]
        # A page removes hundreds of lines: their decisions are made a column at a time.
        for i, decision in zip(judged, many(Decision, [decisions[i].block for i in judged], removals), strict=True):
            out[i] = decision
    out, metadata = find_header(out, rules, (start, end), metadata_memo, doc)
    return out, metadata.merged(find_credit(out, metadata_memo), Metadata(language=doc.language)), model


def extract_text(text: str, options: Options) -> Extraction:
    """The decision on every line of ``text`` and the metadata its lines give.

    Pattern rules judge each line first; the structural pass then judges the lines they kept, and is
    repeated on the lines it kept until it keeps them all, so that cleaning clean output changes
    nothing (a second run sees only those lines). A kept line that repeats the kept line before it
    goes last, for the same reason.
    """
    rules = options.rules
    decisions = classify_blocks(split_lines(text), rules)
    decisions, metadata = _structure(decisions, rules, options.text_model or shipped_model())
    return Extraction(remove_kept_repeats(decisions, rules), metadata)


def _structure(decisions: list[Decision], rules: RuleSet, model: TextModel) -> tuple[list[Decision], Metadata]:
    if not decisions:
        return decisions, Metadata()
    memo = LineMemo(weights=model.shape_weights())  # what each line's text says, worked out once for all rounds
    metadata_memo = MetadataMemo()  # and what the title, byline and credit search read in it
    out, metadata, model = _judge(decisions, rules, model, memo, metadata_memo)
    if all(d.removal is None for d in out) and all(d.removal is None for d in decisions):
        return out, metadata  # a second pass would judge the very same lines again
    for _ in range(MAX_ROUNDS):
        kept_at = kept_lines(out)
        revised, found, _ = _judge(list(map(out.__getitem__, kept_at)), rules, model, memo, metadata_memo)
        metadata = metadata.merged(found)
        removed = [(i, d) for i, d in zip(kept_at, revised, strict=True) if d.removal is not None]
        if not removed:
            break
        for i, d in removed:
            out[i] = d
    return out, metadata
