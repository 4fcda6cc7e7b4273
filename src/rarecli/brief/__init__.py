"""`rarecli report`: a one-page brief of the dataset, as HTML or Markdown.

`content` gathers what the brief says (growth, targets, charts, notes, numbered citations);
`render` fills the Jinja2 templates in `templates/` (package data), autoescaped.
"""
