"""The cleaner's fast paths give what the plain per-character definitions give."""

from __future__ import annotations

import importlib
import random
import re
import sys
import unicodedata
from pathlib import Path

import pytest

from duixian.charcount import ascii_count, cjk_count, latin_letter_count
from duixian.clean import chars, dedupe, furniture, layout, web
from duixian.offsets import Edit, Tracked


def test_full_width_class_holds_only_wide_characters() -> None:
    # width() counts the class as 2 without asking unicodedata: every member must be W or F.
    members = [chr(c) for c in range(0x110000) if layout._FULL.fullmatch(chr(c))]
    assert members and all(unicodedata.east_asian_width(c) in "WF" for c in members)


def test_width_counts_wide_and_ambiguous_as_two() -> None:
    for s in ["", "abc", "政府工作报告", "“增长6.5%”…", "ＧＤＰ１２３　，。", "é ß ｱ ¥"]:
        assert layout.width(s) == sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in s)


def test_key_prefix_reads_as_far_as_needed() -> None:
    text = "标题\n" + "我代表区人民政府，向大会报告政府工作，请予审议。" * 40
    key = dedupe._key(text)
    for probe in [key[:30], key[:500], key[:3000], key[:30] + "x", key]:
        for end in (50, 400, len(text)):
            assert dedupe._key_starts_with(text, 0, end, probe) == dedupe._key(text[:end]).startswith(probe)


def test_kept_position_is_the_kth_non_space_character() -> None:
    text = " 一 二\n\n三\u3000四 五 "
    kept = [i for i, ch in enumerate(text) if not ch.isspace()]
    assert [dedupe._kept_position(text, k) for k in range(len(kept))] == kept


def test_script_differences_count_as_zip_does() -> None:
    for a, b in [("", ""), ("發展經濟" * 100, "发展经济" * 100), ("abc" * 300, "abd" * 299), ("x" * 700, "x" * 699 + "y")]:
        assert chars._differences(a, b) == sum(1 for x, y in zip(a, b, strict=False) if x != y)


def test_spam_cores_are_held_by_every_case_insensitive_match() -> None:
    assert web._SPAM_CORE is not None
    for word in web.SPAM_WORDS:
        for variant in (word, word.upper(), word.lower()):
            assert re.fullmatch(web._SPAM, variant) and web._SPAM_CORE.search(variant)


def _random_lines(alphabet: str | list[str], seed: int, count: int = 3000, longest: int = 12) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, longest))) for _ in range(count)]


def test_ends_sentence_reads_the_terminal_pattern_from_the_end() -> None:
    for line in _random_lines("。！？!?；;：:…”’」』）)】a中 \u3000", seed=1):
        assert layout.ends_sentence(line) == bool(layout._TERMINAL_END.search(line)), line


def test_content_lines_width_is_the_width_of_the_shown_line() -> None:
    # ASCII, CJK, ambiguous (“ — é ·), narrow non-ASCII (ｱ half-width katakana, ₩) and full-width signs
    for alphabet in ["ab1 。中“”—…·\u3000", "ab1 中ｱ₩é\u3000\t", "中文，。１２％"]:
        text = "\n".join(_random_lines(alphabet, seed=2, count=400, longest=40))
        lines = layout._content_lines(text)
        shown = [ln.rstrip() for ln in text.split("\n") if ln.strip()]
        assert [ln.width for ln in lines] == [layout.width(s) for s in shown]


def test_dateline_lines_are_found_through_the_gate() -> None:
    pieces = ["2020年", "2020 年", "5月", "5 月", "12月", "8日", "8 日", "在", " ", "\u3000", "上", "会议", "日在", "2020年5月8日在", "2020年5月8日", "年 5月8日 在"]
    text = "\n".join(_random_lines(pieces, seed=3, count=3000, longest=8))
    lines = layout._content_lines(text)
    want = {i for i, ln in enumerate(lines) if layout._DATELINE.search(ln.text)}
    assert want and layout._lines_searched(layout._DATELINE, text, lines, layout._DATELINE_GATE) == want


