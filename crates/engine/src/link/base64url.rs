//! Base64url without padding (RFC 4648 §5): the alphabet `A–Z a–z 0–9 - _`
//! needs no escaping anywhere in a URL. Decoding is strict — a character
//! outside the alphabet, an impossible length, or stray bits in the last
//! character are errors — so a damaged link is caught here rather than
//! decoded into something else.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Why a text is not base64url.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// A character outside the alphabet (padding `=` included).
    #[error("character {character:?} at position {position} is not part of a link")]
    InvalidCharacter {
        /// The character found.
        character: char,
        /// Its position, counted in characters from 1.
        position: usize,
    },
    /// One character left over: no byte count encodes to this length.
    #[error("its length ({0} characters) is impossible, so part of it is missing")]
    InvalidLength(usize),
    /// The last character carries bits no encoder writes.
    #[error("its last character does not fit, so it was changed or cut")]
    InvalidLastCharacter,
}

/// Encodes bytes, without padding.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        // 1 byte → 2 characters, 2 → 3, 3 → 4.
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

fn value_of(c: u8) -> Option<u32> {
    let v = match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'-' => 62,
        b'_' => 63,
        _ => return None,
    };
    Some(u32::from(v))
}

/// Decodes base64url without padding.
pub fn decode(text: &str) -> Result<Vec<u8>, DecodeError> {
    if let Some((position, character)) =
        text.chars().enumerate().find(|&(_, c)| !c.is_ascii() || value_of(c as u8).is_none())
    {
        return Err(DecodeError::InvalidCharacter { character, position: position + 1 });
    }
    let bytes = text.as_bytes();
    if bytes.len() % 4 == 1 {
        return Err(DecodeError::InvalidLength(bytes.len()));
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3 + 2);
    for chunk in bytes.chunks(4) {
        // Every character was checked above.
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &c)| n | (value_of(c).unwrap_or(0) << (18 - 6 * i)));
        let produced = chunk.len() - 1;
        let unused_bits = match chunk.len() {
            2 => n & 0xFFFF,
            3 => n & 0xFF,
            _ => 0,
        };
        if unused_bits != 0 {
            return Err(DecodeError::InvalidLastCharacter);
        }
        out.extend_from_slice(&n.to_be_bytes()[1..=produced]);
    }
    Ok(out)
}

// Native only: proptest does not build for wasm32.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn known_vectors_from_rfc_4648() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode(plain.as_bytes()), coded);
            assert_eq!(decode(coded).as_deref(), Ok(plain.as_bytes()));
        }
        // The two characters that differ from standard base64.
        assert_eq!(encode(&[0xfb, 0xff]), "-_8");
        assert_eq!(decode("-_8"), Ok(vec![0xfb, 0xff]));
    }

    #[test]
    fn strict_decoding_names_the_problem() {
        assert_eq!(decode("Zm9v+g"), Err(DecodeError::InvalidCharacter { character: '+', position: 5 }));
        assert_eq!(decode("Zm8="), Err(DecodeError::InvalidCharacter { character: '=', position: 4 }));
        assert_eq!(decode("Zé"), Err(DecodeError::InvalidCharacter { character: 'é', position: 2 }));
        assert_eq!(decode("Zm9vY"), Err(DecodeError::InvalidLength(5)));
        // "Zh" has bits set that "f" (= "Zg") leaves at zero.
        assert_eq!(decode("Zh"), Err(DecodeError::InvalidLastCharacter));
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_round_trip(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..300)) {
            let coded = encode(&bytes);
            proptest::prop_assert!(coded.bytes().all(|c| ALPHABET.contains(&c)));
            proptest::prop_assert_eq!(decode(&coded), Ok(bytes));
        }

        #[test]
        fn any_text_decodes_or_errs_without_panicking(text in "\\PC{0,80}") {
            let _ = decode(&text);
        }
    }
}
