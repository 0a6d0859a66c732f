"""Every vocabulary set is used by code, every term is matched by the pattern built from it, and each
set changes behaviour (so emptying one, or a term that no longer reaches the code, fails a test)."""

from __future__ import annotations

import csv
import re
from collections import Counter
from importlib import resources

import pytest

from duixian import lexicon
from duixian.errors import InternalError
from duixian.extract import deadlines, pledges, projects
from duixian.lexicon import ABBREVIATIONS, NAMES, PLEDGES, STAGES, TIME, UNITS
from duixian.store.search import bigrams as search_bigrams
from duixian.supervise import tasks as supervise_tasks
from duixian.track import horizon, names, tail, targets
from duixian.track import pledges as tp

SETS = {  # every set of the set,term files, with the compiled pattern(s) of the code that each term must match whole
    (PLEDGES, "object"): [pledges.OBJECT_WORDS],
    (PLEDGES, "action"): [pledges.ACTION_WORDS],
    (PLEDGES, "result"): [pledges.RESULT_WORDS],
    (PLEDGES, "kind"): [pledges._GENERIC],
    (PLEDGES, "process"): [pledges._PROCESS],
    (PLEDGES, "exclude"): [pledges._EXCLUDE],
    (PLEDGES, "framing"): [pledges._FRAMING],
    (PLEDGES, "item_adverb"): [],
    (PLEDGES, "item_verb"): [],
    (PLEDGES, "speech_noun"): [pledges._SPEECH_NOUNS],
    (PLEDGES, "slogan_word"): [pledges._SLOGAN_AFTER],
    (PLEDGES, "task_verb"): [supervise_tasks._TASK_VERB],
    (PLEDGES, "ahead"): [],  # three variants, each a part of the set: test_every_ahead_word_is_in_its_variants
    (PLEDGES, "estimate"): [pledges._ESTIMATE_WORD],
    (PLEDGES, "commit_word"): [pledges._COMMITS],
    (PLEDGES, "done_verb"): [],  # inside _WHEN_DONE, which needs the 后 after it: test_done_verbs_date_a_clause
    (PLEDGES, "cause_head"): [],
    (PLEDGES, "number_name"): [pledges._NUMBER_NAMES],
    (PLEDGES, "lead_verb"): [pledges._VERB_INSIDE],  # behaviour: test_pledges_reading11
    (PLEDGES, "road_word"): [],  # inside _ROAD_NUMBER, which needs the number: test_a_road_word_after_a_number
    (PLEDGES, "consequence"): [pledges._CONSEQUENCE],  # behaviour: test_pledges_reading11
    (PLEDGES, "share_word"): [],  # inside _SHARE_BEFORE, before a number: test_pledges_reading11
    (PLEDGES, "frame_subject"): [],  # inside _FRAME, before the frame: test_a_frame_subject_keeps_a_frame
    (PLEDGES, "people_noun"): [pledges._PEOPLE_HEAD],  # behaviour: test_pledges_reading11 (今年高校毕业生749万人)
    (PLEDGES, "whole_area"): [],  # inside _HAS, which needs a verb and a numeral after it: test_what_the_area_has
    (PLEDGES, "has_verb"): [],
    (PLEDGES, "has_time"): [],
    (STAGES, "stage"): [],
    (STAGES, "promised"): [],
    (STAGES, "deadline_status"): [],
    (STAGES, "project_status"): [projects._STATUS],
    (STAGES, "all_done"): [tp._ALL_DONE],
    (STAGES, "part_qualifier"): [],
    (STAGES, "against_target"): [],
    (STAGES, "closing_promise"): [tail._CLOSING],
    (NAMES, "adverb"): [pledges._PROCESS, names._GENERIC],
    (NAMES, "filler"): [names._GENERIC],
    (NAMES, "where"): [names._WHERE],
    (NAMES, "prose"): [names._PROSE],
    (NAMES, "measure"): [tail._MEASURE],
    (NAMES, "title_verb"): [],
    (NAMES, "count_verb"): [targets._COUNT_VERB],
    (NAMES, "redefined"): [targets._REDEFINED],
    (NAMES, "project_head"): [projects._NAMEISH],
    (NAMES, "event"): [],
    (NAMES, "manner"): [],
    (NAMES, "capacity_unit"): [],
    (NAMES, "capacity_rate"): [],
    (NAMES, "combined"): [names._COMBINED],
    (UNITS, "count_word"): [],
    (UNITS, "loose_count"): [],
    (TIME, "period"): [],
    (TIME, "several_years"): [horizon._SEVERAL],
    (TIME, "time_char"): [pledges._TIME_ONLY],
}
FILES = sorted({f for f, _ in SETS})
ALL = [(f, s, t) for (f, s) in SETS for t in lexicon.terms(f, s)]


