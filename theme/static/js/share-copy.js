// Optional: adds a copy button to each share text. Without it, the texts stay selectable.
(function () {
  "use strict";
  document.querySelectorAll("textarea[data-share-copy]").forEach(function (box) {
    var copy = box.getAttribute("data-copy-label");
    var copied = box.getAttribute("data-copied-label");
    var label = document.getElementById(box.id + "-label");
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = copy;
    if (label) button.setAttribute("aria-label", copy + ": " + label.textContent);
    button.addEventListener("click", function () {
      var done = function () {
        button.textContent = copied;
        setTimeout(function () { button.textContent = copy; }, 2000);
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(box.value).then(done, function () { box.select(); });
      } else {
        box.select();
        if (document.execCommand && document.execCommand("copy")) done();
      }
    });
    box.insertAdjacentElement("afterend", button);
  });
})();
