//! Colours of the charts, the same everywhere a design appears.
//!
//! The baseline ("Current") is dark grey; variants take Okabe–Ito colours,
//! which stay distinguishable under the common forms of colour-blindness.
//! Vermillion is kept out of the design colours: it means "worse" and
//! "gave up". Every chart also names its series (legend, labels, data
//! table), so colour is never the only cue.

/// A colour as red, green and blue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// The baseline design.
pub const BASELINE: Rgb = Rgb(0x44, 0x44, 0x44);
/// Okabe–Ito colours for variants, in study order.
pub const VARIANTS: [Rgb; 5] = [
    Rgb(0x00, 0x72, 0xb2), // blue
    Rgb(0xe6, 0x9f, 0x00), // orange
    Rgb(0x00, 0x9e, 0x73), // bluish green
    Rgb(0xcc, 0x79, 0xa7), // reddish purple
    Rgb(0x56, 0xb4, 0xe9), // sky blue
];
/// Okabe–Ito vermillion: "worse", "gave up".
pub const VERMILLION: Rgb = Rgb(0xd5, 0x5e, 0x00);
/// Text on charts.
pub const INK: Rgb = Rgb(0x1a, 0x1a, 0x1a);
/// Secondary text: axis ticks, notes.
pub const MUTED: Rgb = Rgb(0x4a, 0x4f, 0x55);
/// Axis lines and the few gridlines.
pub const GRID: Rgb = Rgb(0xd0, 0xd5, 0xdb);
/// Neutral fills (Sankey nodes in the middle of a journey).
pub const NEUTRAL: Rgb = Rgb(0x8a, 0x96, 0xa3);
pub const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);

impl Rgb {
    /// The colour as CSS writes it: `#0072b2`.
    pub fn css(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// The colour of design `index` (0 is the baseline).
pub fn design_color(index: usize) -> Rgb {
    match index {
        0 => BASELINE,
        i => VARIANTS[(i - 1) % VARIANTS.len()],
    }
}

/// A marker shape per design, a second cue beside colour on line charts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marker {
    Circle,
    Square,
    Triangle,
    Diamond,
}

pub fn design_marker(index: usize) -> Marker {
    [Marker::Circle, Marker::Square, Marker::Triangle, Marker::Diamond][index % 4]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn designs_get_distinct_colours_and_never_vermillion() {
        let colours: Vec<Rgb> = (0..6).map(design_color).collect();
        for (i, a) in colours.iter().enumerate() {
            assert_ne!(*a, VERMILLION);
            for b in &colours[i + 1..] {
                assert_ne!(a, b);
            }
        }
        // The same colours as public/results.css's --design-0 and --design-1.
        assert_eq!(design_color(0), Rgb(0x44, 0x44, 0x44));
        assert_eq!(design_color(1), Rgb(0x00, 0x72, 0xb2));
    }
}
