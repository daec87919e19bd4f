"""Agendas: a timed session agenda grounded in the guide, in the preparer's voice.

Offers `agenda.suggest_agenda` (offline, then personalised by a model when one is set up;
`agenda_llm` checks the reply), `agenda_types` (the request and agenda shapes),
`agenda_focus`, `agenda_words`, `goals` (a pair's goals and actions), `scaling`, and
`agenda_formats` (Markdown, JSON and iCalendar).
"""
