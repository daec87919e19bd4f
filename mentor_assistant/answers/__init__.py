"""Answers: from a question to a cited answer, offline or written by a model.

Offers `assistant.Assistant` (loads the index once; `search`, `ask`), `retrieval`
(dense, lexical and hybrid), `asker` (who is asking), `passages` and `section_passages`
(the block of a section to quote whole), `answer` (composition and citations), `prompts`,
`model_answer` (reading a streamed reply), `conversation` (ask and chat), `render`
(Markdown and JSON) and `gaps` (the opt-in gap report).
"""