def test_every_link_holds_a_link_gate() -> None:
    pieces = ["http", "HTTPS", "://", "www", "WwW", ".", "gov", "COM", "cn", ".Cn", "net", "Org", "/", "x", "中", " ", "6.5", "ſ", "K"]
    lines = _random_lines(pieces, seed=4, count=5000, longest=8)
    linked = [ln for ln in lines if furniture._URL.search(ln)]
    assert len(linked) > 500
    assert all(any(g.search(ln) for g in furniture._URL_GATES) for ln in linked)


def test_every_credit_rule_starts_with_a_credit_word() -> None:
    rules = furniture._CHROME_ANYWHERE.split("|")
    assert len(rules) == len(furniture._CREDITS)
    assert all(rule.startswith(word) for rule, word in zip(rules, furniture._CREDITS, strict=True))


def _lead_lines_plain(text: str) -> list[tuple[int, int]]:
    """drop_lead_passages's choice, by its definition: every line's key compared in full."""
    spans = [(s, e) for s, e in furniture.line_spans(text) if text[s:e].strip()][: dedupe._LEAD_LINES + 1]
    drop = []
    for k, (s, e) in enumerate(spans[:-1]):
        lead = dedupe._key(dedupe._ELLIPSIS.sub("", text[s:e]))
        if len(lead) < dedupe._LEAD_MIN:
            continue
        probe = lead[: len(lead) - dedupe._LEAD_SLACK] if dedupe._ELLIPSIS.search(text[s:e]) else lead
        follow = spans[k + 1][0]
        if dedupe._key(text[follow : min(len(text), follow + 3 * (e - s) + 200)]).startswith(probe):
            drop.append((s, e))
    return drop


def test_lead_passages_found_as_their_definition_finds_them() -> None:
    rnd = random.Random(5)
    body = "我代表区人民政府，向大会报告政府工作，请予审议。过去一年，全区生产总值增长6.5%，完成目标。"
    found = 0
    for _ in range(400):
        cut = rnd.randint(10, len(body))
        lead = body[:cut] + rnd.choice(["", "……", "...", "。。。", " "])
        lines = [rnd.choice(["标题", "", "  ", "（一）" + body[5:40]]), lead, rnd.choice(["", " ", "\u3000"]) + body,
                 rnd.choice([body[3:], "其他内容"])]
        text = "\n".join(rnd.sample(lines, k=len(lines)) if rnd.random() < 0.3 else lines)
        want = _lead_lines_plain(text)
        found += bool(want)
        got, n = dedupe.drop_lead_passages(Tracked.identity(text))
        assert n == len(want) and got.text == Tracked.identity(text).delete(want).text
    assert found > 100


def test_character_gates_are_held_by_every_match() -> None:
    # (pattern, the characters its every match holds), as chars.py gates them
    gated = [
        (chars._NEWLINES, chars._NEWLINE_CHARS), (chars._INVISIBLE, chars._INVISIBLE_CHARS), (chars._NBSP, chars._NBSP_CHARS),
        (chars._HTML_COMMENT, "--"), (chars._BLOCK_TAG, "<"), (chars._INLINE_TAG, "<"), (chars._ENTITY, "&"),
        (chars._MD_HEADING, "#"), (chars._MD_RULE, "-*_"), (chars._MD_QUOTE, ">"), (chars._MD_BOLD, ["**", "__"]),
    ]
    pieces = ["\r\n", "\r", "\f", "\v", "\u2028", "\u2029", "\x85", "\u200b", "\u200d", "\ufeff", "\u00ad", "<U+00A0>", "\u00a0",
              "\u202f", "\t", "<!--", "-->", "<p>", "</span>", "<br/>", "&nbsp;", "&#20013;", "&amp;", "#", "## ", "---", "- - -",
              "***", "__", "**", "> ", ">", "\n", " ", "\u3000", "中", "a", "-", "*", "_"]
    text = "".join(_random_lines(pieces, seed=6, count=1, longest=20000)[0])
    for pattern, gate in gated:
        found = [m.group() for m in pattern.finditer(text)]
        assert found and all(any(g in s for g in gate) for s in found), pattern.pattern


