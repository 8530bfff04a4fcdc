//! The HTML preview: hostile input, direction per block, citation and claim markup.

mod common;

use mizan_brief::{Brief, ClaimKind, parse, render_article, render_html};
use mizan_i18n::{Lang, Localizer};

/// The preview markup without its `data-line` attributes, which
/// `every_block_says_where_it_starts` checks on its own.
fn render(brief: &Brief) -> String {
    let html = render_html(brief, &Localizer::new(brief.lang));
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(at) = rest.find(" data-line=\"") {
        out.push_str(&rest[..at]);
        let after = &rest[at + " data-line=\"".len()..];
        rest = after.find('"').map_or("", |end| &after[end + 1..]);
    }
    out.push_str(rest);
    out
}

#[test]
fn every_block_says_where_it_starts() {
    let text = "---\nlang: fr\n---\n\n# Titre\n\nPremier paragraphe\nsur deux lignes.\n\n- un\n- deux\n\n> cité\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode\n```\n\n---\n";
    let html = render_html(&parse(text), &Localizer::new(Lang::Fr));
    for expected in [
        "<h1 dir=\"ltr\" data-line=\"5\">",
        "<p dir=\"ltr\" data-line=\"7\">",
        "<ul dir=\"ltr\" data-line=\"10\"",
        "<li dir=\"ltr\" data-line=\"10\">",
        "<li dir=\"ltr\" data-line=\"11\">",
        "<blockquote dir=\"ltr\" data-line=\"13\"",
        "<table dir=\"ltr\" data-line=\"15\">",
        "<pre dir=\"ltr\" data-line=\"19\">",
        "<hr data-line=\"23\">",
    ] {
        assert!(html.contains(expected), "{expected} in {html}");
    }
    // Raw HTML cannot smuggle anything but digits into the attribute.
    let hostile =
        render_html(&parse("---\nlang: fr\n---\n\n<p data-line=\"1 onclick=x\">t</p>\n"), &Localizer::new(Lang::Fr));
    assert!(!hostile.contains("onclick"), "{hostile}");
}

#[test]
fn lines_stay_right_when_earlier_text_grows() {
    // Blocks are sanitised one by one and remembered: after an edit that adds lines
    // above, the remembered blocks must still say where they now start.
    let text = "---\nlang: fr\n---\n\n# Titre\n\nUn paragraphe.\n\n- un\n- deux\n\nTexte : data-line=\"2\" <b title='data-line=\"3\"'>gras</b>.\n";
    let before = render_html(&parse(text), &Localizer::new(Lang::Fr));
    assert!(before.contains("<li dir=\"ltr\" data-line=\"10\">"), "{before}");
    let edited = text.replace("# Titre\n", "# Titre\n\nNouveau\nparagraphe.\n");
    let after = render_html(&parse(&edited), &Localizer::new(Lang::Fr));
    for expected in [
        "<h1 dir=\"ltr\" data-line=\"5\">",
        "<p dir=\"ltr\" data-line=\"7\">Nouveau",
        "<p dir=\"ltr\" data-line=\"10\">Un paragraphe.",
        "<ul dir=\"ltr\" data-line=\"12\"",
        "<li dir=\"ltr\" data-line=\"13\">",
        // Text and attribute values that look like the attribute are left as written.
        "data-line=\"2\" <b title=\"data-line=&quot;3&quot;\">",
    ] {
        assert!(after.contains(expected), "{expected} in {after}");
    }
    // The same text renders the same whether its blocks were remembered or not.
    assert_eq!(render_html(&parse(text), &Localizer::new(Lang::Fr)), before);
}

