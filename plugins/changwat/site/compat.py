"""Everything Changwat still changes in Material for MkDocs, in one place, each change checked against Material.

Material's markup is changed, where a template can do it, by the kit's copies of Material's partials
(overrides/partials/): OVERRIDES below lists each with the sha256 of the Material file it was copied from.
What no template override can reach is patched by exact text, listed in PATCHES: base.html writes two toggles
and the <body> tag outside any block (patched in the template's source when Jinja loads it, never in finished
pages), and Material's JavaScript bundle has three lines the kit must change. A patch whose text is no longer in
Material stops the build (MaterialChanged) instead of silently doing nothing. tests/site/test_compat.py checks
every patch and every override against the installed Material, so an upgrade that touches them fails there first.

Upgrading Material: run tests/site; for each failure re-copy the partial (keeping the lines marked "Changwat:")
or rewrite the patch, then record the new version and hash here.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jinja2

from changwat.site.slim import class_pattern, custom_property_pattern, drop_rules

MATERIAL_VERSION = "9.8.2"


@functools.cache
def material_templates() -> Path:
    """Found, not imported: Material is MkDocs' theme, and logic modules import nothing of MkDocs."""
    return (Path(importlib.util.find_spec("material").submodule_search_locations[0]) / "templates").resolve()


class MaterialChanged(Exception):
    """A patch's text is not in Material as the patch expects: Material was upgraded or the file replaced."""

    def __init__(self, patch: "Patch", found: int):
        self.patch = patch
        super().__init__(
            f"Material เปลี่ยนไป: แพตช์ {patch.name} ใช้กับ {patch.file} ไม่ได้แล้ว "
            f"(พบข้อความที่แพตช์ต้องการ {found} ครั้ง แต่ควรพบ {patch.count} ครั้ง) "
            f"ดู plugins/changwat/site/compat.py\n"
            f"Material changed: patch {patch.name} no longer applies to Material's {patch.file} (its text is there "
            f"{found} time(s), expected {patch.count}; written for Material {patch.material}); see "
            f"plugins/changwat/site/compat.py and run tests/site/test_compat.py."
        )


@dataclass(frozen=True)
class Patch:
    name: str
    file: str                       # Material's file, relative to its templates folder (a glob for the bundle)
    expected: str | re.Pattern      # the exact text (or a narrow pattern) Material has
    replacement: str                # "{key}" is filled from apply()'s values
    count: int                      # how many times Material has it
    why: str
    material: str = MATERIAL_VERSION

    def occurrences(self, text: str) -> int:
        if isinstance(self.expected, re.Pattern):
            return len(self.expected.findall(text))
        return text.count(self.expected)

    def apply(self, text: str, again: bool = False, **values: str) -> str:
        """`again`: the text may be output this patch already changed (a built file that a second language's
        pass finds patched), left as it is then."""
        replacement = self.replacement
        for key, value in values.items():
            replacement = replacement.replace("{" + key + "}", value)
        found = self.occurrences(text)
        if again and found == 0 and text.count(replacement) == self.count:
            return text
        if found != self.count:
            raise MaterialChanged(self, found)
        if isinstance(self.expected, re.Pattern):
            return self.expected.sub(lambda _: replacement, text)
        return text.replace(self.expected, replacement)


def _toggle(name: str) -> str:
    return f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}" autocomplete="off">'


# Material's toggles are state for its CSS, clicked through their labels. They are kept rendered (1 px, transparent:
# changwat.css) so that a label points at a control that exists (IBM Equal Access label_ref_valid), and kept out of
# the tab order and of assistive technology: the labels are what people use.
INERT_TOGGLE = ' tabindex="-1" aria-hidden="true"'


BASE_HTML = "base.html"
BUNDLE = "assets/javascripts/bundle.*.min.js"

