from changwat.markup_fixes import fix_material_markup


def test_material_toggle_and_label_defects_are_removed():
    html = ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
            '<label class="md-nav__link" for="__nav_2" id="__nav_2_label" tabindex="">'
            '<input type="text" class="md-search__input" autocapitalize="off" autocorrect="off" autocomplete="off">')
    fixed = fix_material_markup(html)
    assert 'type="checkbox" id="__drawer">' in fixed
    assert 'tabindex=""' not in fixed and "autocorrect" not in fixed
    # autocomplete stays where it is allowed (text inputs).
    assert 'class="md-search__input" autocapitalize="off" autocomplete="off"' in fixed