#[test]
fn blocks_keep_their_key_when_only_their_place_changes() {
    let text = "---\nlang: fr\n---\n\n# Titre\n\nUn paragraphe.\n\n- un\n- deux\n\nFin.\n";
    let l10n = Localizer::new(Lang::Fr);
    let before = render_article(&parse(text), &l10n);
    assert_eq!(before.html(), render_html(&parse(text), &l10n));
    let edited = text.replace("Un paragraphe.", "Un paragraphe\nplus long.");
    let after = render_article(&parse(&edited), &l10n);
    assert_eq!(after.html(), render_html(&parse(&edited), &l10n));
    assert_eq!(before.open, after.open);
    let keys = |a: &mizan_brief::Article| a.blocks.iter().map(|b| (b.key, b.line_offset)).collect::<Vec<_>>();
    let (b, a) = (keys(&before), keys(&after));
    assert_eq!(b.len(), 4, "heading, paragraph, list, paragraph (no title, no cover header)");
    assert_eq!(a.len(), b.len());
    // The heading: same key, same place. The paragraph: a new key. Below it: the same
    // key, one line further down.
    assert_eq!(a[0], b[0]);
    assert_ne!(a[1].0, b[1].0);
    assert_eq!(a[2..].iter().map(|&(k, l)| (k, l - 1)).collect::<Vec<_>>(), b[2..].to_vec());
    // Equal markup, equal key, wherever the blocks are.
    let twice = render_article(&parse("---\nlang: fr\n---\n\nFin.\n\nFin.\n"), &l10n);
    assert_eq!(twice.blocks[0].key, twice.blocks[1].key);
    assert_eq!(twice.blocks[0].markup, twice.blocks[1].markup);
    assert_ne!(twice.blocks[0].line_offset, twice.blocks[1].line_offset);
}

/// Every `on…=` attribute inside a tag (event handlers), case-insensitively.
fn event_handlers(html: &str) -> Vec<String> {
    let lower = html.to_lowercase();
    let mut found = Vec::new();
    let mut in_tag = false;
    let chars: Vec<char> = lower.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            'o' if in_tag && i > 0 && chars[i - 1].is_whitespace() && chars.get(i + 1) == Some(&'n') => {
                let name: String = chars[i..].iter().take_while(|c| c.is_ascii_alphanumeric()).collect();
                if chars.get(i + name.chars().count()) == Some(&'=') {
                    found.push(name);
                }
            }
            _ => {}
        }
    }
    found
}

#[test]
fn hostile_html_and_urls_do_not_survive() {
    let text = "---\nlang: fr\n---\n\n\
        <script>alert('bloc')</script>\n\n\
        Texte <script>alert(1)</script> et <img src=x onerror=\"alert(2)\"> puis \
        <a href=\"javascript:alert(3)\" onclick=\"alert(4)\">lien</a>.\n\n\
        [clic](javascript:alert(5)) [clic2](JaVaScRiPt:alert(6)) [clic3](  javascript:alert(7))\n\n\
        ![image](javascript:alert(8)) <svg onload=alert(9)><circle/></svg>\n\n\
        <div style=\"background:url(javascript:alert(10))\" onmouseover=\"alert(11)\">bloc</div>\n\n\
        <iframe src=\"https://exemple.org\"></iframe><style>p{color:red}</style>\n\n\
        <a href=\"data:text/html,<script>alert(12)</script>\">data</a> \
        <a href=\"vbscript:msgbox(13)\">vb</a>\n\n\
        Un fait [@cle\"><script>alert(14)</script>].\n";
    let html = render(&parse(text));
    let lower = html.to_lowercase();
    assert!(!lower.contains("<script"), "{html}");
    assert!(!lower.contains("javascript:"), "{html}");
    assert!(!lower.contains("vbscript:"), "{html}");
    assert!(!lower.contains("data:text"), "{html}");
    assert!(!lower.contains("<iframe"), "{html}");
    assert!(!lower.contains("<style"), "{html}");
    assert!(!lower.contains("<svg"), "{html}");
    assert!(!lower.contains("style="), "{html}");
    assert_eq!(event_handlers(&html), Vec::<String>::new(), "{html}");
    // What is harmless is kept: the text and the link words.
    assert!(html.contains("lien"), "{html}");
    assert!(html.contains("bloc"), "{html}");
    // The event-handler scanner itself finds handlers when there are some.
    assert_eq!(event_handlers("<img src=x onerror=\"a\">"), vec!["onerror".to_owned()]);
}

