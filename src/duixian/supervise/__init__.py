"""督查: a report's plan part as a task table, its owners, monthly progress, 通报 and the year-end check."""