PATCHES: tuple[Patch, ...] = (
    Patch(
        name="drawer-toggle-autocomplete",
        file=BASE_HTML,
        expected=_toggle("drawer"),
        replacement=_toggle("drawer").replace(' autocomplete="off"', INERT_TOGGLE),
        count=1,
        why="autocomplete is not allowed on a checkbox (Nu checker error); base.html writes the toggle outside "
            "any block. The toggle is inert (INERT_TOGGLE).",
    ),
    Patch(
        name="search-toggle-autocomplete",
        file=BASE_HTML,
        expected=_toggle("search"),
        replacement=_toggle("search").replace(' autocomplete="off"', INERT_TOGGLE),
        count=1,
        why="As drawer-toggle-autocomplete, for the search toggle.",
    ),
    Patch(
        name="banner-name",
        file=BASE_HTML,
        expected='<aside class="md-banner">',
        replacement='<aside class="md-banner" aria-label="{{ ui.sample_banner_label }}">',
        count=1,
        why="The announcement banner is a complementary landmark and needs a name (IBM Equal Access "
            "aria_complementary_labelled).",
    ),
    Patch(
        name="body-section",
        file=BASE_HTML,
        expected='<body dir="{{ direction }}"',
        replacement='<body{% if changwat_section %} data-changwat-section="{{ changwat_section | e }}"{% endif %}'
                    ' dir="{{ direction }}"',
        count=2,  # with and without a colour palette
        why="A feature marks its pages through the page context's changwat_section (the recommendations "
            "section's denser menu gets 24 px targets, WCAG 2.5.8); <body> is outside any block.",
    ),
    Patch(
        name="main-stylesheet",
        file=BASE_HTML,
        expected="{{ 'assets/stylesheets/main.57a0d79d.min.css' | url }}",
        replacement="{{ changwat_material_css.main | url }}",
        count=1,
        why="Material's stylesheet without the rules of features the site leaves off (STYLE_CUTS), followed by "
            "its palette's and the first extra stylesheets (the kit's: one download compresses better than "
            "several), under a name of its own; the site plugin writes it.",
    ),
    Patch(
        name="palette-stylesheet",
        file=BASE_HTML,
        expected='<link rel="stylesheet" href="{{ \'assets/stylesheets/palette.fb2fffe2.min.css\' | url }}">',
        replacement='{% if changwat_material_css.palette %}<link rel="stylesheet" '
                    'href="{{ changwat_material_css.palette | url }}">{% endif %}',
        count=1,
        why="The palette is in main-stylesheet's file (the dark scheme stays, colours the site does not name go); "
            "linked on its own only if the site plugin wrote it apart.",
    ),
    Patch(
        name="merged-extra-css",
        file=BASE_HTML,
        expected="{% for path in config.extra_css %}",
        replacement="{% for path in config.extra_css if path not in changwat_material_css.merged %}",
        count=1,
        why="The extra stylesheets that main-stylesheet's file already carries (the kit's, first in extra_css) "
            "are not linked again.",
    ),
    Patch(
        name="self-hosted-polyfill",
        file=BUNDLE,
        # Any host: whichever CDN Material names, the polyfill is served from the site itself.
        expected=re.compile(r'"https?://[^"]+/resize-observer-polyfill[^"]*"'),
        replacement='"{polyfill_url}"',
        count=1,
        why="Material loads a ResizeObserver polyfill from a CDN in old browsers; the built site makes no "
            "third-party requests, so it gets the kit's own copy.",
    ),
    Patch(
        name="no-mermaid-cdn",
        file=BUNDLE,
        expected=re.compile(r'"https?://[^"]+/mermaid@[^"]*"'),
        replacement='"{mermaid_url}"',
        count=1,
        why="Material loads the Mermaid library from a public CDN on a page with a Mermaid diagram. The kit does not "
            "support diagrams (content lint refuses a mermaid block: a diagram needs an image with alt text), so "
            "the address is the site's own MERMAID_ABSENT, a file that is not there: no built file names a CDN.",
    ),
    Patch(
        name="no-alternate-sitemaps",
        file=BUNDLE,
        expected='"link[rel=alternate]"',
        replacement='"link[rel=alternate][data-changwat-never]"',
        count=1,
        why="Material fetches a sitemap.xml next to every <link rel=alternate> (hreflang twins, feeds) to reroute "
            "its language selector: the whole site's sitemap and a 404 per twin on every first view. Changwat's "
            "language switch links each page's twin itself, so the selector is made to match nothing.",
    ),
)