#[test]
fn safe_links_are_kept_and_relative_paths_dropped() {
    let text = "---\nlang: en\n---\n\n[web](https://example.org/a?b=1) [mail](mailto:desk@example.org) \
        [note](#fn-1) [file](../../etc/passwd) [plain](http://example.org)\n";
    let html = render(&parse(text));
    assert!(html.contains("href=\"https://example.org/a?b=1\""), "{html}");
    assert!(html.contains("href=\"mailto:desk@example.org\""), "{html}");
    assert!(html.contains("href=\"#fn-1\""), "{html}");
    assert!(html.contains("href=\"http://example.org\""), "{html}");
    assert!(!html.contains("passwd"), "{html}");
}

#[test]
fn arabic_brief_with_a_french_quotation_has_an_ltr_block_inside() {
    let brief = parse(&common::read("briefs/sample-ar.md"));
    assert_eq!(brief.lang, Lang::Ar);
    let html = render(&brief);
    assert!(html.starts_with("<article class=\"brief\" lang=\"ar\" dir=\"rtl\">"), "{html}");
    assert!(html.contains("<blockquote dir=\"ltr\""), "{html}");
    assert!(html.contains("<p dir=\"ltr\">« On ne roule plus de nuit."), "{html}");
    // Arabic paragraphs and headings are rtl.
    assert!(html.contains("<h2 dir=\"rtl\">"), "{html}");
    assert!(html.contains("<p dir=\"rtl\">"), "{html}");
    // Every paragraph and heading carries the direction the model gives it, in order.
    let mut expected = Vec::new();
    model_directions(&brief.blocks, &mut expected);
    let mut found = Vec::new();
    for (i, _) in html.match_indices('<') {
        let rest = &html[i + 1..];
        let is_block = rest.starts_with("p dir=") || (rest.starts_with('h') && rest[2..].starts_with(" dir="));
        if is_block {
            let value = rest.split("dir=\"").nth(1).and_then(|v| v.split('"').next()).unwrap();
            found.push(value.to_owned());
        }
    }
    assert_eq!(found, expected, "{html}");
    assert!(expected.iter().any(|d| d == "ltr") && expected.iter().any(|d| d == "rtl"));
}

fn model_directions(blocks: &[mizan_brief::Block], out: &mut Vec<String>) {
    use mizan_brief::{BlockKind, Direction, Node, walk};
    walk(blocks, &mut |node: Node<'_>| {
        if let Node::Block(block) = node
            && let BlockKind::Heading { .. } | BlockKind::Paragraph { .. } = block.kind
        {
            out.push(if block.direction == Direction::Rtl { "rtl" } else { "ltr" }.to_owned());
        }
    });
}

#[test]
fn citation_markers_carry_the_escaped_key_and_link_to_the_source_card() {
    let brief = parse(&common::read("briefs/sample-fr.md"));
    let html = render(&brief);
    assert!(
        html.contains(
            "<a class=\"cite\" data-key=\"rfi-blocus-bamako-2025\" href=\"#source-rfi-blocus-bamako-2025\" \
             rel=\"noopener noreferrer\">rfi-blocus-bamako-2025</a>"
        ),
        "{html}"
    );
    assert!(html.contains("data-key=\"reuters-mali-fuel-2025\" href=\"#source-reuters-mali-fuel-2025\" data-credibility=\"2\" rel=\"noopener noreferrer\">reuters-mali-fuel-2025</a>"), "{html}");
    assert!(html.contains("crisisgroup-mali-2025, p. 3</a>"), "{html}");
    // Every cited key of the brief appears as a marker.
    for group in &brief.citations {
        for item in &group.items {
            assert!(html.contains(&format!("data-key=\"{}\"", item.key.as_str())), "{}", item.key.as_str());
        }
    }
    // A key with characters that matter in HTML is escaped (keys allow `&`? whatever
    // the key grammar allows, nothing can break out of the attribute).
    let odd = render(&parse("---\nlang: fr\n---\n\nUn fait [@a&b]. Un autre [@x<y].\n"));
    assert!(!odd.contains("data-key=\"a&b\""), "{odd}");
    assert!(!odd.contains("<y"), "{odd}");
}

