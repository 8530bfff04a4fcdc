//! parse → write → parse gives the same brief, for every brief file in the repository.

mod common;

use mizan_brief::{Block, Brief, Inline, NodeMut, Span, new_brief, parse, set_id, walk_mut};
use mizan_source::PartialDate;
use uuid::Uuid;

/// Byte positions set aside: they move when the writer writes differently.
fn strip_positions(blocks: &mut [Block]) {
    walk_mut(blocks, &mut |node: NodeMut<'_>| match node {
        NodeMut::Block(block) => block.span = Span::default(),
        NodeMut::Inline(Inline::Citation(group)) => group.span = Span::default(),
        _ => {}
    });
}

/// What must survive a round trip: everything but byte positions.
fn essence(brief: &Brief) -> impl PartialEq + std::fmt::Debug {
    let mut blocks = brief.blocks.clone();
    strip_positions(&mut blocks);
    let claims: Vec<_> =
        brief.claims.iter().map(|c| (c.id, c.kind, c.text.clone(), c.citations.clone(), c.marker.clone())).collect();
    let sentences: Vec<_> = brief
        .sentences
        .iter()
        .map(|s| (s.text.clone(), s.role, s.citations, s.section, s.extent.clone(), s.claim))
        .collect();
    let sections: Vec<_> = brief.sections.iter().map(|s| (s.id.clone(), s.heading.clone(), s.level)).collect();
    let codes: Vec<_> = brief.diagnostics.iter().map(|d| d.code).collect();
    (brief.front.clone(), brief.lang, blocks, claims, sentences, sections, codes)
}

fn assert_round_trip(name: &str, text: &str) {
    let first = parse(text);
    let written = first.to_markdown();
    let second = parse(&written);
    assert_eq!(essence(&first), essence(&second), "{name}\n--- written ---\n{written}");
    assert_eq!(second.to_markdown(), written, "{name}: the writer is not stable");
}

#[test]
fn fixtures_and_samples_round_trip() {
    let dir = common::fixtures().join("briefs");
    let mut files = vec![dir.join("sample-ar.md"), dir.join("sample-fr.md")];
    files.extend(std::fs::read_dir(dir.join("audit")).unwrap().map(|e| e.unwrap().path()));
    for path in files {
        assert_round_trip(&path.display().to_string(), &std::fs::read_to_string(&path).unwrap());
    }
}

#[test]
fn new_briefs_round_trip() {
    let today = PartialDate::parse("2025-11-20").unwrap();
    for template in ["assessment", "sitrep", "note"] {
        for lang in mizan_brief::Lang::ALL {
            assert_round_trip(template, &new_brief(template, lang, today).unwrap());
        }
    }
}

#[test]
fn markdown_constructs_round_trip() {
    let text = r#"---
title: "Constructions"
lang: en
extra_field: [1, 2]
---

# Heading with *emphasis* and `code`

Text with **strong**, ~~struck~~, a [link](https://example.org/a_(b) "Title"), an image ![alt *x*](img.png),
a soft break and a hard break\
then escaped \*stars\*, \[not a citation @x\], 5 * 3, a_b_c, <b>html</b> and &amp; entity &copy.

- tight item [@a, p. 3]
- second item
  - nested item [-@b; see @c, ch. 2, "an excerpt", cred. 4, and more]

1. loose

2. list

> quote line one
> quote line two [@q]

| a | b \| c |
| :-- | --: |
| `x|y` | 2 |

```rust
fn main() {}
```

***

Footnote here.[^n]

[^n]: The note [@f].

+ not a list marker in the model, just a bullet
\# not a heading
1\. not a list
"#;
    assert_round_trip("constructs", text);
    let brief = parse(text);
    assert!(brief.diagnostics.iter().any(|d| d.code == mizan_brief::Code::FrontMatterUnknownField));
    assert!(brief.to_markdown().contains("extra_field: [1, 2]"));
}

#[test]
fn set_id_then_parse_keeps_everything_else() {
    let text = common::read("briefs/sample-fr.md");
    let id = Uuid::from_u128(0x5a3e_0000_0000_4000_8000_0000_0000_0001);
    let with_id = set_id(&text, id);
    let before = parse(&text);
    let after = parse(&with_id);
    assert_eq!(after.front.id, Some(id));
    assert_eq!(
        with_id.lines().filter(|l| !l.starts_with("id: ")).collect::<Vec<_>>(),
        text.lines().collect::<Vec<_>>()
    );
    assert_eq!(before.claims.len(), after.claims.len());
    // Claim ids move into the brief's namespace once, then stay put across edits elsewhere.
    assert_ne!(before.claims[0].id, after.claims[0].id);
    let edited = with_id.replace("Le Niger redessine", "Le Niger, lui, redessine");
    let edited = parse(&edited);
    assert_eq!(
        after.claims[..10].iter().map(|c| c.id).collect::<Vec<_>>(),
        edited.claims[..10].iter().map(|c| c.id).collect::<Vec<_>>()
    );
    let repunctuated = parse(&with_id.replace("Depuis septembre 2025, le JNIM", "Depuis septembre 2025 le JNIM"));
    let i = after.claims.iter().position(|c| c.text.starts_with("Depuis septembre")).unwrap();
    assert_eq!(after.claims[i].id, repunctuated.claims[i].id);
}