def _id(x: tuple[str, str, str]) -> str:
    return "-".join(x)


def test_every_set_of_the_files_is_known() -> None:
    found = {(f, s) for f in FILES for s in lexicon.sets(f)}
    assert found == set(SETS), "a new set needs its row in SETS and a behavioural test"


@pytest.mark.parametrize("filename", [*FILES, ABBREVIATIONS, "cues.csv"])
def test_files_are_clean(filename: str) -> None:
    with resources.files("duixian.data").joinpath(filename).open(encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.lstrip().startswith("#")]
    header = next(csv.reader(lines[:1]))
    raw = list(csv.reader(lines[1:]))
    assert all(len(r) == len(header) for r in raw), [r for r in raw if len(r) != len(header)]
    assert all(c == c.strip() and c for r in raw for c in r[:2]), "no blank or padded terms"
    dup = [k for k, n in Counter(tuple(r[:2]) for r in raw).items() if n > 1]
    assert not dup, f"listed twice: {dup}"


@pytest.mark.parametrize(("filename", "name", "term"), ALL, ids=map(_id, ALL))
def test_every_term_is_matched_whole(filename: str, name: str, term: str) -> None:
    assert lexicon.pattern(filename, name).fullmatch(term)
    for p in SETS[(filename, name)]:
        m = p.match(term) if p.pattern.startswith("^") else p.search(term)
        assert m and m.group(0) == term, (p.pattern[:40], term)


def test_longest_term_first() -> None:
    assert pledges._GENERIC.sub("", "新一轮") == ""  # 新 before 新一轮 in the old regex cut it short


# --- behaviour, per set ---

@pytest.mark.parametrize("word", lexicon.terms(PLEDGES, "object"))
def test_object_words_name_things(word: str) -> None:
    assert pledges._named(f"建设沙颍河东岸{word}")


@pytest.mark.parametrize("word", lexicon.terms(PLEDGES, "action"))
def test_action_words_open_a_named_pledge(word: str) -> None:
    assert pledges.ACTION_WORDS.search(f"{word}沙颍河生态谷")


@pytest.mark.parametrize("word", lexicon.terms(PLEDGES, "task_verb"))
def test_task_verbs_open_a_task_sentence(word: str) -> None:
    # near the start (after a few words of subject) a task verb makes a plan sentence a row of the task table
    assert supervise_tasks._TASK_VERB.search(f"全区{word}重点项目建设")
    assert not supervise_tasks._TASK_VERB.search(f"我们要在新的一年里更加{word}")


def test_result_and_kind_words() -> None:
    assert pledges.RESULT_WORDS.search("顺利通过国家级验收")
    for word in lexicon.terms(PLEDGES, "kind"):
        if word not in lexicon.terms(PLEDGES, "object"):
            assert not pledges._named(f"建设{word}公园"), word  # a kind of park is not a named park


def test_process_and_adverbs_are_stripped_from_the_front() -> None:
    for word in (*lexicon.terms(NAMES, "adverb"), *lexicon.terms(PLEDGES, "process")):
        assert pledges._PROCESS.sub("", f"{word}沙颍河") == "沙颍河", word


