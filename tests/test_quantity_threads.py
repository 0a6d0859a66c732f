"""The per-document quantity memo is per thread (the web app reads uploads in a thread pool): a text read in
one thread never replaces, nor answers for, the text another thread is reading. The race it prevents is too
narrow to hit reliably from a test, so the test checks the memo's isolation directly."""

from __future__ import annotations

import threading

from duixian.extract import quantity
from duixian.extract.quantity import find_quantities


def test_a_text_read_in_another_thread_leaves_this_threads_memo_alone() -> None:
    mine = "增长7%，完成317.2亿元。" * 50
    theirs = "新建学校5所，道路12公里。" * 50
    before = [(q.value, q.unit) for q in find_quantities(mine, 0, 30)]
    seen_there: list[object] = []

    def other() -> None:
        seen_there.append([(q.value, q.unit) for q in find_quantities(theirs, 0, 30)])
        seen_there.append(quantity._MEMO.text is theirs)

    th = threading.Thread(target=other)
    th.start()
    th.join()
    assert quantity._MEMO.text is mine  # still this thread's document
    assert (0, 30) in quantity._MEMO.seen and [(q.value, q.unit) for q in find_quantities(mine, 0, 30)] == before
    assert seen_there == [[(5, "所"), (12, "公里"), (5, "所"), (12, "公里")], True]
