//! Links: a whole run in a URL fragment (`#run=…`).
//!
//! The payload is the format version (one byte, in the clear) followed by a DEFLATE stream
//! (`miniz_oxide`) of: the origin (brokers, seed, ZooKeeper servers), the event budget, the
//! journal (each entry's time and item count as zigzag deltas from the previous one, then its
//! line), the live point, the cursor, the page's tab and language; all base64url without
//! padding. Opening a link replays the journal on a fresh lab: the run is rebuilt exactly.
//!
//! Links come from anywhere, so decoding trusts nothing: the inflated size, the counts and
//! the line lengths are capped, every point is checked against the rebuilt run, and the
//! rebuild stops after [`MAX_REBUILD_EVENTS`] simulation events.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use super::timeline::Position;
use super::{JournalEntry, Lab, MAX_BROKERS, MAX_EVENTS_PER_COMMAND};
use crate::i18n::{tr, Lang, T};
use crate::sim::Millis;

/// The link format this lab writes (and the newest it reads).
pub const LINK_FORMAT: u8 = 1;
/// The most bytes a link's payload may inflate to.
pub const MAX_PAYLOAD_BYTES: usize = 4 << 20;
/// The most journal entries a link may hold.
pub const MAX_LINK_COMMANDS: usize = 100_000;
/// The longest command line a link may hold.
pub const MAX_LINE_BYTES: usize = 4096;
/// The latest virtual time a link may name (about three years).
pub const MAX_LINK_MS: Millis = 100_000_000_000;
/// The most simulation events rebuilding a link may run
/// (about 15 s natively; a run the page played for hours at full speed is longer).
pub const MAX_REBUILD_EVENTS: u64 = 10_000_000;

/// What the page shows, carried by a link.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageState {
    /// The open tab's name.
    pub tab: Option<String>,
    /// The page's language.
    pub lang: Option<Lang>,
}

/// Why a link could not be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkError {
    /// It has no `run=` part.
    NotALink,
    /// Its data ends early or is damaged.
    Truncated,
    /// A newer lab made it.
    Newer(u8),
    /// It inflates to too much, or holds too many or too long commands.
    TooLarge,
    /// Rebuilding it would run too many events.
    TooLong,
    /// Its data does not fit the run it describes.
    Invalid,
}

impl LinkError {
    /// One line saying what is wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            LinkError::NotALink => T::TmLinkNotALink.get(lang).to_string(),
            LinkError::Truncated => T::TmLinkTruncated.get(lang).to_string(),
            LinkError::Newer(v) => tr(lang, T::TmLinkNewer, &[("v", v.to_string())]),
            LinkError::TooLarge => T::TmLinkTooLarge.get(lang).to_string(),
            LinkError::TooLong => T::TmLinkTooLong.get(lang).to_string(),
            LinkError::Invalid => T::TmLinkInvalid.get(lang).to_string(),
        }
    }
}

impl std::fmt::Display for LinkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for LinkError {}

