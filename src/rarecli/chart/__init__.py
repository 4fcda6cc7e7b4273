"""`rarecli chart`: an indicator's series and its targets as a picture.

`content` gathers what a chart shows (no plotting library); `image` draws it with matplotlib
(PNG, SVG, PDF); `text` draws it for a terminal. Only `image` imports matplotlib, and only the
`chart` and `report` commands import `image`.
"""