# Where the patched bundle would look for Mermaid: deliberately not a file of the site (see no-mermaid-cdn).
MERMAID_ABSENT = "assets/changwat/site/mermaid-is-not-supported.js"

# Material's theme files that a site without Material's search plugin never loads: its search worker and lunr's
# language files (the kit's Thai search is changwat-search). Source maps are for Material's developers; they
# carry the bundle's code before the kit's patches, CDN addresses included.
MATERIAL_SEARCH_FILES = re.compile(r"^assets/javascripts/(?:workers/search\.[^/]+|lunr/.+)$")
SOURCE_MAP = re.compile(r"^assets/.+\.map$")


def unused_material_file(dest_uri: str, material_search: bool) -> bool:
    """Whether a theme file is left out of the built site. `material_search`: Material's (or MkDocs') search
    plugin is enabled, and its worker and lunr files are needed."""
    return bool(SOURCE_MAP.match(dest_uri) or (not material_search and MATERIAL_SEARCH_FILES.match(dest_uri)))


def patches_for(file: str) -> tuple[Patch, ...]:
    return tuple(patch for patch in PATCHES if patch.file == file)


def apply_patches(text: str, file: str, again: bool = False, **values: str) -> str:
    for patch in patches_for(file):
        text = patch.apply(text, again, **values)
    return text


class MaterialPatchingLoader(jinja2.FileSystemLoader):
    """The theme's loader (the same folders), applying PATCHES to Material's own files, not to a site's
    override of them."""

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        if patches_for(template) and Path(filename).resolve() == material_templates() / template:
            source = apply_patches(source, template)
        return source, filename, uptodate


def patch_material_templates(env: jinja2.Environment) -> None:
    """Replaces MkDocs' FileSystemLoader by one over the same folders (other plugins may add to its
    searchpath) that patches Material's templates as it loads them."""
    loader = env.loader
    if isinstance(loader, MaterialPatchingLoader):
        return
    if not isinstance(loader, jinja2.FileSystemLoader):
        raise TypeError(f"Expected MkDocs' FileSystemLoader for the theme, found {type(loader).__name__}")
    patched = MaterialPatchingLoader([], loader.encoding, loader.followlinks)
    patched.searchpath = loader.searchpath
    env.loader = patched


@dataclass(frozen=True)
class Override:
    file: str            # the same path under overrides/ and under Material's templates/
    sha256: str          # of Material's file when it was copied
    why: str
    material: str = MATERIAL_VERSION


# The kit's templates that take the place of Material's. Each copy starts with a comment naming the Material
# version it was copied from, and marks its changes "Changwat:".
OVERRIDES: tuple[Override, ...] = (
    Override("partials/nav-item.html", "89895208f22d68ce405a4bcb6649b9150eba5bbb04663a6cb3f93f02daf1d2f7",
             "No tabindex=\"\" on section labels; a section whose label is only an icon (navigation.indexes) "
             "names its menu after its title; the toggle of the page's table of contents is recorded for "
             "toc.html."),
    Override("partials/toc.html", "fde48f583563364b0e0e6865a5ab1e7060ec1826161f69f5cbee653e621b0f84",
             "The copy inside the main menu gets a name of its own (axe landmark-unique); the title is a label "
             "only when the __toc toggle it points at exists."),
    Override("partials/search.html", "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30",
             "No autocorrect on the search input (not an HTML attribute), for a site that enables Material's "
             "search."),
    Override("partials/path.html", "cbde0642861fe91597825d03c1c8cf6876f1fd079045579edea5bf578075d2ca",
             "The breadcrumbs get a name of their own (axe landmark-unique); a news item, announcement or "
             "procurement notice (not in the menu) gets its breadcrumb from changwat-sections' context."),
    Override("partials/top.html", "98f6f9ac2ebf6ef943b62c0b0781a373cc03ca7e0959cfc60d9c3c7060157227",
             "The back-to-top arrow is hidden from assistive technology: the button's text names it (IBM Equal "
             "Access svg_graphics_labelled)."),
    Override("partials/alternate.html", "572b1d4dae611aa5fd65107edec95e44331b6141abf86834ea4dc6c1ddd7241b",
             "Rewritten, not copied: the language switch is a plain link to the page's twin."),
)


