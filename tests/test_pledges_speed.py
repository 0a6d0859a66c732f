"""Round 2 of the pledge and extract() fast paths: each gives what the plain definition gives."""

from __future__ import annotations

import dataclasses
import pickle
import random
import re

import pytest
from tests.conftest import needs_corpus, raw_files

from duixian.clean import clean
from duixian.errors import InternalError
from duixian.extract import pledges
from duixian.extract.context import Context
from duixian.extract.records import Actual, GlossaryEntry, Pledge, Project, Target, make, record_id
from duixian.ingest import read_raw
from duixian.meta import read_meta
from duixian.structure import build


def _values(cls: type) -> dict:
    # a distinct value for every field, in the order declared
    out: dict = {}
    for n, f in enumerate(dataclasses.fields(cls)):
        out[f.name] = (n, n + 1) if f.name in ("span", "raw_span") else f"{f.name}-{n}"
    return out


@pytest.mark.parametrize("cls", [Target, Actual, Pledge, Project, GlossaryEntry])
def test_make_builds_what_the_constructor_builds(cls: type) -> None:
    values = _values(cls)
    made, built = make(cls, values), cls(**values)
    assert type(made) is cls and made == built and repr(made) == repr(built)
    assert list(vars(made).items()) == list(vars(built).items())  # the same attributes, in the same order
    assert pickle.dumps(made) == pickle.dumps(built) and dataclasses.asdict(made) == dataclasses.asdict(built)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.quote = "x"  # still frozen
    values["quote"] = "changed"
    assert made.quote == "quote-1"  # the caller's dict is not the record's


def test_make_falls_back_to_the_constructor_for_other_values() -> None:
    values = _values(Pledge)
    del values["basis"]  # a default: filled by the constructor
    assert make(Pledge, values) == Pledge(**values) and make(Pledge, values).basis == ""
    shuffled = dict(reversed(list(_values(Pledge).items())))
    assert list(vars(make(Pledge, shuffled))) == [f.name for f in dataclasses.fields(Pledge)]
    with pytest.raises(TypeError):
        make(Pledge, {**_values(Pledge), "stray": 1})


def _first(items, chars: set[str]) -> bool:
    """Add to ``chars`` every character a match of the parsed sequence can start with ("\\d" standing for the
    decimal digits); return whether the sequence can match the empty string."""
    from re import _constants as c  # type: ignore[attr-defined]

    for op, av in items:
        if op is c.LITERAL:
            chars.add(chr(av))
            return False
        if op is c.IN:
            for iop, iav in av:
                if iop is c.LITERAL:
                    chars.add(chr(iav))
                elif iop is c.RANGE:
                    chars.update(chr(x) for x in range(iav[0], iav[1] + 1))
                elif iop is c.CATEGORY and iav is c.CATEGORY_DIGIT:
                    chars.add("\\d")
                else:
                    raise AssertionError(f"not handled: {iop} {iav}")
            return False
        if op is c.SUBPATTERN:
            if not _first(av[3], chars):
                return False
        elif op is c.BRANCH:
            empty = [_first(b, chars) for b in av[1]]
            if not any(empty):
                return False
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            if not _first(av[2], chars) and av[0] > 0:
                return False
        else:
            raise AssertionError(f"not handled: {op}")
    return True


def _first_chars(pattern: re.Pattern[str]) -> set[str]:
    from re import _parser  # type: ignore[attr-defined]

    chars: set[str] = set()
    assert not _first(_parser.parse(pattern.pattern), chars)  # neither can match the empty string
    return chars


def test_a_continuation_starts_with_one_of_the_gate_characters() -> None:
    for pattern in (pledges._CONTINUES, pledges._DEADLINE_STATUS):
        for ch in _first_chars(pattern):
            assert ch == "\\d" or ch in pledges._CONTINUE_FIRST, (pattern.pattern, ch)
    assert "五" in _first_chars(pledges._DEADLINE_STATUS) and "其" in _first_chars(pledges._CONTINUES)
    # \d is str.isdecimal(): the gate lets every decimal digit through
    assert all(re.fullmatch(r"\d", ch) for ch in "0９٣") and all(ch.isdecimal() for ch in "0９٣")


