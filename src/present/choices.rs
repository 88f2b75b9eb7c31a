//! What a trainer prepared for the room: which variant, which customer,
//! which slides and which levers. They travel in the link's query, before
//! its `#` (`?present&variant=2&customer=worst&skip=ripple&lever=…`), so
//! the study in the fragment stays exactly MODEL.md's format and a link
//! without them still opens the whole deck with sensible choices.

use crate::results::stories::CustomerPick;

use super::lever::Lever;

/// The parts of the deck, in the order they are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The study's title and what the variant changes.
    Question,
    /// Where the baseline's customers go.
    Paths,
    /// How they feel along the way.
    Feelings,
    /// One customer's journey, step by step.
    Story,
    /// The same customer in both designs.
    Sides,
    /// A stretch of a day, animated.
    Ripple,
    /// The headline figures.
    Reveal,
    /// The levers, for the room to try.
    Room,
}

impl Part {
    pub const ALL: [Part; 8] =
        [Part::Question, Part::Paths, Part::Feelings, Part::Story, Part::Sides, Part::Ripple, Part::Reveal, Part::Room];

    /// Its name in a link.
    pub fn key(self) -> &'static str {
        match self {
            Part::Question => "question",
            Part::Paths => "paths",
            Part::Feelings => "feelings",
            Part::Story => "story",
            Part::Sides => "sides",
            Part::Ripple => "ripple",
            Part::Reveal => "reveal",
            Part::Room => "room",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Part::Question => "The question",
            Part::Paths => "Where customers go",
            Part::Feelings => "How they feel",
            Part::Story => "One customer, step by step",
            Part::Sides => "Side by side",
            Part::Ripple => "A day in the centre",
            Part::Reveal => "The reveal",
            Part::Room => "Ask the room",
        }
    }

    fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.key() == key)
    }
}

/// The trainer's choices.
#[derive(Clone, Debug, PartialEq)]
pub struct Choices {
    /// The design compared with the baseline (1 is the first variant).
    pub variant: usize,
    pub customer: CustomerPick,
    /// Parts left out of the deck.
    pub skipped: Vec<Part>,
    /// The levers of "Ask the room"; none chosen means the study's
    /// defaults.
    pub levers: Vec<Lever>,
}

impl Default for Choices {
    fn default() -> Self {
        Self { variant: 1, customer: CustomerPick::MostChanged, skipped: Vec::new(), levers: Vec::new() }
    }
}

impl Choices {
    /// The choices in a link's query (without its `?`), and whether it
    /// asks for the Present view at all. What a query gets wrong is left
    /// at its default: a hand-edited link still opens.
    pub fn from_query(query: &str) -> (bool, Self) {
        let mut present = false;
        let mut choices = Self::default();
        for pair in query.trim_start_matches('?').split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = js_free_decode(value);
            match key {
                "present" => present = true,
                "variant" => choices.variant = value.parse().ok().filter(|&v| v >= 1).unwrap_or(1),
                "customer" => choices.customer = CustomerPick::from_key(&value).unwrap_or_default(),
                "skip" => choices.skipped = value.split(',').filter_map(Part::from_key).collect(),
                "lever" => choices.levers.extend(Lever::from_path(&value)),
                _ => {}
            }
        }
        (present, choices)
    }

    /// The query that opens the Present view with these choices (without
    /// its `?`); defaults are left out.
    pub fn to_query(&self) -> String {
        let mut parts = vec!["present".to_owned()];
        if self.variant != 1 {
            parts.push(format!("variant={}", self.variant));
        }
        if self.customer != CustomerPick::MostChanged {
            parts.push(format!("customer={}", self.customer.key()));
        }
        if !self.skipped.is_empty() {
            let keys: Vec<&str> = Part::ALL.into_iter().filter(|p| self.skipped.contains(p)).map(Part::key).collect();
            parts.push(format!("skip={}", keys.join(",")));
        }
        for lever in &self.levers {
            parts.push(format!("lever={}", encode(&lever.path())));
        }
        parts.join("&")
    }

    /// Whether the deck shows `part`.
    pub fn shows(&self, part: Part) -> bool {
        !self.skipped.contains(&part)
    }
}

/// Percent-encodes what a query value cannot hold as it is. Field paths
/// are ASCII names, digits, dots and brackets, all of which can stay.
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'_' | b'-' | b'[' | b']' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Decodes `%XX` escapes (invalid ones stay as they are).
fn js_free_decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_go_into_a_query_and_come_back() {
        let lever = Lever::from_path("designs[1].channels[0].self_service.containment").expect("a lever");
        let choices = Choices {
            variant: 2,
            customer: CustomerPick::Worst,
            skipped: vec![Part::Ripple, Part::Paths],
            levers: vec![lever],
        };
        let query = choices.to_query();
        assert_eq!(query, "present&variant=2&customer=worst&skip=paths,ripple&lever=designs[1].channels[0].self_service.containment");
        let (present, back) = Choices::from_query(&format!("?{query}"));
        assert!(present);
        assert_eq!(back, Choices { skipped: vec![Part::Paths, Part::Ripple], ..choices });
    }

    #[test]
    fn a_plain_or_broken_query_opens_the_whole_deck() {
        assert_eq!(Choices::from_query(""), (false, Choices::default()));
        assert!(Choices::from_query("present").0);
        let (present, choices) = Choices::from_query("present&variant=x&customer=nobody&skip=nothing&lever=designs[9].oops&zoom=2");
        assert!(present);
        assert_eq!(choices, Choices::default());
        assert_eq!(Choices::default().to_query(), "present");
        assert_eq!(js_free_decode("designs%5B1%5D%zz"), "designs[1]%zz");
    }
}
