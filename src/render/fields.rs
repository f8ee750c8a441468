//! What a page's template reads, as named template values: the page's
//! context, kept by `serve` to tell whether a listing would read the same
//! after an edit, and so come out the same.

use serde::Serialize;
use tera::{Context, Value};

/// The values a template reads besides the theme's global context, in the
/// order they were set.
#[derive(Default, Clone)]
pub struct Fields(Vec<(&'static str, Value)>);

impl Fields {
    pub fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.insert_value(key, Value::from_serializable(value));
    }

    pub fn insert_value(&mut self, key: &'static str, value: Value) {
        self.0.push((key, value));
    }

    /// The template context, sharing its values' parts with these.
    pub fn context(&self) -> Context {
        Self(self.0.clone()).into_context()
    }

    /// The template context, when these are not kept.
    pub fn into_context(self) -> Context {
        let mut ctx = Context::new();
        for (key, value) in self.0 {
            ctx.insert_value(key, value);
        }
        ctx
    }

    /// Whether a template would read the same from both.
    pub fn same(&self, other: &Fields) -> bool {
        self.0.len() == other.0.len()
            && (self.0.iter().zip(&other.0)).all(|((k, a), (l, b))| k == l && same(a, b))
    }
}

/// Whether two template values are equal, taking parts they share as equal
/// without looking inside: a listing's cards reused from the last build are
/// the same card, so comparing 10,000 of them takes 10,000 steps.
fn same(a: &Value, b: &Value) -> bool {
    if let (Some(x), Some(y)) = (a.as_map(), b.as_map()) {
        return std::ptr::eq(x, y)
            || (x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w))));
    }
    if let (Some(x), Some(y)) = (a.as_array(), b.as_array()) {
        return std::ptr::eq(x, y)
            || (x.len() == y.len() && x.iter().zip(y).all(|(v, w)| same(v, w)));
    }
    // Tera's equality does not tell a string marked safe from one to escape.
    a == b && a.is_safe() == b.is_safe()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(name: &str) -> Value {
        Value::from_serializable(&serde_json::json!({ "name": name, "tags": ["a", "b"] }))
    }

    #[test]
    fn equal_values_are_the_same_whether_shared_or_not() {
        let shared = card("Sointu");
        let (mut a, mut b) = (Fields::default(), Fields::default());
        a.insert_value("projects", Value::from(vec![shared.clone(), card("Aito")]));
        b.insert_value("projects", Value::from(vec![shared, card("Aito")]));
        assert!(a.same(&b));
    }

    #[test]
    fn a_changed_value_a_missing_one_or_escaping_tells_them_apart() {
        let mut a = Fields::default();
        a.insert_value("projects", Value::from(vec![card("Sointu")]));
        let mut b = Fields::default();
        b.insert_value("projects", Value::from(vec![card("Sointu 2")]));
        assert!(!a.same(&b));
        assert!(!a.same(&Fields::default()));
        let (mut plain, mut safe) = (Fields::default(), Fields::default());
        plain.insert("text", "<b>");
        safe.insert_value("text", Value::safe_string("<b>"));
        assert!(!plain.same(&safe));
    }
}