#[test]
fn every_claim_is_marked_with_its_kind_and_id() {
    for name in ["briefs/sample-fr.md", "briefs/sample-ar.md"] {
        let brief = parse(&common::read(name));
        let html = render(&brief);
        for claim in &brief.claims {
            let kind = claim.kind.as_str();
            assert!(
                html.contains(&format!("data-claim-kind=\"{kind}\" data-claim-id=\"{}\"", claim.id)),
                "{name}: {kind} {} «{}» not marked",
                claim.id,
                claim.text
            );
        }
    }
}

#[test]
fn fact_claims_wrap_their_sentence_only() {
    let brief = parse(
        "---\nlang: fr\n---\n\nPhrase sans source. Le blocus a commencé en septembre 2025 \
         [@rfi-blocus-bamako-2025, p. 2]. Autre phrase.\n",
    );
    let id = brief.claims[0].id;
    let html = render(&brief);
    let expected = format!(
        "<p dir=\"ltr\">Phrase sans source. <span class=\"claim fact\" data-claim-kind=\"fact\" \
         data-claim-id=\"{id}\">Le blocus a commencé en septembre 2025 <span class=\"cite-group\">[<a \
         class=\"cite\" data-key=\"rfi-blocus-bamako-2025\" href=\"#source-rfi-blocus-bamako-2025\" \
         rel=\"noopener noreferrer\">rfi-blocus-bamako-2025, p. 2</a>]</span>.</span> Autre phrase.</p>"
    );
    assert!(html.contains(&expected), "{html}\n{expected}");
}

#[test]
fn claim_spans_split_at_formatting_and_stay_well_nested() {
    let brief = parse("---\nlang: fr\n---\n\nAvant **gras. Le fait commence** ici et finit [@a]. Après.\n");
    let html = render(&brief);
    let id = brief.claims[0].id;
    let open = format!("<span class=\"claim fact\" data-claim-kind=\"fact\" data-claim-id=\"{id}\">");
    assert_eq!(html.matches(&open).count(), 2, "{html}");
    assert!(html.contains(&format!("<strong>gras. {open}Le fait commence</span></strong>{open} ici")), "{html}");
    // Well nested: every prefix has at least as many opened spans as closed ones, and
    // totals match.
    let mut depth = 0i64;
    for (i, _) in html.match_indices('<') {
        if html[i..].starts_with("<span") {
            depth += 1;
        } else if html[i..].starts_with("</span") {
            depth -= 1;
            assert!(depth >= 0, "{html}");
        }
    }
    assert_eq!(depth, 0, "{html}");
}

#[test]
fn judgments_are_blocks_with_a_localised_label() {
    let fr = parse(&common::read("briefs/sample-fr.md"));
    let html = render(&fr);
    let judgment = fr.claims.iter().find(|c| c.kind == ClaimKind::Judgment).unwrap();
    let expected = format!(
        "<p dir=\"ltr\" class=\"claim judgment\" data-claim-kind=\"judgment\" data-claim-id=\"{}\" \
         data-likelihood=\"unlikely\" data-confidence=\"moderate\"><span class=\"claim-label\"><strong \
         class=\"claim-kind\">Jugement</strong> <span class=\"claim-qualifiers\">(improbable, 20–45 % ; \
         confiance modérée)</span> :</span> Une prise de Bamako",
        judgment.id
    );
    assert!(html.contains(&expected), "{html}\n{expected}");
    assert!(html.contains("class=\"claim assumption\" data-claim-kind=\"assumption\""), "{html}");
    assert!(html.contains("<strong class=\"claim-kind\">Hypothèse</strong>"), "{html}");

    let ar = parse(&common::read("briefs/sample-ar.md"));
    let html = render(&ar);
    assert!(html.contains("<strong class=\"claim-kind\">تقدير</strong>"), "{html}");
    assert!(html.contains("<span class=\"claim-qualifiers\">(مرجح، 55–80٪؛ ثقة متوسطة)</span>:</span>"), "{html}");
    assert!(html.contains("<strong class=\"claim-kind\">افتراض</strong>"), "{html}");

    // The label follows the localizer's language when the caller asks for another.
    let english = render_html(&fr, &Localizer::new(Lang::En));
    assert!(english.contains("<strong class=\"claim-kind\">Judgment</strong>"), "{english}");
    assert!(english.contains("(unlikely, 20–45%; moderate confidence)</span>:</span>"), "{english}");
}

