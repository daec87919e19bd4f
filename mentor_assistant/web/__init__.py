"""The web side: the JSON API beside the static site, and the static Ask and Plan pages.

Offers `server` (one Starlette app), `serving` (the serve command: site and index up to
date, then the server), `web_inputs` (request bodies checked), `openapi`, `ratelimit`, and
`static_bundle` with `static_index`, `static_safety`, `static_agenda` and `js_regex` (what
the published site needs to answer and plan in the browser, with no server).
"""
