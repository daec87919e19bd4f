"""The API's OpenAPI description, served at /api/openapi.json."""

from __future__ import annotations

from typing import Any

_ERROR = {"type": "object", "properties": {"error": {"type": "string"}}, "required": ["error"]}
_SOURCE = {"type": "object", "properties": {
    "n": {"type": "integer"}, "title": {"type": "string"}, "heading": {"type": "string"},
    "url": {"type": "string"}, "path": {"type": "string"}, "score": {"type": "number"},
    "text": {"type": "string"}}}
_ANSWER = {"type": "object", "required": ["question", "mode", "answer", "flags", "sources"],
           "properties": {
               "question": {"type": "string"},
               "mode": {"type": "string", "enum": ["extractive", "llm"]},
               "answer": {"type": "string"},
               "flags": {"type": "array", "items": {"type": "string",
                                                    "enum": ["out_of_scope", "safety"]}},
               "sources": {"type": "array", "items": _SOURCE}}}
_SEARCH = {"type": "object", "required": ["query", "retriever", "results"], "properties": {
    "query": {"type": "string"}, "retriever": {"type": "string"},
    "results": {"type": "array", "items": {"type": "object", "properties": {
        "rank": {"type": "integer"}, "score": {"type": "number"}, "title": {"type": "string"},
        "heading": {"type": "string"}, "url": {"type": "string"}, "path": {"type": "string"},
        "text": {"type": "string"}}}}}}
_AGENDA_REQUEST = {"type": "object", "properties": {
    "type": {"type": "string", "enum": ["first", "goals", "checkin", "midpoint", "closing"]},
    "session": {"type": "integer", "minimum": 1}, "of": {"type": "integer", "minimum": 1},
    "minutes": {"type": "integer", "minimum": 15, "maximum": 240},
    "role": {"type": "string", "enum": ["mentor", "mentee"]},
    "focus": {"type": "string", "maxLength": 500},
    "context": {"type": "string", "enum": ["workplace", "entrepreneurship", "education"]},
    "goals": {"type": "array", "items": {"type": "string"}},
    "actions": {"type": "array", "items": {"oneOf": [
        {"type": "string"}, {"type": "object", "properties": {
            "text": {"type": "string"}, "done": {"type": "boolean"}}}]}}}}
_REF = {"type": "object", "properties": {"title": {"type": "string"}, "url": {"type": "string"}}}
_AGENDA = {"type": "object", "required": ["session_type", "minutes", "role", "title", "mode",
                                          "items", "preparation", "sources"],
           "properties": {
               "session_type": {"type": "string"}, "minutes": {"type": "integer"},
               "role": {"type": "string"}, "title": {"type": "string"},
               "mode": {"type": "string", "enum": ["template", "llm"]},
               "items": {"type": "array", "items": {"type": "object", "properties": {
                   "title": {"type": "string"}, "minutes": {"type": "integer"},
                   "purpose": {"type": "string"},
                   "prompts": {"type": "array", "items": {"type": "string"}},
                   "sources": {"type": "array", "items": _REF}}}},
               "preparation": {"type": "array", "items": {"type": "string"}},
               "sources": {"type": "array", "items": _SOURCE},
               "flags": {"type": "array", "items": {"type": "string", "enum": ["safety"]},
                         "description": "'safety' when the focus touches on someone's "
                                        "safety: the safeguarding step comes first."}}}


def _errors(*codes: int) -> dict[str, Any]:
    text = {400: "The body is not valid JSON.", 401: "A token is required and was not given.",
            413: "The body is larger than 16 KB.", 422: "A field is missing or has the wrong "
            "type or size.", 429: "Too many requests; see Retry-After.", 503: "No index yet."}
    return {str(code): {"description": text[code], "content": {
        "application/json": {"schema": _ERROR}}} for code in codes}


OPENAPI: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Mentoring guide assistant", "version": "1",
             "description": "Ask the mentoring guide, search it, and plan sessions. Answers "
                            "cite the guide's sections. Send 'Authorization: Bearer TOKEN' "
                            "when the server was started with a token."},
    "paths": {
        "/api/ask": {"post": {
            "summary": "Answer a question from the guide",
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "required": ["question"], "properties": {
                    "question": {"type": "string", "minLength": 1, "maxLength": 2000},
                    "audience": {"type": "string", "enum": ["mentor", "mentee",
                                                            "program_owner"]},
                    "history": {"type": "array", "maxItems": 10, "items": {
                        "type": "object", "properties": {"question": {"type": "string"},
                                                         "answer": {"type": "string"}}}}}}}}},
            "responses": {"200": {"description": "The answer. With 'Accept: text/event-stream'"
                                                 " it streams events meta, token, done, error.",
                                  "content": {"application/json": {"schema": _ANSWER},
                                              "text/event-stream": {"schema": {
                                                  "type": "string"}}}},
                          **_errors(400, 401, 413, 422, 429, 503)}}},
        "/api/search": {"get": {
            "summary": "The guide sections that best match a query",
            "parameters": [
                {"name": "q", "in": "query", "required": True, "schema": {"type": "string"}},
                {"name": "k", "in": "query", "schema": {"type": "integer", "minimum": 1,
                                                        "maximum": 50, "default": 5}},
                {"name": "retriever", "in": "query", "schema": {
                    "type": "string", "enum": ["hybrid", "dense", "lexical"]}},
                {"name": "audience", "in": "query", "schema": {
                    "type": "string", "enum": ["mentor", "mentee", "program_owner"]}}],
            "responses": {"200": {"description": "Ranked sections", "content": {
                "application/json": {"schema": _SEARCH}}}, **_errors(401, 422, 429, 503)}}},
        "/api/agenda": {"post": {
            "summary": "Suggest a timed session agenda",
            "requestBody": {"required": True, "content": {"application/json": {
                "schema": _AGENDA_REQUEST}}},
            "responses": {"200": {"description": "The agenda", "content": {
                "application/json": {"schema": _AGENDA}}},
                **_errors(400, 401, 413, 422, 429, 503)}}},
        "/api/agenda.ics": {"post": {
            "summary": "The suggested agenda as an iCalendar event",
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "allOf": [_AGENDA_REQUEST, {"type": "object", "required": ["start"],
                                            "properties": {"start": {
                                                "type": "string",
                                                "description": "YYYY-MM-DD HH:MM"},
                                                "tz": {"type": "string", "description":
                                                       "The start's time zone, e.g. "
                                                       "Europe/London (default: the "
                                                       "server's)."}}}]}}}},
            "responses": {"200": {"description": "An RFC 5545 calendar", "content": {
                "text/calendar": {"schema": {"type": "string"}}}},
                **_errors(400, 401, 413, 422, 429, 503)}}},
        "/api/health": {"get": {
            "summary": "Index state and answering mode",
            "responses": {"200": {"description": "Health", "content": {"application/json": {
                "schema": {"type": "object", "properties": {
                    "status": {"type": "string", "enum": ["ok", "degraded"]},
                    "problems": {"type": "array", "items": {"type": "string"},
                                 "description": "What to fix when degraded"},
                    "mode": {"type": "string", "enum": ["extractive", "llm"]},
                    "index": {"type": "object", "properties": {
                        "pages": {"type": "integer"}, "chunks": {"type": "integer"},
                        "stale": {"type": "boolean"}, "embedder": {"type": "string"},
                        "last_built": {"type": "string", "format": "date-time"}}}}}}}},
                **_errors(401, 429)}}},
    },
}
