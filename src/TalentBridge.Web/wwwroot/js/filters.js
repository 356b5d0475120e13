// Filter forms (details.filter-panel) are folded on narrow screens unless a filter is set; on wide screens they open.
if (window.matchMedia("(min-width: 641px)").matches) {
  for (const panel of document.querySelectorAll("details.filter-panel")) {
    panel.open = true;
  }
}