def material_sha256(file: str) -> str:
    return hashlib.sha256((material_templates() / file).read_bytes()).hexdigest()


# Material's stylesheet carries the rules of every feature Material has; a citizen's phone downloads all of them
# on its first view. STYLE_CUTS leave out the rules of features a site does not turn on (each cut names the
# setting that would need them), and the palette's colours other than the kit's own. The site plugin writes the
# result under a name of its own (Material's names are cached as immutable: deploy/) and the patches
# main-stylesheet and palette-stylesheet point base.html at it. `selectors` is how many of Material's selectors a
# cut leaves out: tests/site/test_style_cuts.py fails when an upgrade changes that, so a cut is re-checked, never
# silently wider or narrower.
MAIN_CSS = "assets/stylesheets/main.*.min.css"
PALETTE_CSS = "assets/stylesheets/palette.*.min.css"


@dataclass(frozen=True)
class SiteUses:
    """What a site's mkdocs.yml turns on, as plain names (built by the site plugin from MkDocs' config)."""
    markdown_extensions: frozenset[str] = frozenset()
    features: frozenset[str] = frozenset()      # theme.features
    plugins: frozenset[str] = frozenset()       # as named in mkdocs.yml, e.g. "material/blog" or "blog"
    extra: frozenset[str] = frozenset()         # keys of `extra`, and "analytics.feedback"
    repo_url: bool = False
    palette_colours: frozenset[str] = frozenset({"custom"})   # every primary and accent of theme.palette
    palette_toggle: bool = False                # theme.palette is a list of schemes with a toggle
    material_search: bool = False               # Material's (or MkDocs') search plugin, not changwat-search
    kit_main_template: bool = True              # no main.html in the site's custom_dir: the kit's footer is used
    right_to_left: bool = False                 # a language of the site is written right to left

    def plugin(self, *names: str) -> bool:
        return any(name in self.plugins or f"material/{name}" in self.plugins for name in names)

    def extension(self, name: str) -> bool:
        return name in self.markdown_extensions or f"markdown.extensions.{name}" in self.markdown_extensions


@dataclass(frozen=True)
class StyleCut:
    name: str
    file: str                                   # MAIN_CSS or PALETTE_CSS
    unused: Callable[[SiteUses], bool]          # whether the site leaves the feature off
    selectors: int                              # how many of Material's selectors the cut leaves out
    why: str
    classes: tuple[str, ...] = ()               # a selector naming one (or its __element, --modifier) goes
    pattern: re.Pattern | None = None           # or a selector this finds
    properties: tuple[str, ...] = ()            # custom properties (prefixes) that only the cut rules read
    material: str = MATERIAL_VERSION

    def selector_pattern(self) -> re.Pattern:
        return self.pattern or class_pattern(self.classes)

    def property_pattern(self) -> re.Pattern | None:
        return custom_property_pattern(self.properties) if self.properties else None