def test_exclude_framing_item_words() -> None:
    for word in lexicon.terms(PLEDGES, "exclude"):
        assert pledges._EXCLUDE.search(f"全年{word}"), word
    for word in lexicon.terms(PLEDGES, "framing"):
        assert pledges._FRAMING.match(f"{word}党建引领"), word
    for adv in ("", *lexicon.terms(PLEDGES, "item_adverb")):
        for verb in lexicon.terms(PLEDGES, "item_verb"):
            assert pledges._VERB_ITEM.match(f"、{adv}{verb}区人民医院"), (adv, verb)


def test_figures_of_speech_are_not_counts() -> None:
    for word in lexicon.terms(PLEDGES, "speech_noun"):
        assert pledges._SPEECH_NOUNS.match(word)
    for word in lexicon.terms(PLEDGES, "slogan_word"):
        assert pledges._SLOGAN_AFTER.match(f"项{word}"), word


def test_stage_words_have_their_level() -> None:
    part_only = lexicon.terms(STAGES, "part_qualifier")
    for level, terms in lexicon.levels(STAGES, "stage").items():
        for t in terms:
            # a part (一期, 部分) is a stage only beside a word of completion
            got, word = tp._reached(f"该项目{t}建成" if t in part_only else f"该项目{t}", "")
            assert got == level and word == t, (t, got, word)
    for level, terms in lexicon.levels(STAGES, "promised").items():
        for t in terms:
            assert tp._stage(f"{t}沙颍河生态谷", tp._PLEDGE_STAGE) == level, t


@pytest.mark.parametrize("word", lexicon.terms(STAGES, "deadline_status"))
def test_a_deadline_clause_continues_the_pledge(word: str) -> None:
    assert pledges._DEADLINE_STATUS.fullmatch(f"确保6月底前{word}")


def test_project_status_and_all_done() -> None:
    for word in lexicon.terms(STAGES, "project_status"):
        assert projects._status(f"总投资5亿元的产业园{word}", 0, 9) == word
    for word in lexicon.terms(STAGES, "all_done"):
        assert tp._ALL_DONE.search(f"3所学校{word}")


@pytest.mark.parametrize(("level", "word"), [(lv, w) for lv, ws in lexicon.levels(STAGES, "against_target").items() for w in ws])
def test_the_reviews_own_word_against_a_target(level: int, word: str) -> None:
    found = next(((lv, m.group(0)) for lv, p in targets.AGAINST_TARGET if (m := p.search(f"进出口总额增长5%，{word}"))), None)
    assert found == (level, word)


@pytest.mark.parametrize("word", lexicon.terms(STAGES, "part_qualifier"))
def test_a_part_is_done_only_beside_completion(word: str) -> None:
    assert tp._reached(f"智慧城市{word}项目开工建设", "")[0] == 1
    assert tp._reached(f"智慧城市{word}项目建成", "")[0] == 3


@pytest.mark.parametrize("word", lexicon.terms(STAGES, "closing_promise"))
def test_a_closing_promise_word_opens_a_closing_clause(word: str) -> None:
    assert tail._CLOSING.match(f"{word}开工建设") and tail._CLOSING.match(f"要{word}开工建设")


@pytest.mark.parametrize("word", lexicon.terms(TIME, "several_years"))
def test_a_figure_of_several_years(word: str) -> None:
    assert horizon.several_years(f"全省{word}新增城镇就业200万人")


