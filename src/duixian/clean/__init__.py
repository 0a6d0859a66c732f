"""Clean: raw text → one canonical text with an offset map back to the raw text.

The order matters and lives only here: character debris first (so later steps see real
characters), then script and width, then whole lines, then line joining and spacing.
"""

from __future__ import annotations

from duixian.clean import chars, dedupe, furniture, layout, web
from duixian.model import Document, RawText

_LARGE_DROP = 0.25  # share of the text (after repeats are cut) dropped as whole lines before a warning


def clean(raw: RawText) -> Document:
    warnings = list(raw.warnings)
    t = raw.body
    t = chars.normalize_controls(t)
    t = chars.strip_html_debris(t)
    t, md_marks = chars.strip_markdown(t)
    script = chars.detect_script(t.text)
    if script == "traditional":
        t = chars.drop_pinyin_glosses(t)
        t = chars.to_simplified(t)
    t = chars.fold_width(t)
    t = chars.fold_decimal_dots(t)
    t, copies = dedupe.collapse_repeats(t)
    if copies > 1:
        warnings.append(f"the report appears {copies} times in the file; the first copy was kept")
    before = len(t.text)
    t, _chrome = web.drop_page_chrome(t)
    t, _dropped = furniture.drop_furniture(t)
    t, leads = dedupe.drop_lead_passages(t)
    if leads:
        warnings.append("an opening passage printed twice (a lead above the full text): the lead was dropped")
    # Whole lines go as page chrome, furniture or a repeated lead; when they are a large share of the
    # file, say so: a rule that took report text for furniture must not pass unseen.
    if before and (before - len(t.text)) > _LARGE_DROP * before:
        warnings.append(
            f"{100 * (before - len(t.text)) // before}% of the text was dropped as page chrome, furniture or a repeated "
            "lead; check the clean text (duixian parse) if the report looks short"
        )
    t = layout.drop_page_chunk_numbers(t)
    t = layout.join_lines(t)
    t = layout.split_long_lines(t)
    t = layout.split_inline_headings(t)
    t = layout.split_chapter_run_ins(t)
    t = layout.close_spaces(t)
    # Marks were recorded in raw coordinates; map them onto the final text.
    marks = tuple((kind, (t.clean_pos(rs), t.clean_pos(re_))) for kind, (rs, re_) in [*raw.marks, *md_marks])
    return Document(
        source=raw.source, raw=raw.text, tracked=t, script=script, marks=marks, warnings=tuple(warnings)
    )
