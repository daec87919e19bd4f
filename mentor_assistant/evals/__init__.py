"""Evaluation: measure retrieval, answers and agendas on questions in people's own words.

Offers `evaluation` (the golden set: recall, MRR, flags), `answer_eval` (does the quoted
passage answer; tuned and held-out sets) and `agenda_review` (agenda requests judged the
way a pair would). It sits above the web side because it sends requests in its shapes.
"""