def test_line_start_patterns_tried_only_where_they_can_match() -> None:
    pieces = ["#", "## ", "---", "- - -", "***", "__", "> ", ">", "\n", " ", "\t", "\u3000", "中", "a", "-", "*", "_"]
    for seed in range(5):
        text = "".join(_random_lines(pieces, seed=seed, count=1, longest=5000)[0])
        for pattern, gate in [(chars._MD_HEADING, "#"), (chars._MD_RULE, "-*_"), (chars._MD_QUOTE, ">")]:
            assert [m.span() for m in chars._line_matches(pattern, text, gate)] == [m.span() for m in pattern.finditer(text)]


def test_str_split_removes_exactly_what_regex_whitespace_matches() -> None:
    # collapse_repeats squeezes the text with "".join(text.split()) for re.sub(r"\s+", "", text)
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert "".join(every.split()) == re.sub(r"\s+", "", every)


def test_cjk_count_is_the_length_of_the_script_sample() -> None:
    pieces = ["中", "文", "發", "aZ", "\x00", "\x7f", "\u3400", "\u9fff", "\ua000", "\uf900", "\ufaff", "\ufb00", "\u33ff", "，", "a", "1", "𠀀", "\ud800", "😀", "\n"]
    for text in _random_lines(pieces, seed=7, count=200, longest=300):
        assert cjk_count(text) == len(chars._NON_CJK.sub("", text))
        assert latin_letter_count(text) == len(re.findall("[A-Za-z]", text))


def test_witness_table_is_made_from_the_installed_dictionaries() -> None:
    # After an OpenCC release with other dictionaries the table is not used (every text is converted, as
    # before it existed: right, only slower; the test below checks that path), so that is a skip saying what
    # to run, not a red CI for a correct build. With the dictionaries it was made from, it must be theirs.
    if chars._witnesses() is None:
        pytest.skip("OpenCC's t2s dictionaries changed: run tools/t2s_witnesses.py to make script detection fast again")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
    import t2s_witnesses

    assert "\n".join(t2s_witnesses.table()) + "\n" == t2s_witnesses.OUT.read_text(encoding="utf-8")


def test_script_without_converting_is_the_script_converting_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    import opencc

    body = (Path(__file__).resolve().parent.parent / "src" / "duixian" / "data" / "sample_report.txt").read_text(encoding="utf-8")
    trad = opencc.OpenCC("s2t").convert(body)
    rnd = random.Random(8)
    texts = ["", "abc 123", body, trad, body[:300] + "ａｂ\uf900" + body[300:600]]
    # around the limit: a simplified text with a growing number of traditional characters spliced in
    for k in [*range(0, 12), *range(20, 400, 25)]:
        cut = list(body[:2000])
        for i in rnd.sample(range(len(cut)), k):
            cut[i] = trad[i]
        texts.append("".join(cut))
    fast = [chars.detect_script(t) for t in texts]
    monkeypatch.setattr(chars, "_witnesses", lambda: None)
    assert fast == [chars.detect_script(t) for t in texts]
    assert "traditional" in fast and "simplified" in fast


def _inline_edits_per_line(text: str) -> list[int]:
    """split_inline_headings's breaks by its definition: each line scanned on its own."""
    at, last = [], {"ch": 0, "sub": 0}
    for s, e in furniture.line_spans(text):
        if m0 := layout._LINE_HEAD.match(text, s, e):
            layout._advance(last, m0)
        for m in layout._INLINE_HEAD.finditer(text, s, e):
            if (m.group("ch") is None and m.group("sub") is None) or layout._advance(last, m):
                at.append(m.start("at"))
    return at