def test_ground_gives_record_id_and_trims_as_before(tmp_path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("一、工作回顾\n过去一年，新建学校3所、 公厕10座；全年完成。\n二、今年工作\n确保新建道路5条，年底前完成：\n",
                    encoding="utf-8")
    doc = clean(read_raw(path))
    ctx = Context(build(doc, read_meta(doc)))
    rnd = random.Random(18)
    n = len(ctx.text)
    for _ in range(2000):
        s, e = sorted(rnd.sample(range(n + 1), 2))
        kind, extra = rnd.choice(["pledge", "target", "actual"]), rnd.choice(["", "GDP", "学位"])
        ts, te = ctx.trim(s, e)
        if ts >= te:
            with pytest.raises(InternalError):
                ctx.ground(kind, s, e, extra)
            continue
        g = ctx.ground(kind, s, e, extra)
        assert g["span"] == (ts, te) and g["quote"] == ctx.text[ts:te]
        assert g["id"] == record_id(doc.source.sha256, kind, (ts, te), extra)
        assert g["raw_span"] == doc.raw_span(ts, te)
        sec = ctx.sd.section_at(ts)
        assert g["section"] == (sec.id if sec else None)


def test_a_filler_starts_with_one_of_the_gate_characters() -> None:
    for ch in _first_chars(pledges._LEADING_FILLER):
        assert ch == "\\d" or ch in pledges._FILLER_FIRST, ch
    assert {"（", "一", "并", "和"} <= _first_chars(pledges._LEADING_FILLER)


@needs_corpus
def test_a_clause_quantity_starts_inside_the_clause() -> None:
    # the whole-clause part takes the clause's quantities as they are: each must start in the clause
    n = 0
    for path in raw_files()[:12]:
        doc = clean(read_raw(path))
        ctx = Context(build(doc, read_meta(doc)))
        for ps, pe in ctx.spans_of("plan"):
            for cs, ce in pledges._merged_clauses(ctx, ps, pe):
                for q in pledges.find_quantities(ctx.text, cs, ce):
                    assert cs <= q.num_start < ce, (ctx.text[cs:ce], q)
                    n += 1
    assert n > 500


def test_anchored_tests_start_with_one_of_their_gate_characters() -> None:
    assert _first_chars(pledges._SETTING_HEAD) <= set(pledges._SETTING_FIRST)
    assert _first_chars(pledges._FRAME) <= set(pledges._FRAME_FIRST)
    assert _first_chars(pledges._FRAMING) <= pledges._FRAMING_FIRST


def _plan_clauses(n: int):
    for path in raw_files()[:n]:
        doc = clean(read_raw(path))
        ctx = Context(build(doc, read_meta(doc)))
        for ps, pe in ctx.spans_of("plan"):
            for cs, ce in pledges._merged_clauses(ctx, ps, pe):
                yield ctx.text[cs:ce]


@needs_corpus
def test_gated_anchored_tests_answer_as_the_patterns() -> None:
    aims = ["房地产市场健康发展", "三次产业有机融合", "经济持续增长\n", "良性循环", "健康发展。", "发展"]
    rnd = random.Random(18)
    pieces = ["健康", "有序", "高质量", "发展", "融合", "增长", "循环", "在", "为", "基础上", "奠定", "基础", "年", "\n", "是"]
    fuzz = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 5))) for _ in range(5000)]
    n = 0
    for text in [*aims, *fuzz, *_plan_clauses(12)]:
        assert bool(pledges._ABSTRACT_AIM.search(text)) == (text.endswith(pledges._AIM_LAST)
                                                         and bool(pledges._ABSTRACT_AIM.search(text))), text
        assert pledges._framed(text) == bool(pledges._FRAME.match(text)), text
        assert bool(pledges._FRAMING.match(text)) == (text[:1] in pledges._FRAMING_FIRST
                                                    and bool(pledges._FRAMING.match(text))), text
        n += bool(pledges._ABSTRACT_AIM.search(text)) + bool(pledges._FRAME.match(text))
    assert n > 100


def test_basis_table_names_the_evidence_in_order() -> None:
    import itertools

    for flags in itertools.product((False, True), repeat=4):
        why = [w for w, ok in zip(("a number", "a deadline", "a checkable outcome", "a named object"), flags,
                                  strict=True) if ok]
        assert pledges._BASIS[flags] == ("plan sentence with " + ", ".join(why), len(why))
    assert pledges._BASIS[True, False, True, False] == ("plan sentence with a number, a checkable outcome", 2)


def test_the_grounding_checker_refuses_what_check_grounding_refuses(tmp_path) -> None:
    from dataclasses import replace

    from duixian.extract import extract
    from duixian.extract.context import check_grounding, grounding_checker
    from duixian.pipeline import parse_document

    path = tmp_path / "r.txt"
    path.write_text("政府工作报告\n\n今年，新建学校3所，年底前完成老旧小区改造120个。\n", encoding="utf-8")
    x = extract(parse_document(clean(read_raw(path))))
    assert x.pledges
    for raw_span in (None, Context(x.sd).raw_span):
        check = grounding_checker(x.sd, raw_span)
        for rec in x.pledges:
            check(rec)
            check_grounding(x.sd, rec, raw_span)
            s, e = rec.raw_span
            for wrong in (replace(rec, raw_span=(s, e + 1)), replace(rec, raw_span=(-1, e)),
                          replace(rec, raw_span=(s, len(x.sd.doc.raw) + 1)), replace(rec, quote=rec.quote + "。"),
                          replace(rec, span=(rec.span[0] + 1, rec.span[1]))):
                for refuse in (check, lambda r, rs=raw_span: check_grounding(x.sd, r, rs)):
                    with pytest.raises(InternalError):
                        refuse(wrong)
