//! Finding, for each thing a render makes, what the last build made in its
//! place, so `serve` can take it as it was.

/// The last build's entries, each to be found by the new one it was made
/// for: at the same index while none came or went, else by key.
pub struct Counterparts<'a, T> {
    last: &'a [T],
    /// Only when the counts differ.
    by_key: Option<foldhash::HashMap<&'a str, &'a T>>,
}

impl<'a, T> Counterparts<'a, T> {
    /// `last`'s entries for `now` new ones, `key` naming each.
    pub fn new(last: &'a [T], now: usize, key: impl Fn(&'a T) -> &'a str) -> Self {
        let by_key = (last.len() != now).then(|| last.iter().map(|e| (key(e), e)).collect());
        Counterparts { last, by_key }
    }

    /// The last entry for the `i`th new one, named `key`.
    pub fn get(&self, i: usize, key: &str) -> Option<&'a T> {
        match &self.by_key {
            None => self.last.get(i),
            Some(by_key) => by_key.get(key).copied(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn found_in_place_while_as_many_else_by_key() {
        let last = ["a", "b", "c"];
        let same = Counterparts::new(&last, 3, |e| e);
        // In place: the index decides, not the key.
        assert_eq!(same.get(1, "x"), Some(&"b"));
        let one_gone = Counterparts::new(&last, 2, |e| e);
        assert_eq!(one_gone.get(0, "c"), Some(&"c"));
        assert_eq!(one_gone.get(1, "x"), None);
    }
}
