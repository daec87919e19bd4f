"""The agenda's own lines, in the words of whoever prepares it (the mentor or the mentee).

The session templates carry both voices for their items; these are the lines the
agenda adds itself: the safeguarding step, the review of open actions, goals and
the preparation for a focus.
"""

from __future__ import annotations

SAFETY_TITLE = "Safety first: contact your safeguarding lead"
SAFETY_VOICES = {
    "mentor": ("What you have heard may mean someone is at risk. It comes before everything "
               "else on this agenda, and you do not have to handle it alone.",
               "Contact your safeguarding lead today, before the session if you can, and "
               "say what you heard in the mentee's own words.",
               "If anyone is in immediate danger, call emergency services first: 112 in the "
               "EU, 999 in the UK, 911 in the US and Canada.",
               "In the session, ask calmly how they are and whether they are safe right now, "
               "and tell them who you are involving and why."),
    "mentee": ("What you described matters, and it comes before everything else on this "
               "agenda. You do not have to handle it alone.",
               "Contact your safeguarding lead today; the guide lists who to contact.",
               "If you or someone else is in immediate danger, call emergency services first: "
               "112 in the EU, 999 in the UK, 911 in the US and Canada.",
               "Tell your mentor at the start of the session, and ask for the help you need "
               "now."),
}
SAFETY_STEP = {
    "mentor": "Contact your safeguarding lead today, and read “Who to contact” in When to "
              "escalate (listed under Read before).",
    "mentee": "Contact your safeguarding lead today, or anyone listed in “Who to contact” in "
              "When to escalate (listed under Read before).",
}
UNSURE_STEP = {  # a focus the safety check flagged on closeness alone, near its threshold
    "mentor": "If anything in this focus is about someone's safety, contact your safeguarding "
              "lead today: “Who to contact” in When to escalate (listed under Read before) says "
              "how.",
    "mentee": "If anything in this focus is about your safety or someone else's, contact your "
              "safeguarding lead today, or anyone listed in “Who to contact” in When to "
              "escalate (listed under Read before).",
}
FOCUS_STEP = {
    "mentor": "Note one open question you could ask about it, rather than advice to give.",
    "mentee": "Write two or three sentences on what you want help with, to share at the start.",
}
REVIEW_PURPOSE = {
    "mentor": "Go through what was agreed last time before anything new.",
    "mentee": "Report on what you agreed last time before anything new.",
}
REVIEW_CLOSE = {
    "mentor": "What will you carry forward, and what will you drop?",
    "mentee": "Say what you will carry forward and what you will drop.",
}
ACTION_PROMPT = {
    "mentor": "How did “{action}” go? What helped or got in the way?",
    "mentee": "Tell your mentor how “{action}” went: what helped and what got in the way.",
}
ACTIONS_PROMPT = {
    "mentor": "Last time you agreed to do these: {listed}. How did each one go?",
    "mentee": "Tell your mentor how the last actions went: {listed}.",
}
GOAL_PROMPT = {
    "mentor": "Where are you now on “{goal}”?",
    "mentee": "Say where you are now on “{goal}”, with one example.",
}
AGENDA_TITLE = "{session} ({minutes} minutes), prepared by the {role}"
REVIEW_TITLE = "Review last session's actions"
READ_STEP = "Read “{heading}” in {title} (listed under Read before) with your focus in mind."
UPDATE_STEP = "Bring an honest update on each open action from last time."
FOCUS_TITLE = "Focus: {focus}"
FOCUS_NOTED = "{purpose} Note {quoted} for goal setting rather than solving it today."
NOTE_PROMPT = {
    "mentor": "Is there something you already know you want to work on? Let us note it now "
              "and work on it properly when we set goals.",
    "mentee": "Mention {quoted} so your mentor knows; what you want to work on becomes a goal "
              "next time.",
}
FOCUS_WORK = {
    "mentor": "Work on what you raised, {quoted}{advice}.",
    "mentee": "Work through {quoted} with your mentor{advice}, so you leave with more clarity "
              "and options of your own.",
}
FOCUS_ADVICE = ", with the guide's advice on {heading} ({title})"
FOCUS_INCLUDED = "{purpose} This time, bring in {quoted}."
