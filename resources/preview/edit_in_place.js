// Editing in the email preview. Runs only in the studio's isolated script world (the
// page's own world has JavaScript off), so the email's content can neither run script
// nor reach the bridge. __ATTR__ is the session's block attribute (data-mb-<nonce>).
(function () {
  "use strict";
  var ATTR = "__ATTR__";
  new QWebChannel(qt.webChannelTransport, function (channel) {
    var bridge = channel.objects.missiveBridge;
    var style = document.createElement("style");
    style.textContent =
      "[" + ATTR + "]:hover{outline:1px dashed rgba(11,92,173,.6);outline-offset:2px;cursor:text}" +
      ".mb-selected{outline:2px solid rgba(11,92,173,.55)!important;outline-offset:2px}" +
      ".mb-editing{outline:2px solid #0b5cad!important;outline-offset:3px;" +
      "background:#fff8c5!important;color:#1f2933!important;cursor:text}" +
      ".mb-chip{background:#ddf4ff;color:#0550ae;border:1px solid #54aeff;border-radius:4px;" +
      "padding:0 4px;font:0.85em monospace;unicode-bidi:isolate;direction:ltr;white-space:nowrap}" +
      ".mb-logic{background:#fbefff;color:#8250df;border-color:#c297ff}";
    document.head.appendChild(style);
    var editing = null, saved = "", pending = false, last = {block: null, time: 0};

    function blockOf(node) {
      while (node && node !== document) {
        if (node.nodeType === 1 && node.hasAttribute(ATTR)) return node;
        node = node.parentNode;
      }
      return null;
    }
    function select(block) {
      var old = document.querySelectorAll(".mb-selected");
      for (var i = 0; i < old.length; i++) old[i].classList.remove("mb-selected");
      if (block) block.classList.add("mb-selected");
    }
    function runs(node, fmt, out) {
      for (var child = node.firstChild; child; child = child.nextSibling) {
        if (child.nodeType === 3) {
          out.push({kind: "text", text: child.data.replace(/\u00a0/g, " "),
                    bold: fmt.bold, italic: fmt.italic, href: fmt.href});
        } else if (child.nodeType === 1) {
          var tag = child.tagName;
          if (child.classList.contains("mb-chip")) {
            out.push({kind: "chip", src: child.getAttribute("data-src"),
                      bold: fmt.bold, italic: fmt.italic, href: fmt.href});
          } else if (tag === "BR") {
            out.push({kind: "break"});
          } else {
            runs(child, {
              bold: fmt.bold || tag === "B" || tag === "STRONG",
              italic: fmt.italic || tag === "I" || tag === "EM",
              href: tag === "A" ? child.getAttribute("href") : fmt.href
            }, out);
          }
        }
      }
      return out;
    }
    function finish(block) {
      block.contentEditable = "false";
      block.classList.remove("mb-editing");
      editing = null;
    }
    function commit() {
      var block = editing;
      if (!block) return;
      var items = runs(block, {bold: false, italic: false, href: null}, []);
      finish(block);
      bridge.commit(block.getAttribute(ATTR), JSON.stringify(items), function (problem) {
        if (problem) block.innerHTML = saved;  // refused: the text stays as it was
      });
    }
    function cancel() {
      var block = editing;
      if (!block) return;
      finish(block);
      block.innerHTML = saved;
      bridge.cancelled(block.getAttribute(ATTR));
    }
    function begin(block) {
      if (editing || pending) return;
      pending = true;
      var id = block.getAttribute(ATTR);
      bridge.editHtml(id, function (html) {
        pending = false;
        if (!html) return;  // the studio said no (not an HTML text)
        saved = block.innerHTML;
        block.innerHTML = html;
        block.contentEditable = "true";
        block.classList.add("mb-editing");
        editing = block;
        block.focus();
        var range = document.createRange();
        range.selectNodeContents(block);
        range.collapse(false);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        bridge.editing(id);
      });
    }

    document.addEventListener("click", function (event) {
      var block = blockOf(event.target);
      if (editing && (!block || !editing.contains(block))) commit();
      if (!block || block === editing) return;
      // Two clicks on one block in quick succession are a double-click, however the
      // events were counted.
      var now = Date.now();
      if (!editing && last.block === block && now - last.time < 500) {
        last = {block: null, time: 0};
        begin(block);
        return;
      }
      last = {block: block, time: now};
      select(block);
      bridge.clicked(block.getAttribute(ATTR));
    }, true);
    document.addEventListener("dblclick", function (event) {
      var block = blockOf(event.target);
      if (!block || editing) return;
      event.preventDefault();
      begin(block);
    }, true);
    document.addEventListener("keydown", function (event) {
      if (!editing) return;
      if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); commit(); }
      else if (event.key === "Enter") {
        event.preventDefault();
        document.execCommand("insertLineBreak");
      } else if (event.key === "Escape") { event.preventDefault(); cancel(); }
      else if (event.key === " " && event.ctrlKey) {
        event.preventDefault();
        bridge.placeholderMenu(editing.getAttribute(ATTR));
      }
    }, true);
    // The studio asks for these (select from the Copy view, start an edit in tests).
    window.missiveSelect = function (id) {
      var block = document.querySelector("[" + ATTR + "=\"" + CSS.escape(id) + "\"]");
      select(block);
      if (block) block.scrollIntoView({block: "nearest"});
      return !!block;
    };
    window.missiveBegin = function (id) {
      var block = document.querySelector("[" + ATTR + "=\"" + CSS.escape(id) + "\"]");
      if (block && !editing) begin(block);
      return !!block;
    };
    window.missiveInsert = function (source, label) {
      if (!editing) return false;
      var chip = document.createElement("span");
      chip.className = "mb-chip mb-placeholder";
      chip.contentEditable = "false";
      chip.setAttribute("data-src", source);
      chip.title = source;
      chip.textContent = label;
      var selection = window.getSelection();
      var range = selection.rangeCount ? selection.getRangeAt(0) : null;
      if (!range || !editing.contains(range.commonAncestorContainer)) {
        range = document.createRange();
        range.selectNodeContents(editing);
        range.collapse(false);
      }
      range.deleteContents();
      range.insertNode(chip);
      range.setStartAfter(chip);
      range.collapse(true);
      selection.removeAllRanges();
      selection.addRange(range);
      return true;
    };
    window.missiveCommit = commit;
    window.missiveCancel = cancel;
  });
})();