STYLE_CUTS: tuple[StyleCut, ...] = (
    StyleCut("tabbed", MAIN_CSS, lambda s: not s.extension("pymdownx.tabbed"), 232,
             "Content tabs exist only with the pymdownx.tabbed extension.",
             classes=("tabbed-set", "tabbed-labels", "tabbed-content", "tabbed-block", "tabbed-button",
                      "tabbed-control", "tabbed-alternate"), properties=("md-tabbed-icon",)),
    StyleCut("tasklist", MAIN_CSS, lambda s: not s.extension("pymdownx.tasklist"), 9,
             "Task lists exist only with the pymdownx.tasklist extension.",
             classes=("task-list-item", "task-list-control", "task-list-indicator"), properties=("md-tasklist-icon",)),
    StyleCut("footnotes", MAIN_CSS, lambda s: not s.extension("footnotes"), 18,
             "Footnotes exist only with Markdown's footnotes extension.",
             classes=("footnote", "footnote-ref", "footnote-backref"), properties=("md-footnotes-icon",)),
    StyleCut("arithmatex", MAIN_CSS, lambda s: not s.extension("pymdownx.arithmatex"), 6,
             "Maths exists only with the pymdownx.arithmatex extension.", classes=("arithmatex",)),
    StyleCut("critic", MAIN_CSS, lambda s: not s.extension("pymdownx.critic"), 11,
             "Change marks exist only with the pymdownx.critic extension.", classes=("critic",)),
    StyleCut("keys", MAIN_CSS, lambda s: not s.extension("pymdownx.keys"), 48,
             "Key combinations exist only with the pymdownx.keys extension (plain <kbd> keeps its style).",
             classes=("keys",)),
    StyleCut("emoji", MAIN_CSS, lambda s: not s.extension("pymdownx.emoji"), 6,
             "Emoji and icons in text exist only with the pymdownx.emoji extension.",
             classes=("emojione", "twemoji", "gemoji")),
    StyleCut("mermaid", MAIN_CSS, lambda s: True, 1,
             "The kit refuses diagrams (content lint: a diagram needs an image with alt text; no-mermaid-cdn).",
             classes=("mermaid",), properties=("md-mermaid-",)),
    StyleCut("blog", MAIN_CSS, lambda s: not s.plugin("blog"), 52,
             "Posts, pinned posts, their meta line, profiles, drafts and index pages exist only with Material's "
             "blog plugin.",
             classes=("md-post", "md-pin", "md-meta", "md-pagination", "md-content--post", "md-sidebar--post",
                      "md-draft", "md-profile")),
    StyleCut("authors", MAIN_CSS, lambda s: not s.plugin("blog", "git-authors", "git-committers"), 13,
             "Authors' pictures exist only with the blog, git-authors or git-committers plugins.",
             classes=("md-author",)),
    StyleCut("source-file", MAIN_CSS,
             lambda s: not s.plugin("git-revision-date-localized", "git-authors", "git-committers"), 9,
             "The page's dates and authors from git (partials/source-file.html) exist only with those plugins; the "
             "kit dates pages itself (changwat-dates).", classes=("md-source-file",)),
    StyleCut("page-actions", MAIN_CSS,
             lambda s: not {"content.action.edit", "content.action.view"} & s.features, 7,
             "The edit and view buttons exist only with the content.action.edit or content.action.view features.",
             classes=("md-content__button",)),
    StyleCut("material-footer", MAIN_CSS, lambda s: s.kit_main_template, 22,
             "The kit's main.html writes its own footer (site/footer.html): Material's previous/next links and "
             "copyright bar are never on a page.",
             classes=("md-footer-meta", "md-footer__inner", "md-footer__link", "md-footer__direction",
                      "md-footer__title", "md-footer__button", "md-copyright")),
    StyleCut("integrated-toc", MAIN_CSS, lambda s: "toc.integrate" not in s.features, 9,
             "The table of contents inside the menu exists only with the toc.integrate feature.",
             classes=("md-nav--integrated",)),
    StyleCut("sticky-tabs", MAIN_CSS, lambda s: "navigation.tabs.sticky" not in s.features, 2,
             "Tabs that stay under the header exist only with the navigation.tabs.sticky feature.",
             classes=("md-header--lifted",)),
    StyleCut("palette-toggle", MAIN_CSS, lambda s: not s.palette_toggle, 3,
             "Material's colour scheme toggle exists only with a list of palettes; the kit's colour modes are its "
             "own (display/controls.html).", classes=("md-option",)),
    StyleCut("material-search", MAIN_CSS, lambda s: not s.material_search, 36,
             "Search suggestions and sharing belong to Material's search; the kit's search (changwat-search) "
             "reuses only the box and the result list (search.js writes items, articles and links).",
             classes=("md-search__options", "md-search__suggest", "md-search-result__icon", "md-search-result__more",
                      "md-search-result__terms", "md-search-result__teaser")),
    StyleCut("tags", MAIN_CSS, lambda s: not s.plugin("tags"), 10,
             "Tags exist only with Material's tags plugin.", classes=("md-tag", "md-tags", "md-tag-icon", "md-tag-shadow"),
             properties=("md-tag-icon",)),
    StyleCut("repository", MAIN_CSS, lambda s: not s.repo_url, 31,
             "The repository's name and facts in the header and the menu exist only with repo_url.",
             classes=("md-source", "md-header__source", "md-nav__source"),
             properties=("md-source-",)),
    StyleCut("version", MAIN_CSS, lambda s: "version" not in s.extra, 21,
             "The version selector and the outdated version's banner exist only with extra.version.",
             classes=("md-version", "md-banner--warning"),
             properties=("md-version-icon",)),
    StyleCut("select", MAIN_CSS, lambda s: "version" not in s.extra, 13,
             "Material's drop-down selector serves its version selector and its language selector; the kit's "
             "language switch is a plain link (partials/alternate.html).", classes=("md-select",)),
    StyleCut("consent", MAIN_CSS, lambda s: "consent" not in s.extra, 9,
             "The cookie consent form exists only with extra.consent.", classes=("md-consent",)),
    StyleCut("feedback", MAIN_CSS, lambda s: "analytics.feedback" not in s.extra, 14,
             "Material's page feedback exists only with extra.analytics.feedback (the kit's survey is its own).",
             classes=("md-feedback",)),
    StyleCut("social", MAIN_CSS, lambda s: "social" not in s.extra, 5,
             "Social links in Material's footer exist only with extra.social (the kit's footer is its own).",
             classes=("md-social",)),
    StyleCut("progress", MAIN_CSS, lambda s: "navigation.instant.progress" not in s.features, 1,
             "The loading bar exists only with the navigation.instant.progress feature.", classes=("md-progress",)),
    StyleCut("right-to-left", MAIN_CSS, lambda s: not s.right_to_left, 113,
             "Mirrored layout for languages written right to left (<html dir=rtl>); Thai and English are not.",
             pattern=re.compile(r"\[dir=rtl\]")),
    StyleCut("palette-colours", PALETTE_CSS, lambda s: s.palette_colours <= {"custom"}, 100,
             "Material's named primary and accent colours; the kit's colours are `custom` (changwat.css). The "
             "dark scheme (slate), which the kit's colour modes use, stays.",
             pattern=re.compile(r"\[data-md-color-(?:primary|accent)=(?!custom\])[\w-]+\]")),
)


def right_to_left(language: str) -> bool:
    """Whether Material writes pages in `language` right to left (its translation's "direction")."""
    translation = material_templates() / "partials" / "languages" / f"{language}.html"
    return translation.is_file() and re.search(r'"direction":\s*"rtl"', translation.read_text("utf-8")) is not None


def cut_stylesheet(css: str, file: str, uses: SiteUses) -> str:
    """Material's stylesheet `file` (MAIN_CSS or PALETTE_CSS) without the rules of what `uses` leaves off."""
    cuts = [cut for cut in STYLE_CUTS if cut.file == file and cut.unused(uses)]
    if cuts:  # one pass over the stylesheet for all of them
        selectors = re.compile("|".join(cut.selector_pattern().pattern for cut in cuts))
        properties = [cut.property_pattern().pattern for cut in cuts if cut.properties]
        css, _ = drop_rules(css, selectors, re.compile("|".join(properties)) if properties else None)
    # The source map describes Material's file, not this one (and is not shipped: unused_material_file).
    return re.sub(r"/\*# sourceMappingURL=[^*]*\*/\s*$", "", css)