def test_inline_headings_found_in_one_scan_as_line_by_line() -> None:
    pieces = ["。", "！", "”", " ", "\u3000", "一、", "二、", "三、", "十一、", "（一）", "（二）", "(三)", "各位代表：", "一、二、", "\n", "发展", "，"]
    for seed in range(6):
        text = "".join(_random_lines(pieces, seed=seed, count=1, longest=4000)[0])
        want = _inline_edits_per_line(text)
        assert want
        got = layout.split_inline_headings(Tracked.identity(text))
        assert got.text == Tracked.identity(text).apply([Edit(a, a, "\n") for a in want]).text


def test_control_count_is_what_the_control_pattern_finds() -> None:
    decode = importlib.import_module("duixian.ingest.decode")  # the module: the package exports its function
    every_ascii = "".join(map(chr, range(128)))
    for text in [every_ascii, *_random_lines([every_ascii[:40], "中", "\ud800", "é", "\x7f\x00"], seed=9, count=100, longest=50)]:
        assert ascii_count(text, decode._CONTROL_BYTES) == len(decode._CONTROL.findall(text))


def test_characters_outside_the_width_lookup_are_ascii_or_two_columns() -> None:
    # _content_lines takes a line's width as 2·len − ASCII when the text has no _OTHER character
    known = [chr(c) for c in range(0x80, 0x110000) if not layout._OTHER.match(chr(c))]
    assert known and all(unicodedata.east_asian_width(c) in "WFA" for c in known)


def test_injected_words_are_found_around_the_spam_cores() -> None:
    assert set(web.SPAM_INJECTED) <= set(web._SPAM_CORES)  # what _holds_injected_word relies on
    pieces = [*web.SPAM_INJECTED, "真人娱乐", "六合", "彩票网", "时时", "在线", "中文", "，", "a"]
    for text in _random_lines(pieces, seed=10, count=3000, longest=6):
        cores = list(web._SPAM_CORE.finditer(text)) if web._SPAM_CORE else None
        assert web._holds_injected_word(text, cores) == any(w in text for w in web.SPAM_INJECTED), text


def test_page_runs_are_found_whether_or_not_the_gate_looks_first(monkeypatch: pytest.MonkeyPatch) -> None:
    piece = "我们坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局，着力推动高质量发展" * 4
    rnd = random.Random(11)
    texts, indents = [], ["", " ", "\u3000"]
    for _ in range(300):
        lines = [f"{rnd.choice(indents)}{k}、{piece[: rnd.randint(120, len(piece))]}{rnd.choice(['', '。'])}"
                 for k in range(rnd.choice([0, 1, 2]), rnd.randint(2, 6))]
        lines.insert(rnd.randint(0, len(lines)), rnd.choice(["2021、2022年", "标题", "", "11、" + piece]))
        texts.append("\n".join(lines))
    gated = [layout.drop_page_chunk_numbers(Tracked.identity(t)).text for t in texts]
    monkeypatch.setattr(layout, "_numbered_one", lambda text: True)
    plain = [layout.drop_page_chunk_numbers(Tracked.identity(t)).text for t in texts]
    assert gated == plain and sum(g != t for g, t in zip(gated, texts, strict=True)) > 50


def test_fold_width_after_the_script_scan_folds_what_it_folds_alone() -> None:
    body = (Path(__file__).resolve().parent.parent / "src" / "duixian" / "data" / "sample_report.txt").read_text(encoding="utf-8")
    for text in [body, body.replace("5", "５", 3), body + "％", "ＧＤＰ增长", "中文" * 10, body.replace("发", "發")]:
        alone = chars.fold_width(Tracked.identity(text)).text
        chars._SCANNED[0] = (None, True)
        chars.detect_script(text)
        assert chars.fold_width(Tracked.identity(text)).text == alone
        assert chars._SCANNED[0][0] is not text or chars._SCANNED[0][1] == bool(chars._WIDE.search(text))