def test_naming_words() -> None:
    for word in (*lexicon.terms(NAMES, "adverb"), *lexicon.terms(NAMES, "filler")):
        assert names.core(word).strip("|") == "", word
    for word in lexicon.terms(NAMES, "where"):
        assert names.names(f"{word}创建").where, word
    for word in lexicon.terms(NAMES, "measure"):  # a figure measured so names nothing
        assert not names.names(tail._MEASURE.sub("|", f"{word}增长10%")).want, word
    for word in lexicon.terms(NAMES, "title_verb"):
        assert names.names(f"{word}国家卫生城市").title, word
    for word in lexicon.terms(NAMES, "count_verb"):
        assert targets._stem(f"{word}高新技术企业") == "高新技术企业", word
    for word in lexicon.terms(NAMES, "redefined"):
        assert targets._REDEFINED.search(f"收入{word}增长5%")
    for word in lexicon.terms(NAMES, "project_head"):
        assert projects._NAMEISH.search(f"金海{word}")
    for word in lexicon.terms(NAMES, "capacity_unit"):
        assert (300.0, f"万{word}") in tp._sizes(f"建成300万{word}金石熟料生产线"), word
    for word in lexicon.terms(NAMES, "capacity_rate"):
        assert (500.0, "吨") in tp._sizes(f"建成{word}500吨的金石厂"), word
    for word in lexicon.terms(NAMES, "event"):
        assert names.names(f"办好花卉{word}").events == (("花卉", word),), word
    for word in lexicon.terms(NAMES, "manner"):
        assert names.names(f"确保花卉博览会{word}、{word}、{word}举办").parts == (), word


def test_abbreviations_are_spelled_out() -> None:
    table = lexicon.table(ABBREVIATIONS, "short", "long")
    assert table
    for short, long in table.items():
        assert names.expand(f"推进{short}") == f"推进{long}"


def test_count_words() -> None:
    count, loose = lexicon.terms(UNITS, "count_word"), lexicon.terms(UNITS, "loose_count")
    assert set(loose) <= set(count), "every loose count is a count word"
    for u in loose:
        assert tp._same_unit("个", u) and tp._same_unit(u, "个")
    assert not tp._same_unit("条", "个")  # 道路3条 is not 3个 of anything
    for u in count:
        text = f"新建公厕1{u}、立体绿化公厕3{u}"
        qs = [q for q in pledges.find_quantities(text) if q.unit == u]
        assert len(qs) == 2 and pledges._same_head(text, 0, qs[0], qs[1]), u


@pytest.mark.parametrize(("word", "month"), [(t, m) for m, ts in lexicon.levels(TIME, "period").items() for t in ts])
def test_periods_resolve_to_their_month(word: str, month: int) -> None:
    iso, raw = deadlines.resolve(f"{word}建成区人民医院", 2024)
    assert raw == word and iso is not None and int(iso[5:7]) == month


def test_one_bigram_maker() -> None:
    assert lexicon.bigrams("老旧|小区，改造") == ["老旧", None, None, "小区", None, None, "改造"]
    assert names.grams("老旧|小区") == {"老旧", "小区"}
    assert search_bigrams("GDP增长") == lexicon.bigrams("gdp增长")


def test_an_empty_set_is_an_error() -> None:
    with pytest.raises(InternalError, match="no terms"):
        lexicon.terms(NAMES, "no such set")
    assert re.compile(lexicon.alternatives((NAMES, "adverb"), (PLEDGES, "process"))).fullmatch("加快")


def test_every_ahead_word_is_in_its_variants() -> None:
    levels = lexicon.levels(PLEDGES, "ahead")
    assert set(levels) == {1, 2, 3}, "weight 1 every test, 2 dating words, 3 modal words"
    for word in levels[1]:  # every variant
        for p in (pledges._LOOKS_AHEAD, pledges._AHEAD_NOT_NEAR, pledges._AHEAD_OF_PLAN):
            assert p.fullmatch(word), (word, p.pattern[:30])
    for word in levels[2]:  # a figure reached is dated ahead by these; how a plan fared is not (全年计划)
        assert pledges._LOOKS_AHEAD.fullmatch(word) and pledges._AHEAD_NOT_NEAR.fullmatch(word), word
        assert not pledges._AHEAD_OF_PLAN.search(word), word
    for word in levels[3]:  # modal words only for how a plan fared
        assert pledges._AHEAD_OF_PLAN.fullmatch(word), word
        assert not pledges._LOOKS_AHEAD.search(word), word
    assert pledges._AHEAD_OF_PLAN.search("要超额完成") and not pledges._AHEAD_OF_PLAN.search("主要的将近")


