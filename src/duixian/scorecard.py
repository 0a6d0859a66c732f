"""成绩单: a duixian.track/1 object rendered as Markdown or as one self-contained HTML file."""

from __future__ import annotations

from typing import Any

from duixian import __version__
from duixian.templating import KIND_ZH, env
from duixian.track.model import STATUSES, ZH


def _cell(text: str | None) -> str:
    # a table cell cannot hold a pipe or a line break; angle brackets would be read as HTML by renderers
    s = (text or "").replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")
    return s.replace("<", "&lt;").replace(">", "&gt;")


def _title(card: dict[str, Any]) -> str:
    p = card["plan"]
    return f"成绩单：{p.get('region_full') or p.get('region') or '未知地区'} {p.get('report_year') or ''} 年"


def summary_line(card: dict[str, Any]) -> str | None:
    """共评定 N 项（目标 T 项，承诺 P 项）…；规则：… — None for a card written before cards had a summary."""
    s = card.get("summary")
    if not s:
        return None
    return (f"共评定 {s['items']} 项（目标 {s['targets']} 项，承诺 {s['pledges']} 项），其中 {s['with_evidence']} 项找到证据；"
            f"规则：{s['rules']['text']}。")


def _name(report: dict[str, Any]) -> str:
    """A report as people name it (its title, else region, year and type), never the local file it was read
    from: the same words as the HTML 成绩单 (templates/_zh.html)."""
    # the macro's output is escaped HTML; Markdown wants the plain words (_cell makes them safe)
    name = env().get_template("_zh.html").module.name(report).unescape()  # type: ignore[attr-defined]
    where = " ".join(str(x) for x in (report.get("region_full") or report.get("region"),
                                      f"{report['report_year']} 年" if report.get("report_year") else None) if x)
    return f"{name}（{where}）" if report.get("title") and where else name


def _warning(code: str | None, text: str, plan: dict[str, Any], review: dict[str, Any]) -> str:
    """A pair warning in Chinese, worded from its code as the HTML 成绩单 words it (templates/_zh.html); a card
    saved before warnings had codes keeps its English text."""
    macro = env().get_template("_zh.html").module.pair_warning  # type: ignore[attr-defined]
    return str(macro(code, text, plan, review).unescape())


def render_markdown(card: dict[str, Any]) -> str:
    p, r = card["plan"], card["review"]
    lines = [f"# {_title(card)}", "",
             f"- 计划：{_cell(_name(p))}",
             f"- 核验：{_cell(_name(r))}",
             "- " + "，".join(f"{ZH[s]} {card['counts'][s]}" for s in STATUSES if card["counts"].get(s))]
    line = summary_line(card)
    if line:
        lines.append(f"- {_cell(line)}")
    codes = card.get("warning_codes") or []
    lines += [f"- 注意：{_cell(_warning(codes[i] if i < len(codes) else None, w, p, r))}"
              for i, w in enumerate(card.get("warnings", []))]
    lines += ["",
             "| # | 类别 | 状态 | 计划原文 | 证据原文 | 理由 | 置信度 |", "|---|---|---|---|---|---|---|"]
    for i, it in enumerate(card["items"], 1):
        ev = "<br>".join(("（间接）" if not e.get("direct", True) else "") + _cell(e["quote"]) for e in it["evidence"]) or "—"
        kind = KIND_ZH.get(it["kind"], it["kind"]) + (f"·{it['category']}" if it.get("category") else "")
        why = it["reason"] + (f"（存疑：{'；'.join(it['doubts_zh'])}）" if it.get("doubts_zh") else "")
        lines.append(f"| {i} | {kind} | {ZH[it['status']]} | {_cell(it['quote'])} | {ev} | {_cell(why)} "
                     f"| {it['confidence']:.2f} |")
    lines += ["", f"由 duixian {__version__} 生成。"]
    return "\n".join(lines) + "\n"


def render_html(card: dict[str, Any]) -> str:
    return env().get_template("scorecard.html").render(card=card, version=__version__)
