//! Unguessable identifiers: session ids (a participant's address is their only key) and the
//! admin token. 20 bytes (160 bits) from the operating system's random source, written in
//! lower-case base32 (`a-z`, `2-7`): 32 characters that survive being typed from paper,
//! never need URL escaping, and can be checked by alphabet and length before any file is
//! touched.

use std::fmt;

/// Characters of an id.
pub const LEN: usize = 32;
const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";

/// A session id or token: always [`LEN`] characters of the base32 alphabet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Id([u8; LEN]);

impl Id {
    /// A new random id. Fails only when the operating system cannot give random bytes.
    pub fn random() -> Result<Id, String> {
        let mut bytes = [0u8; 20];
        getrandom::fill(&mut bytes)
            .map_err(|e| format!("cannot read the operating system's random source: {e}"))?;
        Ok(Id::from_bytes(&bytes))
    }

    fn from_bytes(bytes: &[u8; 20]) -> Id {
        let mut out = [0u8; LEN];
        let mut acc: u64 = 0;
        let mut bits = 0;
        let mut k = 0;
        for &b in bytes {
            acc = (acc << 8) | u64::from(b);
            bits += 8;
            while bits >= 5 {
                bits -= 5;
                out[k] = ALPHABET[((acc >> bits) & 31) as usize];
                k += 1;
            }
        }
        Id(out)
    }

    /// Reads an id; `None` unless it is exactly [`LEN`] characters of the alphabet.
    pub fn parse(s: &str) -> Option<Id> {
        let b = s.as_bytes();
        if b.len() != LEN
            || !b
                .iter()
                .all(|c| c.is_ascii_lowercase() || (b'2'..=b'7').contains(c))
        {
            return None;
        }
        let mut out = [0u8; LEN];
        out.copy_from_slice(b);
        Some(Id(out))
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII from ALPHABET is ever stored.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// Compares in time independent of where the first difference is (the admin token).
    pub fn same(&self, other: &Id) -> bool {
        self.0
            .iter()
            .zip(other.0.iter())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_ids_parse_back_and_differ() {
        let a = Id::random().unwrap();
        let b = Id::random().unwrap();
        assert_ne!(a, b);
        assert_eq!(Id::parse(a.as_str()), Some(a));
        assert_eq!(a.as_str().len(), LEN);
    }

    #[test]
    fn only_the_alphabet_and_length_parse() {
        let ok = "abcdefghijklmnopqrstuvwxyz234567";
        assert!(Id::parse(ok).is_some());
        assert!(Id::parse(&ok[1..]).is_none());
        assert!(Id::parse(&format!("{ok}a")).is_none());
        assert!(Id::parse("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567").is_none());
        assert!(Id::parse("abcdefghijklmnopqrstuvwxyz234501").is_none());
        assert!(Id::parse("../../../../../../etc/passwd.yaml").is_none());
        assert!(Id::parse("abcdefghijklmnopqrstuvwxyz23456é").is_none());
    }

    #[test]
    fn base32_of_known_bytes() {
        let id = Id::from_bytes(&[0u8; 20]);
        assert_eq!(id.as_str(), "a".repeat(32));
        let id = Id::from_bytes(&[0xff; 20]);
        assert_eq!(id.as_str(), "7".repeat(32));
    }
}
