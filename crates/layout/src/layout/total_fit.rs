//! Choosing the line breaks: Knuth–Plass total fit, the break sequence with the least total
//! demerits over the opportunities of `breaks` (plus emergency breaks inside words wider than
//! the measure), each candidate line measured in O(1) from the prefix sums of `items`.

use super::{EPS, Engine, char_at};
use crate::breaks::{BreakKind, Breakpoint, opportunities};
use crate::model::{Align, TextLang};
use crate::script::{CharScript, char_script};

impl Engine<'_> {
    fn hyphen_width(&mut self, end: usize) -> f32 {
        let before = self.text.get(..end).and_then(|s| s.char_indices().next_back()).map_or(0, |(i, _)| i);
        match self.item_at(before) {
            Some(ix) => {
                let (face, size) = (self.items[ix].face, self.items[ix].size);
                self.advance_of(face, size, '-')
            }
            None => 0.0,
        }
    }

    /// Adds emergency breaks between the clusters of any unbreakable stretch wider than the
    /// measure.
    fn with_emergency_breaks(&self, breaks: Vec<Breakpoint>) -> Vec<Breakpoint> {
        // Never between a letter and its marks.
        let mut cluster_starts: Vec<usize> = self
            .items
            .iter()
            .flat_map(|it| it.glyphs.iter().map(|g| g.pos as usize))
            .filter(|&p| char_at(self.text, p).is_some_and(|c| char_script(c) != CharScript::Inherited))
            .collect();
        cluster_starts.sort_unstable();
        cluster_starts.dedup();
        let mut out = Vec::with_capacity(breaks.len());
        let mut prev = 0usize;
        for b in breaks {
            let end = self.content_end(prev, b.pos);
            if self.prefix[end] - self.prefix[prev] > self.para.measure {
                let from = cluster_starts.partition_point(|&p| p <= prev);
                let to = cluster_starts.partition_point(|&p| p < end);
                for &p in &cluster_starts[from..to] {
                    out.push(Breakpoint { pos: p, kind: BreakKind::Emergency });
                }
            }
            prev = b.pos;
            out.push(b);
        }
        out
    }

    /// Knuth–Plass total fit: the break sequence with the least total demerits.
    pub(super) fn break_lines(&mut self) -> Vec<Breakpoint> {
        let mut hyphenate = Vec::new();
        for (ix, span) in self.para.spans.iter().enumerate() {
            let lang = span.lang.unwrap_or(self.para.lang);
            if !span.verbatim
                && lang != TextLang::Ar
                && let Some(r) = self.spans.get(ix)
            {
                hyphenate.push((r.clone(), lang));
            }
        }
        let mut breaks = opportunities(self.text, &hyphenate);
        // A break after a soft hyphen shows a hyphen.
        for b in &mut breaks {
            if self.text.get(..b.pos).is_some_and(|s| s.ends_with('\u{00AD}')) {
                b.kind = BreakKind::Hyphen;
            }
        }
        let breaks = self.with_emergency_breaks(breaks);
        let hyphen_widths: Vec<f32> =
            breaks.iter().map(|b| if b.kind == BreakKind::Hyphen { self.hyphen_width(b.pos) } else { 0.0 }).collect();
        let justify = self.para.align == Align::Justify;
        let measure = self.para.measure;

        struct Node {
            bp: Option<usize>,
            fitness: u8,
            demerits: f64,
            prev: Option<usize>,
            hyphen: bool,
        }
        let mut nodes = vec![Node { bp: None, fitness: 1, demerits: 0.0, prev: None, hyphen: false }];
        let mut active: Vec<usize> = vec![0];
        for (bi, b) in breaks.iter().enumerate() {
            if b.pos == 0 {
                continue;
            }
            let mut best: [Option<(f64, usize)>; 4] = [None; 4];
            let mut survivors = Vec::with_capacity(active.len());
            let mut least_overfull: Option<(f32, usize)> = None;
            for &a in &active {
                let start = nodes[a].bp.map_or(0, |i| breaks[i].pos);
                if start >= b.pos {
                    survivors.push(a);
                    continue;
                }
                let end = self.content_end(start, b.pos);
                let natural = self.prefix[end] - self.prefix[start] + hyphen_widths[bi];
                let (stretch, shrink) = if justify {
                    let kashida = self.kashida_capacity[end] - self.kashida_capacity[start];
                    (self.stretch[end] - self.stretch[start] + kashida, self.shrink[end] - self.shrink[start])
                } else {
                    // Ragged lines: a fixed allowance so lines are reasonably full but never
                    // squeezed.
                    (measure / 3.0, 0.0)
                };
                let forced_end = b.kind == BreakKind::Mandatory;
                let ratio = if natural <= measure + EPS {
                    if forced_end {
                        0.0 // the last line and lines before a forced break are set loose
                    } else if stretch > 0.0 {
                        (measure - natural) / stretch
                    } else {
                        10.0
                    }
                } else if shrink > 0.0 {
                    (measure - natural) / shrink
                } else {
                    -10.0
                };
                if ratio < -1.0 || forced_end {
                    // This node can no longer start a line that fits (or the forced break
                    // closes every open line).
                    if ratio < -1.0 {
                        let over = natural - measure;
                        if least_overfull.is_none_or(|(o, _)| over < o) {
                            least_overfull = Some((over, a));
                        }
                    }
                } else {
                    survivors.push(a);
                }
                if ratio >= -1.0 {
                    let badness = (100.0 * f64::from(ratio.abs()).powi(3)).min(10_000.0);
                    let penalty: f64 = match b.kind {
                        BreakKind::Hyphen => 50.0,
                        BreakKind::Emergency => 1_000.0,
                        _ => 0.0,
                    };
                    let mut d = (10.0 + badness).powi(2) + penalty.powi(2);
                    let hyphen = b.kind == BreakKind::Hyphen;
                    if hyphen && nodes[a].hyphen {
                        d += 3_000.0;
                    }
                    let fitness = fitness_class(ratio);
                    if fitness.abs_diff(nodes[a].fitness) > 1 {
                        d += 3_000.0;
                    }
                    let total = nodes[a].demerits + d;
                    let slot = &mut best[usize::from(fitness)];
                    if slot.is_none_or(|(t, _)| total < t) {
                        *slot = Some((total, a));
                    }
                }
            }
            active = survivors;
            let mut added = false;
            for (fitness, slot) in best.iter().enumerate() {
                if let Some((total, prev)) = slot {
                    nodes.push(Node {
                        bp: Some(bi),
                        fitness: fitness as u8,
                        demerits: *total,
                        prev: Some(*prev),
                        hyphen: b.kind == BreakKind::Hyphen,
                    });
                    active.push(nodes.len() - 1);
                    added = true;
                }
            }
            if !added && active.is_empty() {
                // Nothing fits (a single cluster wider than the measure): take the least
                // overfull line; it is scaled to the measure when built.
                if let Some((_, a)) = least_overfull {
                    nodes.push(Node {
                        bp: Some(bi),
                        fitness: 1,
                        demerits: nodes[a].demerits + 1e9,
                        prev: Some(a),
                        hyphen: false,
                    });
                    active.push(nodes.len() - 1);
                }
            }
        }
        // The best node ending at the paragraph end.
        let last_bp = breaks.len().saturating_sub(1);
        let end = nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.bp == Some(last_bp))
            .min_by(|a, b| a.1.demerits.total_cmp(&b.1.demerits))
            .map(|(i, _)| i);
        let mut path = Vec::new();
        let mut cur = end;
        while let Some(i) = cur {
            if let Some(bp) = nodes[i].bp
                && let Some(b) = breaks.get(bp)
            {
                path.push(*b);
            }
            cur = nodes[i].prev;
        }
        path.reverse();
        path
    }
}

fn fitness_class(ratio: f32) -> u8 {
    if ratio < -0.5 {
        0
    } else if ratio <= 0.5 {
        1
    } else if ratio <= 1.0 {
        2
    } else {
        3
    }
}
