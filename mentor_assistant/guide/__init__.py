"""The guide: the Markdown pages and the files programme owners edit, read and checked.

Offers `content` (pages, front matter, headings, URLs), `config` (the parts of mkdocs.yml
the library needs), `sessions` (session templates), `contacts`, `aliases`,
`section_questions` and `exemplars` (the editable lists beside the pages), `checks` (every
problem with its file, line and fix), and `site` with its MkDocs hooks and Markdown
extension (the static site build). It imports only `safety` and the shared modules.
"""
