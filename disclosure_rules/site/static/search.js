/* Search over window.RULEBOOK_INDEX: the pages read fully without this. */
(function () {
  var box = document.getElementById("search"), q = document.getElementById("q"), hits = document.getElementById("hits");
  if (!box || !window.RULEBOOK_INDEX) return;
  box.hidden = false;
  q.addEventListener("input", function () {
    var words = q.value.toLowerCase().split(/\s+/).filter(Boolean);
    hits.textContent = "";
    if (!words.length) return;
    var found = window.RULEBOOK_INDEX.filter(function (e) {
      var t = e.text.toLowerCase();
      return words.every(function (w) { return t.indexOf(w) >= 0; });
    }).slice(0, 30);
    if (!found.length) { var li = document.createElement("li"); li.textContent = hits.dataset.none; hits.appendChild(li); }
    found.forEach(function (e) {
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = e.url; a.textContent = e.title; li.appendChild(a);
      var s = document.createElement("small"); s.textContent = " " + e.where; li.appendChild(s);
      hits.appendChild(li);
    });
  });
})();
