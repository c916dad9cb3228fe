from pathlib import Path

from changwat.site.compat import (
    MATERIAL_ALTERNATE_LOOKUP, fix_material_markup, name_menu_toc, self_host_polyfill, skip_alternate_sitemaps,
    wrap_tables,
)


def test_material_toggle_and_label_defects_are_removed():
    html = ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
            '<label class="md-nav__link" for="__nav_2" id="__nav_2_label" tabindex="">'
            '<input type="text" class="md-search__input" autocapitalize="off" autocorrect="off" autocomplete="off">')
    fixed = fix_material_markup(html)
    assert 'type="checkbox" id="__drawer">' in fixed
    assert 'tabindex=""' not in fixed and "autocorrect" not in fixed
    # autocomplete stays where it is allowed (text inputs).
    assert 'class="md-search__input" autocapitalize="off" autocomplete="off"' in fixed


def test_toc_label_without_its_toggle_becomes_plain_text():
    orphan = '<label class="md-nav__title" for="__toc">\n สารบัญ\n</label>'
    assert fix_material_markup(orphan) == '<div class="md-nav__title">\n สารบัญ\n</div>'
    paired = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">' + orphan
    assert fix_material_markup(paired) == paired


def test_menu_copy_of_the_toc_gets_its_own_name():
    toc = '<nav class="md-nav md-nav--secondary" aria-label="สารบัญ">'
    fixed = name_menu_toc(toc + "x" + toc, "สารบัญในเมนู")
    assert fixed == '<nav class="md-nav md-nav--secondary" aria-label="สารบัญในเมนู">x' + toc
    assert name_menu_toc(toc, "สารบัญในเมนู") == toc


def test_tables_scroll_in_a_labelled_focusable_region():
    html = "<table>\n<thead>\n<tr>\n<th>บริการ</th>\n<th>ค่าธรรมเนียม</th>\n</tr></thead></table>"
    wrapped = wrap_tables(html, "ตาราง")
    assert wrapped.startswith('<div class="changwat-table" role="region" tabindex="0" aria-label="ตาราง: บริการ, ค่าธรรมเนียม">')
    assert '<table class="changwat-table__table">' in wrapped and wrapped.endswith("</table></div>")
    captioned = wrap_tables('<table><caption>ฟีด "ข่าว"</caption></table>', "ตาราง")
    assert 'aria-label="ฟีด &quot;ข่าว&quot;"' in captioned


def test_material_polyfill_is_self_hosted():
    bundle = 'typeof ResizeObserver=="undefined"?_t("https://unpkg.com/resize-observer-polyfill"):$(void 0)'
    assert self_host_polyfill(bundle, "/assets/vendor/ro.js") == \
        'typeof ResizeObserver=="undefined"?_t("/assets/vendor/ro.js"):$(void 0)'


def test_material_no_longer_fetches_sitemaps_for_alternate_links(built_site):
    # Material's own bundle has the lookup (else the fix has silently stopped applying after an upgrade) ...
    import material

    theme_js = Path(material.__file__).parent / "templates" / "assets" / "javascripts"
    assert MATERIAL_ALTERNATE_LOOKUP in next(theme_js.glob("bundle.*.min.js")).read_text(encoding="utf-8")
    # ... and the bundle the site ships has it no more: no sitemap.xml request on every page.
    bundle = next((built_site / "assets" / "javascripts").glob("bundle.*.min.js")).read_text(encoding="utf-8")
    assert MATERIAL_ALTERNATE_LOOKUP not in bundle
    assert skip_alternate_sitemaps('$$("link[rel=alternate]")') == '$$("link[rel=alternate][data-changwat-never]")'
