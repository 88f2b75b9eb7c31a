//! Text made safe for a terminal.
//!
//! Names, titles and messages come from study files and links, which anyone
//! can write. An escape sequence in a design name would otherwise reach the
//! terminal and act there (move the cursor, retitle the window, hide the
//! lines before it), and a right-to-left override would make text read in
//! another order than it runs. Everything meant for a person's screen goes
//! through [`safe`]; data piped to a file is written as it is.

use std::borrow::Cow;

/// `text` with control characters (but line breaks and tabs) and Unicode's
/// direction overrides shown as `\u{1b}`-style escapes.
pub fn safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_control_characters_and_direction_overrides_only() {
        assert_eq!(safe("Current"), "Current");
        assert_eq!(safe("a\nb\tc"), "a\nb\tc");
        assert_eq!(safe("\u{1b}[2J\u{1b}]0;pwned\u{7}Improved"), "\\u{1b}[2J\\u{1b}]0;pwned\\u{7}Improved");
        assert_eq!(safe("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(safe("caf\u{e9} \u{9b}"), "caf\u{e9} \\u{9b}");
    }
}
