"""What a LineMemo keeps for one text's passes never changes what a pass computes."""

from __future__ import annotations

from cleaner.classify import classify_blocks
from cleaner.model import Decision
from cleaner.rules import RuleSet
from cleaner.text.lines import split_lines
from cleaner.text.model import shipped_model
from cleaner.text.shapes import LineMemo, document_shapes

ENGLISH = "\n".join(
    [
        "Harbour library plan approved | Wrenmouth Gazette",
        "Home",
        "News",
        "The council of Wrenmouth voted seven to two on Monday evening to convert the disused ferry terminal.",
        "The terminal has stood empty since the crossing to the islands moved to the southern harbour.",
        "Home",
    ]
)
FRENCH = "\n".join(
    [
        "Le conseil municipal a voté lundi soir la transformation de la gare maritime en bibliothèque.",
        "Home",
        "La gare est vide depuis que la traversée vers les îles a été déplacée vers le port du sud.",
        "Les habitants ont demandé une bibliothèque pour la ville depuis des années.",
        "Home",
    ]
)


def _decisions(text: str) -> list[Decision]:
    return classify_blocks(split_lines(text), RuleSet.default())


def test_a_memo_shared_by_documents_of_two_languages_changes_no_vector_and_no_score() -> None:
    memo = LineMemo()
    model = shipped_model()
    for text in (ENGLISH, FRENCH, ENGLISH):
        shared, fresh = document_shapes(_decisions(text), memo), document_shapes(_decisions(text))
        assert shared.language == fresh.language
        assert shared.vectors() == fresh.vectors()
        assert model.scores(shared) == model.scores(fresh)
    assert len(memo.shape_logits) == 1
