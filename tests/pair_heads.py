"""The opening of a county plan report and of the next year's review, for tests that append one
plan sentence and one review sentence and rate the pair (track tests share them)."""

HEAD_PLAN = """政府工作报告
——2021年1月20日在示例县第五届人民代表大会第五次会议上
各位代表：
一、2020年工作回顾
全年地区生产总值增长4.1%。
二、2021年工作安排
"""
HEAD_REVIEW = """政府工作报告
——2022年1月18日在示例县第五届人民代表大会第六次会议上
各位代表：
一、2021年工作回顾
全年地区生产总值增长6.5%。
"""
