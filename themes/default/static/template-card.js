// Guidepost default theme: fill in a template card, then copy, download or print it
// with the values typed in. Values never leave the reader's device: the files are
// fetched from this site and changed in the browser. Without JavaScript, or where the
// browser cannot help, the plain download links still give the unfilled files.
(function () {
  "use strict";

  // The words of the page's language: theme/i18n/<lang>.js beside this file, written
  // by the build from the hub's strings and loaded once, by whichever script needs
  // them first (search.js and template-card.js share it).
  var words = window.guidepostWords || (window.guidepostWords = (function (script) {
    var promise = null;
    return function () {
      if (!promise) {
        promise = new Promise(function (resolve) {
          var lang = (document.documentElement.lang || "en").replace(/[^\w-]/g, "");
          var tag = document.createElement("script");
          tag.src = (script ? script.src : "").replace(/[^\/?#]*([?#].*)?$/, "i18n/" + lang + ".js");
          tag.onload = function () { resolve(window.GuidepostStrings || {}); };
          tag.onerror = function () { resolve({}); };
          document.head.appendChild(tag);
        });
      }
      return promise;
    };
  })(document.currentScript));

  // A text with each {name} replaced by its value; a text with forms by count takes
  // the form of its {n}, by the language's plural rules.
  function phrase(text, given) {
    if (text && typeof text === "object") {
      var form = "other";
      try { form = new Intl.PluralRules(text.rule || "en").select(given.n); } catch (e) { form = given.n === 1 ? "one" : "other"; }
      text = text[form] || text.other;
    }
    return String(text == null ? "" : text).replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(given, name) ? given[name] : whole;
    });
  }

  // What the reader typed, kept for this browser tab only (sessionStorage): filled in
  // for them in every template of the hub with a field of the same name, until the
  // tab closes or they choose Forget. Nothing is sent anywhere.
  var STORE = "guidepost:fields";

  function remembered() {
    try {
      var kept = JSON.parse(window.sessionStorage.getItem(STORE) || "{}");
      return kept && typeof kept === "object" ? kept : {};
    } catch (e) {
      return {};
    }
  }

  function remember(name, value) {
    var kept = remembered();
    if (value.trim() === "") delete kept[name];
    else kept[name] = value;
    try {
      if (Object.keys(kept).length) window.sessionStorage.setItem(STORE, JSON.stringify(kept));
      else window.sessionStorage.removeItem(STORE);
    } catch (e) {
      // Storage refused (a private mode): values still work on this page.
    }
  }

  function forget() {
    try { window.sessionStorage.removeItem(STORE); } catch (e) { /* nothing was kept */ }
  }

  function values(card) {
    var out = {};
    card.querySelectorAll("input[data-field]").forEach(function (input) {
      if (input.value.trim() !== "") out[input.getAttribute("data-field")] = input.value;
    });
    return out;
  }

  function hasValues(card) {
    return Object.keys(values(card)).length > 0;
  }

  // How each field's blank is written in a format's file: "[Mentee's name]" in .txt,
  // which is the text of its blank in the preview; in .md the same, or the input's
  // data-blank-md where Markdown needed escapes.
  function blanks(card, format) {
    var out = {};
    card.querySelectorAll(".blank[data-field]").forEach(function (span) {
      var name = span.getAttribute("data-field");
      if (!out[name]) out[name] = builtBlank(span).text;
    });
    if (format === "md") {
      card.querySelectorAll("input[data-blank-md]").forEach(function (input) {
        out[input.getAttribute("data-field")] = input.getAttribute("data-blank-md");
      });
    }
    return out;
  }

  // Each field's blank replaced by the reader's value; blanks of fields left empty stay.
  function fillText(text, vals, blankOf) {
    Object.keys(blankOf).forEach(function (name) {
      if (Object.prototype.hasOwnProperty.call(vals, name)) text = text.split(blankOf[name]).join(vals[name]);
    });
    return text;
  }

  function escapeXml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")
      // Characters XML 1.0 cannot carry.
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, "");
  }

  // Which way a value the reader typed reads: its first letter decides (as dir="auto"
  // does), and one without letters, a phone number or a time, reads left to right.
  var RTL_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFE]/;
  function direction(text) {
    var first = text.match(/[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFE]|\p{L}/u);
    return first && RTL_LETTER.test(first[0]) ? "rtl" : "ltr";
  }

  // Each blank is a bookmark named _GpBlank<field number>_<n> around two runs: the
  // underlined line (its formatting, then the underline) and the label. A filled
  // blank becomes one run of the value with the line's formatting, underline removed,
  // marked right to left when the value reads so (Word then shapes and proofs it as
  // the document's language). In a right-to-left document a left-to-right value is
  // held between two left-to-right marks, so "+1 555 0100" keeps its order.
  var DOCX_BLANK = /<w:bookmarkStart w:id="(\d+)" w:name="_GpBlank(\d+)_\d+"\/><w:r><w:rPr>((?:(?!<\/w:rPr>).)*?)<w:u w:val="single"\/><\/w:rPr><w:t xml:space="preserve">[^<]*<\/w:t><\/w:r><w:r>(?:(?!<\/w:r>).)*<\/w:r><w:bookmarkEnd w:id="\1"\/>/g;

  // `names` lists the template's fields in the order it declares them.
  function fillDocumentXml(xml, vals, names) {
    return xml.replace(DOCX_BLANK, function (whole, id, field, props) {
      var name = names[Number(field)];
      if (name === undefined || !Object.prototype.hasOwnProperty.call(vals, name)) return whole;
      var value = vals[name];
      var rtl = direction(value) === "rtl";
      if (!rtl && document.documentElement.dir === "rtl") value = "\u200E" + value + "\u200E";
      if (rtl) props += "<w:rtl/>";
      return "<w:r>" + (props ? "<w:rPr>" + props + "</w:rPr>" : "") +
        "<w:t xml:space=\"preserve\">" + escapeXml(value) + "</w:t></w:r>";
    });
  }

  function fieldNames(card) {
    return Array.prototype.map.call(card.querySelectorAll("input[data-field]"), function (input) {
      return input.getAttribute("data-field");
    });
  }

  // Each blank as the page was built: its markup (line and label), to put back when
  // the field is emptied, and its text, "[Mentee's name]".
  var built = new WeakMap();

  function builtBlank(span) {
    if (!built.has(span)) built.set(span, { html: span.innerHTML, text: span.textContent });
    return built.get(span);
  }

  // ---- ZIP: read entries, replace one, write the archive again ----

  var CRC_TABLE = (function () {
    var table = new Uint32Array(256);
    for (var i = 0; i < 256; i++) {
      var c = i;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
      table[i] = c >>> 0;
    }
    return table;
  })();

  function crc32(bytes) {
    var crc = 0xFFFFFFFF;
    for (var i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xFF] ^ (crc >>> 8);
    return (crc ^ 0xFFFFFFFF) >>> 0;
  }

  function readZip(buffer) {
    var view = new DataView(buffer);
    var end = buffer.byteLength - 22;
    while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
    if (end < 0) throw new Error("not a zip file");
    var count = view.getUint16(end + 10, true);
    var at = view.getUint32(end + 16, true);
    var entries = [];
    for (var n = 0; n < count; n++) {
      var method = view.getUint16(at + 10, true);
      var crc = view.getUint32(at + 16, true);
      var compressed = view.getUint32(at + 20, true);
      var size = view.getUint32(at + 24, true);
      var nameLength = view.getUint16(at + 28, true);
      var skip = nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
      var offset = view.getUint32(at + 42, true);
      var name = new TextDecoder().decode(new Uint8Array(buffer, at + 46, nameLength));
      var dataAt = offset + 30 + view.getUint16(offset + 26, true) + view.getUint16(offset + 28, true);
      entries.push({ name: name, method: method, crc: crc, size: size, data: new Uint8Array(buffer, dataAt, compressed) });
      at += 46 + skip;
    }
    return entries;
  }

  function inflate(bytes) {
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    return new Response(stream).arrayBuffer().then(function (b) { return new Uint8Array(b); });
  }

  function writeZip(entries) {
    var encoder = new TextEncoder();
    var parts = [];
    var central = [];
    var offset = 0;
    entries.forEach(function (e) {
      var name = encoder.encode(e.name);
      var local = new DataView(new ArrayBuffer(30));
      local.setUint32(0, 0x04034b50, true);
      local.setUint16(4, 20, true);
      local.setUint16(8, e.method, true);
      local.setUint16(12, 33, true); // 1980-01-01
      local.setUint32(14, e.crc, true);
      local.setUint32(18, e.data.length, true);
      local.setUint32(22, e.size, true);
      local.setUint16(26, name.length, true);
      var record = new DataView(new ArrayBuffer(46));
      record.setUint32(0, 0x02014b50, true);
      record.setUint16(4, 20, true);
      record.setUint16(6, 20, true);
      record.setUint16(10, e.method, true);
      record.setUint16(14, 33, true);
      record.setUint32(16, e.crc, true);
      record.setUint32(20, e.data.length, true);
      record.setUint32(24, e.size, true);
      record.setUint16(28, name.length, true);
      record.setUint32(42, offset, true);
      parts.push(local, name, e.data);
      central.push(record, name);
      offset += 30 + name.length + e.data.length;
    });
    var size = central.reduce(function (sum, p) { return sum + p.byteLength; }, 0);
    var end = new DataView(new ArrayBuffer(22));
    end.setUint32(0, 0x06054b50, true);
    end.setUint16(8, entries.length, true);
    end.setUint16(10, entries.length, true);
    end.setUint32(12, size, true);
    end.setUint32(16, offset, true);
    return new Blob(parts.concat(central, [end]), { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" });
  }

  function filledDocx(buffer, vals, names) {
    var entries = readZip(buffer);
    var doc = entries.filter(function (e) { return e.name === "word/document.xml"; })[0];
    if (!doc) throw new Error("no word/document.xml");
    var read = doc.method === 8 ? inflate(doc.data) : Promise.resolve(doc.data);
    return read.then(function (bytes) {
      var xml = fillDocumentXml(new TextDecoder().decode(bytes), vals, names);
      var data = new TextEncoder().encode(xml);
      doc.method = 0;
      doc.data = data;
      doc.size = data.length;
      doc.crc = crc32(data);
      return writeZip(entries);
    });
  }

  // ---- the card ----

  function save(blob, name) {
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function fileName(link) {
    var path = link.getAttribute("href").split("#")[0].split("?")[0];
    return path.substring(path.lastIndexOf("/") + 1);
  }

  function download(card, link) {
    var vals = values(card);
    var format = link.getAttribute("data-format");
    return fetch(link.href).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      if (format === "docx") {
        if (typeof DecompressionStream === "undefined") throw new Error("no DecompressionStream");
        return response.arrayBuffer().then(function (b) { return filledDocx(b, vals, fieldNames(card)); });
      }
      return response.text().then(function (text) {
        return new Blob([fillText(text, vals, blanks(card, format))], { type: format === "md" ? "text/markdown;charset=utf-8" : "text/plain;charset=utf-8" });
      });
    }).then(function (blob) { save(blob, fileName(link)); });
  }

  // Tells the reader what happened, in the words of `key` (with `given` filled in).
  function say(card, key, given) {
    var status = card.querySelector("[data-template-status]");
    if (status) words().then(function (w) { status.textContent = phrase(w[key], given || {}); });
  }

  function updatePreview(card) {
    var vals = values(card);
    card.querySelectorAll(".blank[data-field]").forEach(function (span) {
      var blank = builtBlank(span);
      var name = span.getAttribute("data-field");
      var filled = Object.prototype.hasOwnProperty.call(vals, name);
      if (filled) span.textContent = vals[name];
      else if (span.classList.contains("filled")) span.innerHTML = blank.html;
      span.classList.toggle("filled", filled);
      // The value keeps its own direction inside the sentence around it.
      if (filled) span.dir = direction(vals[name]);
      else span.removeAttribute("dir");
    });
  }

  function copyText(card) {
    var txt = card.querySelector("a[data-format='txt']");
    var fallback = function () {
      var body = card.querySelector(".template-body");
      return body ? body.innerText : "";
    };
    var text = txt
      ? fetch(txt.href).then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
          .then(function (t) { return fillText(t, values(card), blanks(card, "txt")); }, fallback)
      : Promise.resolve(fallback());
    return text.then(function (t) { return navigator.clipboard.writeText(t); });
  }

  function printCard(card) {
    document.body.classList.add("printing-template");
    card.classList.add("print-target");
    var done = function () {
      document.body.classList.remove("printing-template");
      card.classList.remove("print-target");
      window.removeEventListener("afterprint", done);
    };
    window.addEventListener("afterprint", done);
    window.print();
    setTimeout(done, 1000);
  }

  var cards = document.querySelectorAll("[data-template-card]");

  function showForget() {
    var any = Object.keys(remembered()).length > 0;
    document.querySelectorAll("[data-forget]").forEach(function (button) { button.hidden = !any; });
  }

  // What was typed before this script arrived is kept; values kept from another
  // template fill the empty fields of the same name.
  cards.forEach(function (card) {
    card.querySelectorAll("input[data-field]").forEach(function (input) {
      if (input.value !== "") remember(input.getAttribute("data-field"), input.value);
    });
  });
  var kept = remembered();
  cards.forEach(function (card) {
    card.querySelectorAll("input[data-field]").forEach(function (input) {
      var name = input.getAttribute("data-field");
      if (input.value === "" && Object.prototype.hasOwnProperty.call(kept, name)) input.value = kept[name];
    });
    updatePreview(card);
  });
  showForget();

  // Loaded by guidepost.js on a card's first use (or at once when values are kept);
  // it has already shown the tools.
  cards.forEach(function (card) {
    card.querySelectorAll("[data-template-form]").forEach(function (form) {
      form.addEventListener("submit", function (event) { event.preventDefault(); });
    });
    card.querySelectorAll("input[data-field]").forEach(function (input) {
      input.addEventListener("input", function () {
        var name = input.getAttribute("data-field");
        remember(name, input.value);
        // The same detail in the page's other cards follows.
        cards.forEach(function (other) {
          other.querySelectorAll("input[data-field]").forEach(function (field) {
            if (field !== input && field.getAttribute("data-field") === name) field.value = input.value;
          });
          updatePreview(other);
        });
        showForget();
      });
    });
    var forgetButton = card.querySelector("[data-forget]");
    if (forgetButton) {
      forgetButton.addEventListener("click", function () {
        forget();
        document.querySelectorAll("[data-template-card] input[data-field]").forEach(function (field) { field.value = ""; });
        cards.forEach(updatePreview);
        showForget();
        say(card, "details_forgotten");
      });
    }
    card.querySelectorAll("a[data-format]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        if (!hasValues(card)) return; // the plain file is what the reader wants
        event.preventDefault();
        download(card, link).then(function () {
          say(card, "downloaded_filled", { file: fileName(link) });
        }, function () {
          say(card, "download_unfilled");
          window.location.href = link.href;
        });
      });
    });
    var copy = card.querySelector("[data-copy]");
    if (copy && navigator.clipboard) {
      copy.addEventListener("click", function () {
        copyText(card).then(function () { say(card, "copied"); },
          function () { say(card, "copy_failed"); });
      });
    } else if (copy) {
      copy.hidden = true;
    }
    var print = card.querySelector("[data-print-template]");
    if (print) print.addEventListener("click", function () { printCard(card); });
  });

  // For tests: the pure parts, without touching the page.
  window.GuidepostTemplates = { fillText: fillText, fillDocumentXml: fillDocumentXml, crc32: crc32 };
})();
