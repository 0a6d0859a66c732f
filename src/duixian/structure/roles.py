"""Section roles from heading titles; children inherit their parent's role unless they name their own."""

from __future__ import annotations

import re

ROLES = (
    "preamble", "review", "problems", "requirements", "targets", "tasks",
    "livelihood", "self_building", "glossary", "closing", "other",
)

# Checked in order; the first that matches the title wins.
_BY_TITLE: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("glossary", re.compile(r"名词解释|名词注释|^注释$|^注解$")),
    ("livelihood", re.compile(r"民生实事|件实事|惠民实事|民生工程")),
    ("self_building", re.compile(r"政府(?:自身|自身能力)?建设|自身建设|政府建设")),
    ("problems", re.compile(r"^(?:存在的)?(?:困难|问题|不足)|(?:困难和问题|问题和不足|困难和挑战|不足和问题)$")),
    ("review", re.compile(r"回顾|回眸|过去(?:的)?一年|以来工作|主要成绩|工作成绩")),
    ("requirements", re.compile(r"总体要求|指导思想|总体思路|基本思路")),
    # 主要目标和重点工作 heads the year's work: its targets are found by their own sentence (目标是：)
    ("targets", re.compile(r"(?:预期目标|主要目标(?!任务))(?!.*(?:工作|任务))")),
    ("tasks", re.compile(r"工作安排|重点工作|主要工作|主要任务|重点任务|目标任务|工作任务|展望|今年(?:政府)?工作|工作(?:的)?建议|\d{4}年(?:的)?工作")),
    ("closing", re.compile(r"^各位代表")),
)
# Roles a child may take over from its parent (a tasks section holds a livelihood list).
_OVERRIDES = {"livelihood", "self_building", "glossary", "problems", "targets", "closing"}
# Roles that only a part of the plan gives its sections: under a review chapter, a title's words for them name
# what the year did.
_PLAN_ONLY = {"livelihood", "self_building", "targets"}


_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")


def _role_by_year(title: str, years: tuple[int | None, int | None]) -> str | None:
    """A title with no role word that names the plan year or the year under review (二、2009年工作总体部署)."""
    review, plan = years
    found = {int(y) for y in _YEAR.findall(title)}
    if (plan is not None and plan in found) or re.search(r"今年|明年", title):
        return "tasks"
    if (review is not None and review in found) or re.search(r"去年|过去", title):
        return "review"
    return None


# A chapter title with no role word still says what it holds by its form, as reports of the 1980s–2000s
# and many county reports title every chapter: a task in the imperative (三、加强农业基础地位，努力增加农民
# 收入; 以项目建设为抓手，…) or a result stated (一、国民经济持续快速健康发展; 取得重大成就). The form is
# only a candidate: structure/__init__.py keeps it when the chapter's own sentences agree.
_TASK_FORM = re.compile(
    r"^[“\"]?(?:加强|加快|加大|推进|推动|深化|扩大|实施|落实|促进|坚持|继续|努力|大力|进一步|切实|着力|全面|积极|稳步|"
    r"认真|做好|搞好|抓好|发展|提高|改善|完善|保持|实现|建设|巩固|培育|突出|优化|强化|坚定|深入|统筹|千方百计|转变|"
    r"从严|搞活|打好|打造|构建|提升|振兴|以.{2,14}为)"
)
_RESULT_FORM = re.compile(r"取得|成就|成绩|进展|迈出|新步伐|进步|显著|明显|达到|跨越|新台阶|新局面|稳步增长|持续增长|快速健康发展|较快发展")


def role_by_form(title: str) -> str | None:
    """The role a chapter title's form suggests (tasks or review), when it names none by its words."""
    if _TASK_FORM.search(title):
        return "tasks"
    if _RESULT_FORM.search(title):
        return "review"
    return None


def role_for(title: str, parent_role: str | None, years: tuple[int | None, int | None] = (None, None)) -> str:
    own = next((role for role, pat in _BY_TITLE if pat.search(title)), None)
    if own is None and parent_role in (None, "other", "preamble"):
        own = _role_by_year(title, years)
    if parent_role in (None, "other", "preamble"):
        return own or "other"
    if parent_role == "review" and own in _PLAN_ONLY:
        # a review chapter's sub-section on the year's 民生实事, its own government or a goal met (民心工程民生实事加力增效,
        # 政府自身建设取得新成效, 就业超过预期目标) tells what was done: it reviews, as its chapter does
        return parent_role
    if own in _OVERRIDES and own != parent_role:
        return own
    if parent_role == "targets" and own is None and not re.search(r"目标|指标", title):
        return "tasks"  # （一）着力扩大有效投资 under a targets heading is a task, not more targets
    return parent_role
