/* Changwat's additions to Decap CMS, loaded after decap-cms.js and before CMS.init().
 *
 * 1. Paths: the site keeps each language in its own tree (docs/th/news/x.md); Decap's multiple_folders puts the
 *    locale just before the file name (docs/news/th/x.md). Every backend (the local proxy and the Git hosts) is
 *    wrapped so that Decap sees its form and the repository keeps the site's.
 * 2. No third-party requests: the GitHub backend's status check (githubstatus.com) is answered locally.
 * 3. A widget for "required when another field is filled" (image_alt with an image), with the build's message.
 */
(function () {
  "use strict";
  var rules = JSON.parse(document.getElementById("changwat-paths").textContent);
  var docs = rules.docs, locales = rules.locales, itemFolders = rules.itemFolders;

  function isLocale(part) { return locales.indexOf(part) >= 0; }

  // docs/news/th/x.md -> docs/th/news/x.md
  function toSite(path) {
    if (typeof path !== "string") return path;
    var parts = path.split("/");
    if (parts[0] !== docs || parts.length < 4 || !isLocale(parts[parts.length - 2])) return path;
    var locale = parts.splice(parts.length - 2, 1)[0];
    parts.splice(1, 0, locale);
    return parts.join("/");
  }

  // docs/th/news/x.md -> docs/news/th/x.md
  function toDecap(path) {
    if (typeof path !== "string") return path;
    var parts = path.split("/");
    if (parts[0] !== docs || parts.length < 4 || !isLocale(parts[1])) return path;
    var locale = parts.splice(1, 1)[0];
    parts.splice(parts.length - 1, 0, locale);
    return parts.join("/");
  }

  function decapFile(entry) {
    if (entry && entry.file) entry.file = Object.assign({}, entry.file, { path: toDecap(entry.file.path) });
    return entry;
  }

  function isItemFolder(folder) { return itemFolders.indexOf(folder) >= 0; }

  // A virtual item folder (docs/news) lists docs/<locale>/news/ for every locale, without the section's index.md.
  function listed(impl, method, folder, extension, depth, regex) {
    if (!isItemFolder(folder)) {
      return impl[method](folder, extension, depth, regex).then(function (entries) { return entries.map(decapFile); });
    }
    var section = folder.slice(docs.length + 1);
    return Promise.all(locales.map(function (locale) {
      return impl[method](docs + "/" + locale + "/" + section, extension, 1).catch(function () { return []; });
    })).then(function (lists) {
      return [].concat.apply([], lists)
        .filter(function (entry) { return !/(^|\/)index\.md$/.test(entry.file.path); })
        .map(decapFile);
    });
  }

  function wrap(impl, backendName) {
    return new Proxy(impl, {
      get: function (target, name) {
        var value = target[name];
        if (typeof value !== "function") return value;
        switch (name) {
          case "entriesByFolder":
          case "allEntriesByFolder":
            return function (folder, extension, depth, regex) {
              return listed(target, name, folder, extension, depth, regex);
            };
          case "entriesByFiles":
            return function (files) {
              var mapped = files.map(function (f) { return Object.assign({}, f, { path: toSite(f.path) }); });
              return target.entriesByFiles(mapped).then(function (entries) { return entries.map(decapFile); });
            };
          case "getEntry":
            return function (path) { return target.getEntry(toSite(path)).then(decapFile); };
          case "persistEntry":
            return function (entry, options) {
              var dataFiles = (entry.dataFiles || []).map(function (f) {
                return Object.assign({}, f, { path: toSite(f.path), newPath: f.newPath && toSite(f.newPath) });
              });
              return target.persistEntry(Object.assign({}, entry, { dataFiles: dataFiles }), options);
            };
          case "deleteFiles":
            return function (paths, message) { return target.deleteFiles(paths.map(toSite), message); };
          case "status":
            if (backendName === "github") {
              // Decap's GitHub backend asks githubstatus.com; the editor only talks to the Git host itself.
              return function () { return Promise.resolve({ auth: { status: true }, api: { status: true, statusPage: "" } }); };
            }
            return value.bind(target);
          default:
            return value.bind(target);
        }
      },
    });
  }

  ["proxy", "github", "gitlab", "gitea"].forEach(function (name) {
    var registered = CMS.getBackend(name);
    if (!registered) return;
    var init = registered.init;
    registered.init = function () { return wrap(init.apply(null, arguments), name); };
  });

  // image_alt with an image: Decap's own `required` cannot depend on another field.
  // The entry is read as it is being edited now (getEntry): props.entry is the entry as it was when this widget last
  // rendered, and Decap re-renders a widget only when its own value changes, so an image chosen after the alt field
  // was drawn would go unseen and the item would be saved without its alt text.
  function currentEntry(props) { return (props.getEntry && props.getEntry()) || props.entry; }

  function dataOf(entry, locale) {
    var translated = locale && entry.getIn(["i18n", locale, "data"]);
    return translated || entry.get("data");
  }

  function blank(value) { return !value || !String(value).trim(); }

  var RequiredWith = createClass({
    isValid: function () {
      var props = this.props, field = props.field, other = field.get("required_with");
      var entry = currentEntry(props);
      if (!entry) return true;
      var own = dataOf(entry, props.locale);
      if (own && !blank(own.get(other)) && blank(props.value)) {
        return { error: { type: "CUSTOM", message: field.get("message") } };
      }
      // Decap validates only the default language's form before saving: this widget also answers for the other
      // languages' copies of the field, naming the language, so no language is saved with an image and no alt text.
      var others = entry.get("i18n");
      var missing = [];
      if (others) {
        others.forEach(function (translation, locale) {
          var data = translation && translation.get("data");
          if (locale === props.locale || !data) return;
          var image = data.get(other) || (own && own.get(other));
          if (!blank(image) && blank(data.get(field.get("name")))) missing.push(locale.toUpperCase());
        });
      }
      if (missing.length) {
        return { error: { type: "CUSTOM", message: "[" + missing.join(", ") + "] " + field.get("message") } };
      }
      return true;
    },
    render: function () {
      var props = this.props;
      return h("input", {
        type: "text", id: props.forID, className: props.classNameWrapper, value: props.value || "",
        onChange: function (e) { props.onChange(e.target.value); },
        onFocus: props.setActiveStyle, onBlur: props.setInactiveStyle,
      });
    },
  });
  var RequiredWithPreview = createClass({
    render: function () { return h("p", {}, this.props.value || ""); },
  });
  CMS.registerWidget("changwat-required-with", RequiredWith, RequiredWithPreview);
})();