@pytest.mark.parametrize("word", lexicon.terms(PLEDGES, "estimate"))
def test_estimate_words_make_a_clause_an_estimate(word: str) -> None:
    m = pledges._ESTIMATE_WORD.search(f"亏损额{word}达四十多亿元")
    assert m and m.group() == word


@pytest.mark.parametrize("word", lexicon.terms(PLEDGES, "commit_word"))
def test_commit_words_keep_an_estimate_a_goal(word: str) -> None:
    assert pledges._COMMITS.search(f"预计全年，{word}新建化肥厂三座")


@pytest.mark.parametrize("word", lexicon.terms(PLEDGES, "done_verb"))
def test_done_verbs_date_a_clause(word: str) -> None:
    for end in ("后", "以后", "之后\n"):
        assert pledges._WHEN_DONE.search(f"这批项目{word}{end}")
    assert not pledges._WHEN_DONE.search(f"这批项目{word}")


@pytest.mark.parametrize("word", lexicon.terms(PLEDGES, "cause_head"))
def test_cause_heads_open_a_circumstance(word: str) -> None:
    assert f"{word}这些项目的建设完工".startswith(pledges._CAUSE_HEAD)


@pytest.mark.parametrize("word", lexicon.terms(PLEDGES, "number_name"))
def test_number_names_name_rather_than_count(word: str) -> None:
    assert pledges._NUMBER_NAMES.match(f"建设107{word}", 5)


@pytest.mark.parametrize("area", lexicon.terms(PLEDGES, "whole_area"))
def test_what_the_area_has(area: str) -> None:
    for verb in lexicon.terms(PLEDGES, "has_verb"):
        assert pledges._HAS.match(f"{area}{verb}三千多所学校")
        assert area[0] in pledges._HAS_FIRST
    assert not pledges._HAS.match(f"{area}要新建三千所学校")


@pytest.mark.parametrize(("word", "level"), [(w, v) for v, ws in lexicon.levels(PLEDGES, "has_time").items() for w in ws])
def test_a_time_word_on_its_side_of_the_area(word: str, level: int) -> None:
    assert bool(pledges._HAS.match(f"{word}全国有100多个城市")) == (level in (1, 3))
    assert bool(pledges._HAS.match(f"全国{word}有100多个城市")) == (level in (2, 3))


@pytest.mark.parametrize("char", lexicon.terms(TIME, "time_char"))
def test_time_characters_make_a_time_only(char: str) -> None:
    assert len(char) == 1
    assert pledges._TIME_ONLY.fullmatch(f"{char}一九五四 年")
    assert not pledges._TIME_ONLY.fullmatch(f"{char}建成")


@pytest.mark.parametrize("word", lexicon.terms(PLEDGES, "road_word"))
def test_a_road_word_after_a_number(word: str) -> None:
    assert pledges._ROAD_NUMBER.search(f"实施107{word}改造")
    assert not pledges._ROAD_NUMBER.search(f"实施{word}改造")


@pytest.mark.parametrize("word", lexicon.terms(PLEDGES, "share_word"))
def test_a_share_word_before_a_percentage(word: str) -> None:
    assert pledges._SHARE_BEFORE.search(f"工业投资{word}")


@pytest.mark.parametrize("word", lexicon.terms(PLEDGES, "frame_subject"))
def test_a_frame_subject_keeps_a_frame(word: str) -> None:
    assert pledges._framed(f"{word}以建设项目为抓手")
    assert not pledges._framed(f"{word}新建学校3所")
