/* The search index of the rulebook (built with the site; a browser opening files from disk cannot fetch JSON). */
window.RULEBOOK_INDEX = {{ entries | tojson }};
