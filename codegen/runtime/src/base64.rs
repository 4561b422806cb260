//! Base64 (RFC 4648, standard alphabet) encoding and decoding for blob members.

use std::fmt;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Marks bytes outside the alphabet in [`DECODE`].
const INVALID: u8 = 0xFF;

/// Maps an input byte to its 6-bit value, or [`INVALID`].
const DECODE: [u8; 256] = {
    let mut table = [INVALID; 256];
    let mut i = 0;
    while i < 64 {
        table[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    table
};

/// Encodes `bytes` as padded standard base64.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = Vec::with_capacity(bytes.len().div_ceil(3) * 4);
    encode_into(bytes, &mut out);
    // Only alphabet characters and `=` were written.
    String::from_utf8(out).expect("base64 output is ASCII")
}

/// Appends the padded standard base64 encoding of `bytes` to `out`.
///
/// Only ASCII bytes are written, so `out` stays valid UTF-8 if it was.
pub fn encode_into(bytes: &[u8], out: &mut Vec<u8>) {
    out.reserve(bytes.len().div_ceil(3) * 4);
    let mut chunks = bytes.chunks_exact(3);
    for c in &mut chunks {
        let n = (u32::from(c[0]) << 16) | (u32::from(c[1]) << 8) | u32::from(c[2]);
        out.extend_from_slice(&[
            ALPHABET[(n >> 18) as usize & 63],
            ALPHABET[(n >> 12) as usize & 63],
            ALPHABET[(n >> 6) as usize & 63],
            ALPHABET[n as usize & 63],
        ]);
    }
    match *chunks.remainder() {
        [a] => {
            let n = u32::from(a) << 16;
            out.extend_from_slice(&[ALPHABET[(n >> 18) as usize & 63], ALPHABET[(n >> 12) as usize & 63], b'=', b'=']);
        }
        [a, b] => {
            let n = (u32::from(a) << 16) | (u32::from(b) << 8);
            out.extend_from_slice(&[
                ALPHABET[(n >> 18) as usize & 63],
                ALPHABET[(n >> 12) as usize & 63],
                ALPHABET[(n >> 6) as usize & 63],
                b'=',
            ]);
        }
        _ => {}
    }
}

/// Decodes standard-alphabet base64, with or without `=` padding.
///
/// Whitespace is not skipped. Unused low bits in the final character are
/// ignored rather than rejected, since services are not uniformly strict
/// about producing canonical encodings.
pub fn decode(s: &str) -> Result<Vec<u8>, Base64Error> {
    let input = s.as_bytes();
    // Strip at most two trailing `=`; padded input must then be a whole number of quads.
    let pad = input.iter().rev().take(2).take_while(|&&b| b == b'=').count();
    let data = &input[..input.len() - pad];
    let mut out = Vec::with_capacity(data.len() / 4 * 3 + 2);
    let mut chunks = data.chunks_exact(4);
    let mut offset = 0;
    for c in &mut chunks {
        let n = sextets(c, offset)?;
        out.extend_from_slice(&[(n >> 16) as u8, (n >> 8) as u8, n as u8]);
        offset += 4;
    }
    let rest = chunks.remainder();
    // Checked after the characters, so a stray character is reported as such.
    if rest.len() == 1 || (pad > 0 && input.len() % 4 != 0) {
        sextets(rest, offset)?;
        return Err(Base64Error::InvalidLength { len: input.len() });
    }
    if !rest.is_empty() {
        // 2 characters carry 1 byte, 3 characters carry 2 bytes.
        let n = sextets(rest, offset)? << (6 * (4 - rest.len()));
        out.push((n >> 16) as u8);
        if rest.len() == 3 {
            out.push((n >> 8) as u8);
        }
    }
    Ok(out)
}

/// Packs up to four characters into 24 bits (left-aligned for full quads).
fn sextets(chars: &[u8], offset: usize) -> Result<u32, Base64Error> {
    let mut n = 0u32;
    for (i, &b) in chars.iter().enumerate() {
        let v = DECODE[b as usize];
        if v == INVALID {
            return Err(Base64Error::InvalidByte { offset: offset + i, byte: b });
        }
        n = (n << 6) | u32::from(v);
    }
    Ok(n)
}

/// Why base64 input could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Base64Error {
    /// A byte outside the standard alphabet (including misplaced `=`).
    InvalidByte {
        /// Byte offset of the offending byte in the input.
        offset: usize,
        /// The offending byte (the first byte of a multi-byte character).
        byte: u8,
    },
    /// The input length cannot be produced by any encoding.
    InvalidLength {
        /// Length of the whole input in bytes.
        len: usize,
    },
}

