"""The extractors' fast paths give what the plain definitions give."""

from __future__ import annotations

import random
import re
from dataclasses import replace

import pytest
from tests.conftest import needs_corpus, raw_files

from duixian import lexicon
from duixian.clean import clean
from duixian.errors import InternalError
from duixian.extract import deadlines, extract, pledges, targets
from duixian.extract.context import Context, check_grounding, clauses, trimmed_clauses
from duixian.ingest import read_raw
from duixian.lexicon import PLEDGES, TIME
from duixian.meta import read_meta
from duixian.pipeline import parse_document
from duixian.structure import build

_TRIM = "，。；、,;：:"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    # Context.trim, without a document
    while start < end and (text[start].isspace() or text[start] in _TRIM):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _TRIM):
        end -= 1
    return start, end


def _plain(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [c for c in (_trim(text, *c) for c in clauses(text, start, end)) if c[1] > c[0]]


def test_trimmed_clauses_are_the_trimmed_non_empty_clauses() -> None:
    # every clause end, trimmed character, thousands comma and time colon, next to each other and at the bounds
    alphabet = [*"，。；、,;：:！？!?\n \t1234５甲乙达", "\u3000", "\u2028", "\x85"]
    rnd = random.Random(18)
    for _ in range(50_000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 14)))
        start = rnd.randint(0, len(text))
        end = rnd.randint(start, len(text))
        assert trimmed_clauses(text, start, end) == _plain(text, start, end), (text, start, end)


@needs_corpus
def test_trimmed_clauses_on_real_reports() -> None:
    rnd = random.Random(18)
    for path in raw_files()[:12]:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert trimmed_clauses(text, 0, len(text)) == _plain(text, 0, len(text))
        for _ in range(100):
            start = rnd.randint(0, len(text))
            end = min(len(text), start + rnd.randint(0, 300))
            assert trimmed_clauses(text, start, end) == _plain(text, start, end)


def test_the_pledge_gate_holds_every_word_a_pledge_needs() -> None:
    for word in [*lexicon.terms(PLEDGES, "result"), *lexicon.terms(PLEDGES, "action"),
                 *lexicon.terms(TIME, "period"), "3月底前", "通过国家级验收"]:
        assert pledges._MAY_PLEDGE.search("在" + word + "中"), word


@needs_corpus
def test_a_part_the_gate_drops_has_no_deadline_outcome_or_action() -> None:
    # the gate stands in for these tests on a part (and a clause): it must pass every span they would pass
    rnd = random.Random(18)
    for path in raw_files()[:10]:
        doc = clean(read_raw(path))
        ctx = Context(build(doc, read_meta(doc)))
        text = ctx.text
        for ps, pe in ctx.spans_of("plan"):
            for cs, ce in pledges._merged_clauses(ctx, ps, pe):
                for s, e in [(cs, ce)] + [sorted(rnd.sample(range(cs, ce + 1), 2)) for _ in range(3)]:
                    part = text[s:e]
                    if deadlines.resolve(part, 2020)[0] or pledges.RESULT_WORDS.search(part) \
                            or pledges.ACTION_WORDS.search(part):
                        assert pledges._MAY_PLEDGE.search(text, s, e), part
                    if any(pledges._countable(text, q) for q in pledges.find_quantities(text, s, e)):
                        assert pledges._NUMERAL_START.search(text, s, e), part


def _contexts(n: int):
    for path in raw_files()[:n]:
        doc = clean(read_raw(path))
        yield Context(build(doc, read_meta(doc)))


_GROUPED = {  # the cue patterns as first written, with groups of words: the flat ones must match the same
    "_LIST_OPEN": r"(?:目标|指标)(?:任务)?(?:是|为|如下)?[：:]|(?:主要|预期|奋斗)目标(?:是|为)|主要(?:经济)?指标(?:是|为)",
    "_INLINE": r"预期目标|主要目标|调控目标|增长目标|增速目标|预期增长|增速预期|(?:增长|增速)?预期(?:是|为)|目标(?:是|为|定为|定在)",
}


@needs_corpus
def test_flat_cues_match_as_the_grouped_ones() -> None:
    samples = ["主要预期目标是：", "主要经济指标为", "奋斗目标为", "指标任务如下：", "主要目标是", "目标：", "主要指标是",
               "增速预期为", "增长预期是7%", "预期为", "增长目标定为", "预期增长目标"]
    texts = [*samples, *(ctx.text for ctx in _contexts(36))]
    for name, grouped in _GROUPED.items():
        flat = getattr(targets, name)
        for text in texts:
            assert [m.span() for m in flat.finditer(text)] == [m.span() for m in re.finditer(grouped, text)], name


