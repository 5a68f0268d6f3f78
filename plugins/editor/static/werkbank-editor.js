/* The blog's part of the web editor (plugins/editor, docs/editor.md).
 *
 * Decap writes every file the way `make new-post` and the docs write it: keys in the documented
 * order, text in "double quotes", a picture and its alt text as `image:` and `image_alt:`, a thanked
 * handle as a plain list entry. New files are named by new-post's rule (German letters, then
 * Pelican's slugify) and a new post gets its random 8-hex `id`. The rules are data on the page
 * (#werkbank-editor-model), made from the content model at build time; this file only applies them.
 *
 * In the browser it registers with Decap (window.CMS); under node it exports the factory, so the
 * tests run the same code against Python's YAML reader and tools/new_post.py.
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory;
    return;
  }
  var model = JSON.parse(document.getElementById("werkbank-editor-model").textContent);
  factory(model, root.jsyaml).register(root.CMS);
})(this, function (model, jsyaml) {
  "use strict";

  // --- file names: tools/new_post.file_slug (German letters, then pelican.utils.slugify) --------

  // Python's str.split() and \s: Unicode whitespace, with \x1c-\x1f and \x85, without \ufeff
  var SPACE = "\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  var SPACES = new RegExp("[" + SPACE + "]+", "g");
  var ENTITIES = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: "\u00a0" };

  function unescapeHtml(text) {
    return text.replace(/&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z]+);/g, function (whole, name) {
      if (name.charAt(0) === "#") {
        var code = name.charAt(1).toLowerCase() === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "\ufffd";
      }
      return Object.prototype.hasOwnProperty.call(ENTITIES, name) ? ENTITIES[name] : whole;
    });
  }

  // markupsafe's Markup.striptags: comments and tags out, whitespace collapsed, entities decoded
  function stripTags(value) {
    var parts = [];
    var pos = 0;
    var start;
    while ((start = value.indexOf("<", pos)) !== -1) {
      var end;
      if (value.startsWith("<!--", start)) {
        end = value.indexOf("-->", start + 4);
        if (end === -1) break;
        end += 3;
      } else {
        end = value.indexOf(">", start);
        if (end === -1) break;
        end += 1;
      }
      parts.push(value.slice(pos, start));
      pos = end;
    }
    if (pos > 0) {
      parts.push(value.slice(pos));
      value = parts.join("");
    }
    value = value.split(SPACES).filter(function (word) { return word !== ""; }).join(" ");
    return unescapeHtml(value);
  }

  function fileSlug(title) {
    var text = String(title == null ? "" : title).replace(/[äöüßÄÖÜ]/g, function (letter) {
      return model.german[letter];
    });
    text = stripTags(text).normalize("NFKC");
    var ascii = "";
    for (var char of text) {
      ascii += char.codePointAt(0) < 0x80 ? char : (model.ascii[char] || "");
    }
    var space = "[\\t\\n\\v\\f\\r \\x1c-\\x1f]";
    ascii = ascii
      .replace(new RegExp("[^A-Za-z0-9_\\-\\t\\n\\v\\f\\r \\x1c-\\x1f]", "g"), "")
      .replace(new RegExp("^" + space + "*"), "")
      .replace(new RegExp(space + "*$"), "")
      .replace(new RegExp("(?:-|" + space + ")+", "g"), "-");
    return ascii.toLowerCase().replace(new RegExp("^" + space + "+|" + space + "+$", "g"), "");
  }

  // --- writing YAML the way our files are written ------------------------------------------------

  var SPECIAL = /^(?:y|n|yes|no|true|false|on|off|null|~)$/i;
  var PLAIN = /^[A-Za-z\u00c0-\u024f](?:[A-Za-z0-9\u00c0-\u024f _.\/-]*[A-Za-z0-9\u00c0-\u024f_.\/-])?$/;
  var DAY_OR_TIME = /^\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2})?$/;
  // characters YAML does not take as they are (line breaks of YAML 1.1, non-printables)
  var UNPRINTABLE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;
  var UNPRINTABLE_ALL = new RegExp(UNPRINTABLE.source, "g");

  function isPlainObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function isEmpty(value) {
    return value === undefined || value === null || value === "" || value === false ||
      (Array.isArray(value) && value.length === 0) || (isPlainObject(value) && Object.keys(value).length === 0);
  }

  // empty members out, recursively: a form sends "" and [] for every field nobody filled in
  function clean(value) {
    if (Array.isArray(value)) {
      return value.map(clean).filter(function (item) { return !isEmpty(item); });
    }
    if (isPlainObject(value)) {
      var kept = {};
      Object.keys(value).forEach(function (key) {
        var item = clean(value[key]);
        if (!isEmpty(item)) kept[key] = item;
      });
      return kept;
    }
    return typeof value === "string" ? value.replace(/\r\n?/g, "\n") : value;
  }

  function quoted(text) {
    return JSON.stringify(text).replace(UNPRINTABLE_ALL, function (char) {
      return "\\u" + ("000" + char.charCodeAt(0).toString(16)).slice(-4);
    });
  }

  // quote: "always" (text make new-post quotes), "date" (a date stays plain), else plain when safe
  function scalar(value, quote) {
    if (typeof value === "boolean" || typeof value === "number") return String(value);
    var text = String(value);
    if (quote === "date" && DAY_OR_TIME.test(text)) return text;
    if (quote !== "always" && PLAIN.test(text) && !SPECIAL.test(text)) return text;
    return quoted(text);
  }

  // a literal block (|) for text of several lines, when YAML gives it back unchanged
  function block(text, indent) {
    if (text.indexOf("\n") === -1 || UNPRINTABLE.test(text) || /^[\s]/.test(text) || /\n\n$/.test(text) ||
        /(^|\n) +(\n|$)/.test(text)) {
      return null;
    }
    var chomp = text.endsWith("\n") ? "|" : "|-";
    var body = (text.endsWith("\n") ? text.slice(0, -1) : text).split("\n").map(function (line) {
      return line === "" ? "" : indent + line;
    });
    return chomp + "\n" + body.join("\n");
  }

  function flowItem(value, quote) {
    if (isPlainObject(value)) {
      return "{" + Object.keys(value).map(function (key) {
        return key + ": " + flowItem(value[key], "always");
      }).join(", ") + "}";
    }
    if (Array.isArray(value)) return "[" + value.map(function (item) { return flowItem(item, quote); }).join(", ") + "]";
    return scalar(value, quote);
  }

  // blocks: text of several lines may be a literal block (not in front matter, whose closing fence
  // takes the last line's break away)
  function entry(key, value, quote, indent, blocks) {
    var head = indent + key + ":";
    if (Array.isArray(value)) {
      var simple = value.every(function (item) { return !isPlainObject(item) && !Array.isArray(item); });
      var flow = head + " " + flowItem(value, "");
      if (value.length === 0 || (simple && flow.length <= 100)) return flow;
      return head + "\n" + value.map(function (item) {
        return indent + "  - " + (isPlainObject(item) ? flowItem(item, "always") : scalar(item, ""));
      }).join("\n");
    }
    if (isPlainObject(value)) {
      return head + "\n" + Object.keys(value).map(function (inner) {
        return entry(inner, value[inner], "always", indent + "  ", blocks);
      }).join("\n");
    }
    if (typeof value === "string" && blocks) {
      var literal = block(value, indent + "  ");
      if (literal !== null) return head + " " + literal;
    }
    return head + " " + scalar(value, quote);
  }

  // --- the file rules (plugins/editor/collections.py FILE_RULES) ---------------------------------

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  }

  // "](images/…" <-> "]({static}/images/…": the editor's picture links, the way the site links them
  function relink(text, pairs, forward) {
    (pairs || []).forEach(function (pair) {
      var from = forward ? pair[0] : pair[1];
      var to = forward ? pair[1] : pair[0];
      text = text.replace(new RegExp("\\]\\(" + escapeRegExp(from), "g"), function () { return "](" + to; });
    });
    return text;
  }

  function toFile(rule, data) {
    var values = Object.assign({}, data);
    var body = values.body;
    if (rule.front_matter) delete values.body;
    delete values[model.file_name_field];
    (rule.dropped || []).forEach(function (key) { delete values[key]; });
    Object.keys(rule.flatten || {}).forEach(function (field) {
      var first = Array.isArray(values[field]) ? values[field][0] : null;
      delete values[field];
      rule.flatten[field].forEach(function (key) {
        if (first && !isEmpty(first[key])) values[key] = first[key];
      });
    });
    values = clean(values);
    Object.keys(rule.shorthand || {}).forEach(function (field) {
      var only = rule.shorthand[field];
      if (!Array.isArray(values[field])) return;
      values[field] = values[field].map(function (item) {
        var keys = isPlainObject(item) ? Object.keys(item) : [];
        return keys.length === 1 && keys[0] === only ? item[only] : item;
      });
    });
    (rule.keep_empty || []).forEach(function (key) {
      if (!(key in values)) values[key] = [];
    });
    var order = rule.keys.filter(function (key) { return key in values; })
      .concat(Object.keys(values).filter(function (key) { return rule.keys.indexOf(key) === -1; }));
    var text = order.map(function (key) {
      var quote = rule.quoted.indexOf(key) !== -1 ? "always" : (rule.dates || []).indexOf(key) !== -1 ? "date" : "";
      return entry(key, values[key], quote, "", !rule.front_matter);
    }).join("\n") + "\n";
    if (!rule.front_matter) return text;
    body = typeof body === "string" ? relink(body.replace(/\r\n?/g, "\n"), rule.text_links, true) : "";
    return "---\n" + text + "---\n" + (body === "" || body.endsWith("\n") ? body : body + "\n");
  }

  function fromFile(rule, text) {
    text = String(text).replace(/^\ufeff/, "").replace(/\r\n?/g, "\n");
    var yamlText = text;
    var body = null;
    if (rule.front_matter) {
      var lines = text.split("\n");
      if (lines[0].trim() !== "---") return { body: text };
      var close = lines.findIndex(function (line, index) {
        return index > 0 && (line.trim() === "---" || line.trim() === "...");
      });
      yamlText = lines.slice(1, close === -1 ? lines.length : close).join("\n");
      body = close === -1 ? "" : lines.slice(close + 1).join("\n");
    }
    var data = jsyaml.load(yamlText, { schema: jsyaml.CORE_SCHEMA }) || {};
    if (!isPlainObject(data)) throw new Error("the file is not YAML keys and values");
    Object.keys(rule.flatten || {}).forEach(function (field) {
      var keys = rule.flatten[field];
      if (keys.some(function (key) { return key in data; })) {
        var item = {};
        keys.forEach(function (key) { if (key in data) item[key] = data[key]; delete data[key]; });
        data[field] = [item];
      }
    });
    Object.keys(rule.shorthand || {}).forEach(function (field) {
      var only = rule.shorthand[field];
      if (Array.isArray(data[field])) {
        data[field] = data[field].map(function (item) {
          var shaped = {};
          if (isPlainObject(item)) return item;
          shaped[only] = item;
          return shaped;
        });
      }
    });
    Object.keys(rule.read_defaults || {}).forEach(function (key) {
      if (!(key in data)) data[key] = rule.read_defaults[key];  // what the build reads when it is missing
    });
    if (body !== null && body !== "") data.body = relink(body, rule.text_links, false);
    return data;
  }

  // --- saving: file name, id, a check Decap's forms cannot express --------------------------------

  function ruleOf(collection) {
    var names = Object.keys(model.rules);
    for (var i = 0; i < names.length; i++) {
      if (model.rules[names[i]].collection === collection) return model.rules[names[i]];
    }
    return null;
  }

  function randomId() {
    var bytes = new Uint8Array(4);
    (root().crypto).getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (byte) { return ("0" + byte.toString(16)).slice(-2); }).join("");
  }

  function root() {
    return typeof globalThis !== "undefined" ? globalThis : window;
  }

  // Each thanks entry names a profile or a free name, never both (that is what the build reads).
  function thanksProblem(rule, values) {
    return Object.keys(rule.shorthand || {}).some(function (field) {
      return (clean(values[field]) || []).some(function (item) {
        return isPlainObject(item) && !item.handle === !item.name;
      });
    });
  }

  // What preSave adds to a form's values (plain objects): the file name and a new post's id.
  function prepare(collection, values, isNew) {
    var rule = ruleOf(collection);
    if (!rule) return null;
    if (thanksProblem(rule, values)) throw new Error(model.messages.thanks_entry);
    var added = {};
    if (!isNew) return added;
    if (rule.file_name_is) {
      var given = String(values[rule.file_name_is] || "").trim();
      if (!new RegExp(rule.file_name_pattern).test(given)) throw new Error(model.messages.no_week);
      added[model.file_name_field] = given;
    } else {
      var name = fileSlug(values[rule.file_name_from]);
      if (!name) throw new Error(model.messages.no_letters);
      added[model.file_name_field] = name;
    }
    if (rule.new_id && !values[rule.new_id]) added[rule.new_id] = randomId();
    return added;
  }

  function preSave(event) {
    var entry = event.entry;
    var data = entry.get("data");
    var added = prepare(entry.get("collection"), data.toJS(), Boolean(entry.get("newRecord")));
    if (added === null) return undefined;
    Object.keys(added).forEach(function (key) { data = data.set(key, added[key]); });
    return data;
  }

  // --- uploads: a picture of the same name is never replaced ---------------------------------------

  // Decap asks "<name> already exists. Do you want to replace it?" (window.confirm) when an upload has
  // the name of a picture in the media folder, which posts of a year (and all profiles) share, and on
  // OK deletes that picture at once, before anything is saved: another post's or person's.
  var REPLACE_QUESTION = /^(.*) already exists\. Do you want to replace it\?$/;

  function takenName(question) {
    var asked = REPLACE_QUESTION.exec(String(question));
    return asked ? asked[1] : null;
  }

  function refuseReplacing(win) {
    var ask = win.confirm;
    win.confirm = function (question) {
      var name = takenName(question);
      if (name === null) return ask.call(win, question);
      win.alert(model.messages.name_taken.replace("{name}", name));
      return false;  // Decap then leaves the upload, and the picture that has the name, alone
    };
  }

  return {
    fileSlug: fileSlug,
    toFile: toFile,
    fromFile: fromFile,
    prepare: prepare,
    takenName: takenName,
    register: function (CMS) {
      refuseReplacing(root());
      Object.keys(model.rules).forEach(function (name) {
        var rule = model.rules[name];
        CMS.registerCustomFormat(name, rule.front_matter ? "md" : "yml", {
          fromFile: function (text) { return fromFile(rule, text); },
          toFile: function (data) { return toFile(rule, data); },
        });
      });
      CMS.registerEventListener({ name: "preSave", handler: preSave });
    },
  };
});