impl fmt::Display for Base64Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Base64Error::InvalidByte { offset, byte } if byte.is_ascii_graphic() => {
                write!(f, "invalid base64 character '{}' at offset {offset}", byte as char)
            }
            Base64Error::InvalidByte { offset, byte } => {
                write!(f, "invalid base64 byte 0x{byte:02x} at offset {offset}")
            }
            Base64Error::InvalidLength { len } => write!(f, "invalid base64 length {len}"),
        }
    }
}

impl std::error::Error for Base64Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4648_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, enc) in cases {
            assert_eq!(encode(plain.as_bytes()), enc);
            assert_eq!(decode(enc).unwrap(), plain.as_bytes());
            assert_eq!(decode(enc.trim_end_matches('=')).unwrap(), plain.as_bytes());
        }
    }

    #[test]
    fn all_byte_values_round_trip() {
        let bytes: Vec<u8> = (0..=255u8).cycle().take(1000).collect();
        for len in 0..bytes.len() {
            let enc = encode(&bytes[..len]);
            assert_eq!(enc.len(), len.div_ceil(3) * 4);
            assert_eq!(decode(&enc).unwrap(), &bytes[..len]);
        }
        assert!(encode(&[0xfb, 0xff]).contains('+') && encode(&[0xff, 0xff]).contains('/'));
    }

    #[test]
    fn encode_into_appends() {
        let mut out = b"x:".to_vec();
        encode_into(b"hi", &mut out);
        assert_eq!(out, b"x:aGk=");
    }

    #[test]
    fn rejects_invalid_characters_with_offset() {
        assert_eq!(decode("Zm9v!mFy"), Err(Base64Error::InvalidByte { offset: 4, byte: b'!' }));
        assert_eq!(decode("Zm-v"), Err(Base64Error::InvalidByte { offset: 2, byte: b'-' }));
        assert_eq!(decode("Zm9vY_"), Err(Base64Error::InvalidByte { offset: 5, byte: b'_' }));
        assert_eq!(decode("Zg=a"), Err(Base64Error::InvalidByte { offset: 2, byte: b'=' }));
        assert_eq!(decode("Zm 9"), Err(Base64Error::InvalidByte { offset: 2, byte: b' ' }));
        assert_eq!(decode("Zé="), Err(Base64Error::InvalidByte { offset: 1, byte: 0xc3 }));
    }

    #[test]
    fn rejects_invalid_lengths() {
        for bad in ["Z", "Zm9vY", "Zg=", "Zm9=x", "====", "Zm9v=", "Z==="] {
            assert!(decode(bad).is_err(), "{bad}");
        }
        assert_eq!(decode("Zm9vY"), Err(Base64Error::InvalidLength { len: 5 }));
    }

    #[test]
    fn display_messages() {
        let e = decode("ab!c").unwrap_err();
        assert_eq!(e.to_string(), "invalid base64 character '!' at offset 2");
        let e = decode("ab\u{1}c").unwrap_err();
        assert_eq!(e.to_string(), "invalid base64 byte 0x01 at offset 2");
        assert_eq!(decode("abcde").unwrap_err().to_string(), "invalid base64 length 5");
    }
}