@needs_corpus
def test_every_sentence_holding_a_cue_is_a_candidate() -> None:
    for ctx in _contexts(36):
        for cue in (targets._LIST_OPEN, targets._INLINE):
            holding = [sp for sp in ctx.sd.parts if cue.search(ctx.text, sp.start, sp.end)]
            candidates = targets._sentences_holding(ctx, cue)
            assert set(holding) <= set(candidates) and candidates == sorted(candidates, key=lambda sp: sp.start)


@needs_corpus
def test_anchored_pledge_tests_answer_as_their_searches() -> None:
    setting = re.compile(r"^(?:今年|明年|(?:19|20)\d\d年)?(?:是|正值|恰逢)|周年$|(?:关键|收官|开局|决胜)之?年$")
    subject = "我们|各级|各地|各部门|全国|全省|全市|全县|全区|全镇"  # pledges.csv set frame_subject
    frame = re.compile(rf"^(?:{subject})?(?:在.*(?:基础上|前提下)$|为.*(?:奠定|打下|夯实).*基础$"
                       r"|以.*为(?:契机|抓手|载体|引领|牵引|重点|核心|主线|突破口|导向|依托|支撑|龙头|纽带|统领|指导)$"
                       r"|(?:紧紧|牢牢)?(?:抓住|抓牢|把握)[^，,。；;]*(?:机遇|契机)$)")
    samples = ["今年是改革开放40周年", "2019年是关键之年", "是决胜之年\n", "在巩固成果的基础上", "为明年发展奠定坚实基础",
               "推进重点项目建设", "加快建设", "我们以项目建设为抓手", "紧紧抓住两个重大战略机遇"]
    for ctx in _contexts(12):
        texts = [ctx.text[s:e] for ps, pe in ctx.spans_of("plan") for s, e in pledges._merged_clauses(ctx, ps, pe)]
        for text in [*samples, *texts, *(t[: len(t) // 2] for t in texts)]:
            assert pledges._setting(text) == bool(setting.search(text)), text
            assert bool(pledges._FRAME.match(text)) == bool(frame.search(text)), text
            assert pledges._strip_process(text) == pledges._PROCESS.sub("", text), text


@needs_corpus
def test_sentence_parts_walked_to_are_the_ones_bisected_for() -> None:
    for ctx in _contexts(36):
        expected = [(sent, ctx.part(sent.start)) for p in ctx.sd.paragraphs for sent in p.sentences]
        assert ctx._sentence_part_names == expected


@needs_corpus
def test_part_clauses_are_the_trimmed_clauses_of_the_part() -> None:
    for ctx in _contexts(36):
        for part in ("review", "plan", "problems"):
            plain = [(n, cs, ce) for n, sent in enumerate(ctx.sentences_of(part))
                     for cs, ce in _plain(ctx.text, sent.start, sent.end) if ctx.part(cs) == part]
            assert list(ctx.part_clauses(part)) == plain


def test_grounding_checked_against_kept_raw_spans_still_refuses_a_wrong_one(tmp_path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("政府工作报告\n\n今年，新建学校3所，年底前完成老旧小区改造120个。\n", encoding="utf-8")
    x = extract(parse_document(clean(read_raw(path))))
    ctx = Context(x.sd)
    assert x.pledges
    for rec in x.pledges:
        check_grounding(x.sd, rec, ctx.raw_span)
        wrong = replace(rec, raw_span=(rec.raw_span[0], rec.raw_span[1] + 1))
        with pytest.raises(InternalError):
            check_grounding(x.sd, wrong, ctx.raw_span)


@needs_corpus
def test_list_before_a_label_is_found_as_the_plain_search_finds_it() -> None:
    from duixian.extract import glossary

    rnd = random.Random(18)
    samples = ["医疗、医保、医药", "医疗、医保、医药\n", "医疗、医保、医药等", "医疗、医保，医药", "、医药", "医疗、", "推进医疗"]
    for text in samples:
        for end in range(len(text) + 1):
            want = glossary._LIST_BEFORE.search(text, 0, end)
            got = glossary._list_before(text, 0, end)
            assert (got and got.span()) == (want and want.span()), (text, end)
    for path in raw_files()[:36]:
        text = path.read_text(encoding="utf-8", errors="replace")
        ends = [m.start() for m in re.finditer("“", text)] + [rnd.randint(0, len(text)) for _ in range(200)]
        for end in ends:
            want = glossary._LIST_BEFORE.search(text, max(0, end - 80), end)
            got = glossary._list_before(text, max(0, end - 80), end)
            assert (got and got.span()) == (want and want.span())