#[test]
fn raw_html_cannot_break_out_of_the_structure() {
    let brief = parse("---\nlang: fr\n---\n\nUn fait <b>gras [@a]. Suite</b> sans fin.\n\n</article><p>après</p>\n");
    let html = render(&brief);
    assert!(html.starts_with("<article"), "{html}");
    assert!(html.ends_with("</article>"), "{html}");
    assert_eq!(html.matches("<article").count(), 1, "{html}");
    assert_eq!(html.matches("</article>").count(), 1, "{html}");
}

#[test]
fn tables_mark_cited_rows_and_code_stays_ltr() {
    let brief = parse(&common::read("briefs/sample-fr.md"));
    let html = render(&brief);
    assert!(html.contains("<table dir=\"ltr\"><thead><tr><th>Acteur</th>"), "{html}");
    assert!(html.contains("<tr class=\"claim fact\" data-claim-kind=\"fact\" data-claim-id=\""), "{html}");
    let code = render(&parse("---\nlang: ar\n---\n\n```\n<script>x</script>\n```\n"));
    assert!(code.contains("<pre dir=\"ltr\"><code>&lt;script&gt;x&lt;/script&gt;\n</code></pre>"), "{code}");
}

/// The preview marks the claims the model gives each sentence, block and row, and derives
/// none of its own: a claim taken out of the model is gone from the markup.
#[test]
fn the_preview_marks_the_claims_the_model_gives_and_no_others() {
    let text = "---\nlang: fr\n---\n\nUn fait du modèle [@a]. Un autre [@b].\n\n> Cité du modèle [@c].\n\n\
                | a | b |\n|-|-|\n| rang du modèle [@d] | x |\n\n**Jugement** : le modèle tient [@e].\n";
    let brief = parse(text);
    let ids: Vec<String> = brief.claims.iter().map(|c| format!("data-claim-id=\"{}\"", c.id)).collect();
    let html = render(&brief);
    assert!(ids.iter().all(|id| html.contains(id)), "{html}");
    let mut stripped = brief.clone();
    for sentence in &mut stripped.sentences {
        sentence.claim = None;
    }
    for block in &mut stripped.blocks {
        block.claim = None;
    }
    // Rendered afresh: the article memo keys blocks by the claims they hold.
    for block in &mut stripped.blocks {
        block.claims = 0..0;
    }
    let html = render(&stripped);
    assert!(ids.iter().all(|id| !html.contains(id)), "{html}");
    assert!(html.contains("<p dir=\"ltr\" class=\"claim judgment\" data-claim-kind=\"judgment\">"), "{html}");
}

#[test]
fn rendering_is_pure_and_survives_odd_input() {
    let brief = parse(&common::read("briefs/sample-ar.md"));
    let localizer = Localizer::new(brief.lang);
    assert_eq!(render_html(&brief, &localizer), render_html(&brief, &localizer));
    let deep = format!("---\nlang: fr\n---\n\n{}texte [@a]\n", "> ".repeat(200));
    let html = render(&parse(&deep));
    assert!(html.contains("texte"), "{html}");
    let lists = format!("---\nlang: fr\n---\n\n{}fait [@a].\n", "- ".repeat(100));
    assert!(render(&parse(&lists)).contains("fait"));
    let bytes: Vec<u8> = (0u8..=255).cycle().take(5000).collect();
    let html = render(&mizan_brief::parse_bytes(&bytes));
    assert!(!html.to_lowercase().contains("<script"));
}

#[test]
fn images_load_nothing_and_show_their_alt_text() {
    let brief = parse(
        "---\nlang: fr\n---\n\nCarte : ![Carte du Sahel](https://example.org/carte.png) et <img src=\"https://tracker.example/p.gif\">.\n",
    );
    let html = render_html(&brief, &Localizer::new(Lang::Fr));
    assert!(!html.contains("<img"), "{html}");
    assert!(html.contains("[Carte du Sahel]"), "{html}");
}
