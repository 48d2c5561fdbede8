"""The page: static HTML, JS and CSS in ``static/``, served by ``storyline.api.app``.

Plain JavaScript and SVG, no external libraries and no CDN: a timeline of events
coloured by status, filters, an event panel with the lifecycle and the evidence
marked in the article text, a monthly chart and search. It only calls the JSON
API, and puts article data into the DOM as text (``textContent``, text nodes and
``<mark>`` elements), never as HTML.
"""
