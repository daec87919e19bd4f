"""Safety: recognise a question that touches on someone's safety, however it is worded.

Offers `detector.SafetyDetector` (a text against labelled exemplars), `safety_cues` (slang
and typos spelled out, risk phrases spotted) and `safety_eval` (the labelled sets, and how
well the check does on them). It knows no pages: the guide hands it its exemplars file.
"""