fn put(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn zigzag(d: i128) -> u64 {
    let d = d.clamp(i64::MIN as i128, i64::MAX as i128) as i64;
    ((d << 1) ^ (d >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

fn put_bytes(out: &mut Vec<u8>, b: &[u8]) {
    put(out, b.len() as u64);
    out.extend_from_slice(b);
}

fn put_pos(out: &mut Vec<u8>, p: Position) {
    put(out, p.commands as u64);
    put(out, p.processed);
    put(out, p.at);
}

struct Reader<'a> {
    b: &'a [u8],
}

impl Reader<'_> {
    fn u(&mut self) -> Result<u64, LinkError> {
        let mut v = 0u64;
        for i in 0..10 {
            let (&byte, rest) = self.b.split_first().ok_or(LinkError::Truncated)?;
            self.b = rest;
            v |= u64::from(byte & 0x7f)
                .checked_shl(7 * i)
                .filter(|_| i < 9 || byte <= 1)
                .ok_or(LinkError::Invalid)?;
            if byte & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(LinkError::Invalid)
    }

    fn bytes(&mut self, max: usize) -> Result<&[u8], LinkError> {
        let n = self.u()?;
        if n > max as u64 {
            return Err(LinkError::TooLarge);
        }
        let n = n as usize;
        if self.b.len() < n {
            return Err(LinkError::Truncated);
        }
        let (a, rest) = self.b.split_at(n);
        self.b = rest;
        Ok(a)
    }

    fn text(&mut self, max: usize) -> Result<String, LinkError> {
        let b = self.bytes(max)?;
        String::from_utf8(b.to_vec()).map_err(|_| LinkError::Invalid)
    }

    fn pos(&mut self) -> Result<Position, LinkError> {
        let commands = self.u()?;
        let processed = self.u()?;
        let at = self.u()?;
        if commands > MAX_LINK_COMMANDS as u64 || at > MAX_LINK_MS {
            return Err(LinkError::Invalid);
        }
        Ok(Position {
            commands: commands as usize,
            processed,
            at,
        })
    }
}

/// A decoded link, before the rebuild.
struct Payload {
    brokers: u32,
    seed: u64,
    zookeepers: u8,
    budget: u64,
    journal: Vec<JournalEntry>,
    live: Position,
    cursor: Position,
    page: PageState,
}

/// The payload inside a link's text: a full URL, a fragment, or `run=…`.
fn payload_text(s: &str) -> Result<&str, LinkError> {
    let s = s.trim();
    let frag = s.rsplit_once('#').map_or(s, |(_, f)| f);
    let start = frag.find("run=").ok_or(LinkError::NotALink)?;
    if start != 0 && !frag[..start].ends_with('&') {
        return Err(LinkError::NotALink);
    }
    let rest = &frag[start + 4..];
    Ok(rest.split('&').next().unwrap_or(rest))
}

fn decode(s: &str) -> Result<Payload, LinkError> {
    let text = payload_text(s)?;
    if text.is_empty() {
        return Err(LinkError::Truncated);
    }
    // Far more text than any payload we accept inflates from is refused before decoding.
    if text.len() > MAX_PAYLOAD_BYTES * 2 {
        return Err(LinkError::TooLarge);
    }
    let raw = URL_SAFE_NO_PAD
        .decode(text.as_bytes())
        .map_err(|_| LinkError::Truncated)?;
    let (&version, deflated) = raw.split_first().ok_or(LinkError::Truncated)?;
    if version > LINK_FORMAT {
        return Err(LinkError::Newer(version));
    }
    if version == 0 {
        return Err(LinkError::NotALink);
    }
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(deflated, MAX_PAYLOAD_BYTES)
        .map_err(|e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => LinkError::TooLarge,
            _ => LinkError::Truncated,
        })?;
    let mut r = Reader { b: &bytes };
    let brokers = r.u()?;
    let seed = r.u()?;
    let zookeepers = r.u()?;
    let budget = r.u()?;
    if !(1..=u64::from(MAX_BROKERS)).contains(&brokers)
        || ![1, 3, 5].contains(&zookeepers)
        || budget == 0
    {
        return Err(LinkError::Invalid);
    }
    let n = r.u()?;
    if n > MAX_LINK_COMMANDS as u64 {
        return Err(LinkError::TooLarge);
    }
    let mut journal = Vec::new();
    let (mut at, mut processed) = (0i128, 0i128);
    for _ in 0..n {
        at += i128::from(unzigzag(r.u()?));
        processed += i128::from(unzigzag(r.u()?));
        if !(0..=i128::from(MAX_LINK_MS)).contains(&at)
            || !(0..=i128::from(MAX_REBUILD_EVENTS)).contains(&processed)
        {
            return Err(LinkError::Invalid);
        }
        let line = r.text(MAX_LINE_BYTES)?;
        journal.push(JournalEntry {
            at: at as Millis,
            processed: processed as u64,
            line,
        });
    }
    let live = r.pos()?;
    let cursor = r.pos()?;
    let tab = r.text(64)?;
    let lang = match r.u()? {
        0 => None,
        1 => Some(Lang::En),
        2 => Some(Lang::Zh),
        _ => return Err(LinkError::Invalid),
    };
    if !r.b.is_empty() || live.commands != journal.len() || cursor > live {
        return Err(LinkError::Invalid);
    }
    Ok(Payload {
        brokers: brokers as u32,
        seed,
        zookeepers: zookeepers as u8,
        budget: budget.min(MAX_EVENTS_PER_COMMAND),
        journal,
        live,
        cursor,
        page: PageState {
            tab: (!tab.is_empty()).then_some(tab),
            lang,
        },
    })
}

impl Lab {
    /// The run as a link fragment, `#run=…`: origin, event budget, journal, live point,
    /// cursor, and the page's tab and language.
    pub fn link(&self, page: &PageState) -> String {
        let mut p = Vec::new();
        let (brokers, seed) = self.origin;
        put(&mut p, u64::from(brokers));
        put(&mut p, seed);
        put(&mut p, u64::from(self.origin_zookeepers));
        put(&mut p, self.event_budget);
        put(&mut p, self.journal.len() as u64);
        let (mut at, mut processed) = (0i128, 0i128);
        for e in &self.journal {
            put(&mut p, zigzag(i128::from(e.at) - at));
            put(&mut p, zigzag(i128::from(e.processed) - processed));
            (at, processed) = (i128::from(e.at), i128::from(e.processed));
            put_bytes(&mut p, e.line.as_bytes());
        }
        put_pos(&mut p, self.live());
        put_pos(&mut p, self.position());
        put_bytes(&mut p, page.tab.as_deref().unwrap_or("").as_bytes());
        put(
            &mut p,
            match page.lang {
                None => 0,
                Some(Lang::En) => 1,
                Some(Lang::Zh) => 2,
            },
        );
        let mut raw = vec![LINK_FORMAT];
        raw.extend(miniz_oxide::deflate::compress_to_vec(&p, 9));
        format!("#run={}", URL_SAFE_NO_PAD.encode(raw))
    }

    /// Rebuilds the run a link describes (a full URL, a fragment, `#run=…` or `run=…`):
    /// the lab at the link's cursor, its live point and transcript as they were, and the
    /// page's state. Never panics; a hostile link gets an error, and the rebuild stops after
    /// [`MAX_REBUILD_EVENTS`] events.
    pub fn from_link(s: &str) -> Result<(Lab, PageState), LinkError> {
        let p = decode(s)?;
        let mut lab = Lab::with_zookeepers(p.brokers, p.zookeepers, p.seed);
        lab.event_budget = p.budget;
        if let Some(lang) = p.page.lang {
            lab.lang = lang;
        }
        let mut ran = 0u64;
        let mut last = lab.cluster.processed();
        let mut count = |lab: &Lab, ran: &mut u64| {
            let now = lab.cluster.processed();
            *ran += if now >= last { now - last } else { now };
            last = now;
        };
        // Runs to a recorded point, refusing one the run cannot be at.
        let reach = |lab: &mut Lab, at: Millis, processed: u64, ran: u64| {
            let need = processed.saturating_sub(lab.cluster.processed());
            if ran.saturating_add(need) > MAX_REBUILD_EVENTS {
                return Err(LinkError::TooLong);
            }
            if lab.cluster.now() > at || lab.cluster.processed() > processed {
                return Err(LinkError::Invalid);
            }
            lab.cluster.run_to(at, processed);
            if lab.cluster.processed() != processed {
                return Err(LinkError::Invalid);
            }
            Ok(())
        };
        for e in p.journal {
            reach(&mut lab, e.at, e.processed, ran)?;
            count(&lab, &mut ran);
            let _ = lab.journal_and_apply(e);
            count(&lab, &mut ran);
            if ran > MAX_REBUILD_EVENTS {
                return Err(LinkError::TooLong);
            }
        }
        reach(&mut lab, p.live.at, p.live.processed, ran)?;
        lab.moved();
        if lab.position() != p.live {
            return Err(LinkError::Invalid);
        }
        lab.seek(p.cursor);
        Ok((lab, p.page))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_and_zigzag_round_trip() {
        for v in [0u64, 1, 127, 128, 300, u64::MAX] {
            let mut b = Vec::new();
            put(&mut b, v);
            assert_eq!(Reader { b: &b }.u(), Ok(v));
        }
        for d in [0i64, -1, 1, -1000, i64::MAX, i64::MIN] {
            assert_eq!(unzigzag(zigzag(i128::from(d))), d);
        }
        // An eleventh byte, or a tenth holding more than one bit, is refused.
        assert_eq!(Reader { b: &[0xff; 11] }.u(), Err(LinkError::Invalid));
        assert_eq!(Reader { b: &[0x80] }.u(), Err(LinkError::Truncated));
    }

    #[test]
    fn bad_links_say_what_is_wrong() {
        assert_eq!(
            Lab::from_link("https://example.com/#tab=x").unwrap_err(),
            LinkError::NotALink
        );
        assert_eq!(Lab::from_link("#run=").unwrap_err(), LinkError::Truncated);
        assert_eq!(
            Lab::from_link("#run=!!!").unwrap_err(),
            LinkError::Truncated
        );
        let newer = format!("#run={}", URL_SAFE_NO_PAD.encode([7u8, 1, 2]));
        let e = Lab::from_link(&newer).unwrap_err();
        assert_eq!(e, LinkError::Newer(7));
        assert_eq!(e.to_string(), "made by a newer Kafka Lab (link format 7)");
        let lab = Lab::default();
        let good = lab.link(&PageState::default());
        let cut = &good[..good.len() - 6];
        assert_eq!(Lab::from_link(cut).unwrap_err(), LinkError::Truncated);
    }

    #[test]
    fn a_zip_bomb_is_refused() {
        let zeros = vec![0u8; MAX_PAYLOAD_BYTES + 10];
        let mut raw = vec![LINK_FORMAT];
        raw.extend(miniz_oxide::deflate::compress_to_vec(&zeros, 9));
        let link = format!("#run={}", URL_SAFE_NO_PAD.encode(raw));
        assert_eq!(Lab::from_link(&link).unwrap_err(), LinkError::TooLarge);
    }

    #[test]
    fn a_link_asking_for_too_many_events_is_refused() {
        let mut p = Vec::new();
        for v in [3, 1, 1, MAX_EVENTS_PER_COMMAND, 1] {
            put(&mut p, v);
        }
        // One command after 9 M items, then live 80 M further on.
        put(&mut p, zigzag(1_000_000));
        put(&mut p, zigzag(9_000_000));
        put_bytes(&mut p, b"time");
        put_pos(
            &mut p,
            Position {
                commands: 1,
                processed: 80_000_000,
                at: 2_000_000,
            },
        );
        put_pos(&mut p, Position::default());
        put_bytes(&mut p, b"");
        put(&mut p, 0);
        let mut raw = vec![LINK_FORMAT];
        raw.extend(miniz_oxide::deflate::compress_to_vec(&p, 9));
        let link = format!("run={}", URL_SAFE_NO_PAD.encode(raw));
        // The first point (9 M items) is checked against the run: this quiet cluster never
        // handles that many items in 1,000 s, so the point does not fit.
        assert_eq!(Lab::from_link(&link).unwrap_err(), LinkError::Invalid);
        // Asked for more than the rebuild runs at all: refused before running anything.
        let mut p2 = Vec::new();
        for v in [3, 1, 1, MAX_EVENTS_PER_COMMAND, 0] {
            put(&mut p2, v);
        }
        put_pos(
            &mut p2,
            Position {
                commands: 0,
                processed: MAX_REBUILD_EVENTS + 1_000,
                at: 2_000_000,
            },
        );
        put_pos(&mut p2, Position::default());
        put_bytes(&mut p2, b"");
        put(&mut p2, 0);
        let mut raw = vec![LINK_FORMAT];
        raw.extend(miniz_oxide::deflate::compress_to_vec(&p2, 9));
        let link = format!("run={}", URL_SAFE_NO_PAD.encode(raw));
        let e = Lab::from_link(&link).unwrap_err();
        assert_eq!(e, LinkError::TooLong);
        assert_eq!(e.to_string(), "this run is longer than the lab replays");
    }
}
