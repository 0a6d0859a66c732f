"""Which clean lines are headings, at what rank of the numbering ladder, and their titles.

Ranks follow the genre's ladder: an unnumbered major part (名词解释, 回眸2022年…) 0,
一、 1, （一） 2, a list intro (办好十件民生实事：) 2.5, 1. 3, （1） 4, a lead-in (**…。** or ——…。) 5.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The list numbers of the ladder, also stripped from the front of a pledge (extract/pledges.py).
CN_DOT = r"[一二三四五六七八九十]{1,3}[、.．]"  # 一、
CN_BRACKET = r"[（(][一二三四五六七八九十]{1,3}[）)]"  # （一）
NUM_DOT = r"\d{1,2}[.．、](?!\d)"  # 1.  (not 1.5)
NUM_BRACKET = r"[（(]\d{1,2}[）)]"  # （1）

_LADDER = (
    (1.0, re.compile(rf"^({CN_DOT})")),
    (2.0, re.compile(rf"^({CN_BRACKET})")),
    (3.0, re.compile(rf"^({NUM_DOT})")),
    (4.0, re.compile(rf"^({NUM_BRACKET}|[①-⑳])")),
    (2.0, re.compile(r"^(第[一二三四五六七八九十]{1,3}(?:部分|章|篇))")),
)
# Any rung of the ladder: a line none of them opens is not tried rung by rung (most lines are running text).
_ANY_RUNG = re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern in _LADDER))
MAJOR_WORDS = re.compile(
    r"回顾|回眸|展望|工作安排|重点工作|主要任务|预期目标|主要目标|总体要求|自身建设|名词解释|名词注释|注释|附件|工作任务"
    # the year's work named with its year (2004年主要工作及措施, 今年的主要工作): 主要工作 alone also heads
    # a review (一年来的主要工作)
    r"|(?:今年|\d{4}年)(?:的)?主要工作"
)
_LIST_INTRO = re.compile(r"(?:办好|实施|推进|完成)?[一二三四五六七八九十\d]{1,3}(?:件|项)(?:重点)?(?:民生实事|实事|惠民实事|民生工程)[：:。]?$")
_BYLINE = re.compile(r"记者|通讯员|摄影?$|文/图|^□")
# Lines of the title block and of news framing are never headings, whatever words they carry: the
# salutation (各位代表：), the dateline (——2020年1月8日在…会议上), the speaker line, the title, a wire
# dateline (新华社北京3月5日电), a byline.
_NOT_HEADING = re.compile(
    r"^(?:各位代表|各位委员|同志们|女士们)[：:，,！!]?$|会议上$|人民代表大会|政府工作报告|^[—－-]{1,2}\s*\d{4}年|电$|"
    r"(?:总理|省长|市长|区长|县长|州长|旗长|主席)\s*[\u4e00-\u9fff·]{2,5}$"
)
_SENTENCE_PUNCT = re.compile(r"[，。；！？,;]")
# A part's title names the part (主要预期目标, 展望2023年); a line that states a figure is a news headline
# (重庆2023年预期目标GDP增长6%以上), not a heading over the article below it.
_STATES_A_FIGURE = re.compile(r"\d\s*[%％‰]|(?:增长|增速|达到|突破)\s*\d")
_TITLE_END = re.compile(r"[。！？；：:]")
_LEAD_DASH = re.compile(r"^(——|—)([^。！？\n]{2,40}?[。！？])")


@dataclass(frozen=True)
class Heading:
    rank: float
    number: str | None
    title: str
    start: int  # line start
    title_end: int  # end of the heading text within the line
    line_end: int


def classify(line: str, start: int, *, bold: tuple[int, int] | None = None) -> Heading | None:
    """The heading this line starts with, if any."""
    end = start + len(line)
    for rank, pattern in _LADDER if _ANY_RUNG.match(line) else ():
        m = pattern.match(line)
        if m:
            number = m.group(1)
            rest = line[m.end() :]
            title_len = _title_length(rest)
            if title_len > _TITLE_MAX or _NOT_HEADING.search(rest[:title_len].rstrip("。！？；：:")):
                return None  # a page-chunk number before running text, or the title block after a list number
            return Heading(rank, number, rest[:title_len].rstrip("。！？；：:"), start, start + m.end() + title_len, end)
    if len(line) <= 30 and _LIST_INTRO.search(line):  # the length first: a paragraph is not scanned
        return Heading(2.5, None, line.rstrip("：:。"), start, end, end)
    if (_is_short_title(line) and MAJOR_WORDS.search(line) and not _NOT_HEADING.search(line) and not _BYLINE.search(line)
            and not _STATES_A_FIGURE.search(line)):
        return Heading(0.0, None, line, start, end, end)
    if bold is not None and bold[0] == start and bold[1] - start <= 40:
        return Heading(5.0, None, line[: bold[1] - start].rstrip("。！？；：:"), start, bold[1], end)
    m = _LEAD_DASH.match(line) if line.startswith("—") else None
    if m:
        title = m.group(2).rstrip("。！？")
        return Heading(5.0, None, title, start, start + m.end(), end)
    return None


# A heading's title, up to its first stop, is a phrase; running text that far without a stop is a paragraph.
_TITLE_MAX = 80


def _title_length(rest: str) -> int:
    """A numbered heading's title ends at the first full stop, or is the whole (short) line."""
    m = _TITLE_END.search(rest)
    if m:
        return m.end()
    return len(rest)


def _is_short_title(line: str) -> bool:
    return 2 <= len(line) <= 30 and not _SENTENCE_PUNCT.search(line)
