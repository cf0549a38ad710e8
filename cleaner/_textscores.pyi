"""Types of the compiled module cleaner/_textscores.pyx (see its docstring)."""

from cleaner.text.shapes import DocumentShapes

def scores(
    doc: DocumentShapes,
    line_weights: dict[str, float],
    line_bias: float,
    context_weights: dict[str, float],
    context_bias: float,
    shape_names: tuple[str, ...],
    limits: tuple[float, int, int],
) -> tuple[list[float], list[float]]: ...
