// Open the collapsed article that holds a linked sentence, then scroll to it.
function openTarget() {
  var id = decodeURIComponent(location.hash.slice(1));
  var target = id && document.getElementById(id);
  if (!target) return;
  for (var node = target; node; node = node.parentElement) {
    if (node.tagName === "DETAILS") node.open = true;
  }
  target.scrollIntoView({block: "center"});
}
window.addEventListener("hashchange", openTarget);
window.addEventListener("DOMContentLoaded", openTarget);

// Sort a table by any column: click (or Enter on) its header. Without scripts the table reads
// as it was written; sorting moves rows, never changes a cell.
function sortKey(cell) {
  // The cell's figure (its first number, before any interval or evidence link), else its text.
  var text = cell ? cell.textContent.trim() : "";
  var match = text.replace(/,/g, "").match(/^\+?(-?\d+(\.\d+)?)/);
  return match ? parseFloat(match[1]) : text.toLowerCase();
}
function compareKeys(x, y) {
  var xNumber = typeof x === "number", yNumber = typeof y === "number";
  if (xNumber && yNumber) return x - y;
  if (xNumber !== yNumber) return xNumber ? -1 : 1;  // figures before n/a and words
  return x.localeCompare(y);
}
function makeSortable(table) {
  var head = table.tHead, body = table.tBodies[0];
  if (!head || !body || body.rows.length < 2) return;
  var headers = head.rows[0].cells;
  Array.prototype.forEach.call(headers, function (th, column) {
    th.tabIndex = 0;
    th.classList.add("sortable");
    th.title = "Sort by this column";
    function sort() {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var order = compareKeys(sortKey(a.cells[column]), sortKey(b.cells[column]));
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    }
    th.addEventListener("click", sort);
    th.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(); }
    });
  });
}
window.addEventListener("DOMContentLoaded", function () {
  Array.prototype.forEach.call(document.querySelectorAll("table"), makeSortable);
});
