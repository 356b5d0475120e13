// Evidence rows of /me/expert: show only the fields of each row's kind, add and remove rows. Without this script the
// form shows every field of a fixed number of rows, and the server reads only the fields of each row's kind.
(function () {
  'use strict';
  var rows = document.querySelector('fieldset.sp-rows');
  if (!rows) { return; }
  var max = parseInt(rows.getAttribute('data-max') || '20', 10);

  function showFields(row) {
    var select = row.querySelector('select.sp-kind');
    var option = select.options[select.selectedIndex];
    var fields = ((option && option.getAttribute('data-fields')) || '').split(' ');
    row.querySelectorAll('[data-field]').forEach(function (field) {
      field.hidden = fields.indexOf(field.getAttribute('data-field')) < 0;
    });
  }

  function renumber() {
    rows.querySelectorAll('fieldset.sp-row').forEach(function (row, i) {
      row.querySelectorAll('[id^="Evidence["], [name^="Evidence["], label[for^="Evidence["]').forEach(function (el) {
        ['id', 'name', 'for'].forEach(function (attr) {
          var value = el.getAttribute(attr);
          if (value) { el.setAttribute(attr, value.replace(/^Evidence\[\d+\]/, 'Evidence[' + i + ']')); }
        });
      });
      var legend = row.querySelector('legend');
      legend.textContent = legend.textContent.replace(/\d+/, String(i + 1));
    });
  }

  function wire(row) {
    row.querySelector('select.sp-kind').addEventListener('change', function () { showFields(row); });
    var remove = row.querySelector('.sp-remove-row');
    remove.hidden = false;
    remove.addEventListener('click', function () {
      if (rows.querySelectorAll('fieldset.sp-row').length > 1) { row.remove(); renumber(); }
    });
    showFields(row);
  }

  rows.querySelectorAll('fieldset.sp-row').forEach(wire);
  var add = document.querySelector('.sp-add-row');
  if (add) {
    add.hidden = false;
    add.addEventListener('click', function () {
      var all = rows.querySelectorAll('fieldset.sp-row');
      if (all.length >= max) { return; }
      var copy = all[all.length - 1].cloneNode(true);
      copy.querySelectorAll('input, select').forEach(function (el) { if (el.type === 'file' || el.tagName === 'INPUT') { el.value = ''; } else { el.selectedIndex = 0; } });
      copy.querySelectorAll('.error').forEach(function (el) { el.remove(); });
      rows.appendChild(copy);
      renumber();
      wire(copy);
    });
  }
})();
