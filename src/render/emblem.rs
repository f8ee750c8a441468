//! The EU emblem, drawn from the flag's published specification (Council of
//! Europe; Annex of Implementing Regulation 763/2014): a rectangle 1.5 times as wide
//! as high in reflex blue, twelve upright five-pointed yellow stars at the positions
//! of the hours of a clock, on a circle whose radius is a third of the height; each
//! star's points lie on a circle of radius one eighteenth of the height.

use std::f64::consts::PI;
use std::fmt::Write;

pub const FILE: &str = "eu-emblem.svg";
const HEIGHT: f64 = 540.0;
const WIDTH: f64 = HEIGHT * 1.5;
const BLUE: &str = "#003399";
const YELLOW: &str = "#FFCC00";
/// A regular five-pointed star's inner radius as a share of its outer radius:
/// sin 18° / sin 54°.
const INNER_RATIO: f64 = 0.381966;

/// The emblem as an SVG document.
pub fn svg() -> String {
    let (cx, cy) = (WIDTH / 2.0, HEIGHT / 2.0);
    let ring = HEIGHT / 3.0;
    let outer = HEIGHT / 18.0;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" width=\"{WIDTH}\" height=\"{HEIGHT}\">\
         <rect width=\"{WIDTH}\" height=\"{HEIGHT}\" fill=\"{BLUE}\"/><g fill=\"{YELLOW}\">"
    );
    for hour in 0..12 {
        let angle = f64::from(hour) * PI / 6.0;
        let (sx, sy) = (cx + ring * angle.sin(), cy - ring * angle.cos());
        out.push_str("<polygon points=\"");
        for point in 0..10 {
            // Point 0 is straight up; outer and inner points alternate every 36°.
            let r = if point % 2 == 0 {
                outer
            } else {
                outer * INNER_RATIO
            };
            let a = f64::from(point) * PI / 5.0;
            let (x, y) = (sx + r * a.sin(), sy - r * a.cos());
            let sep = if point == 0 { "" } else { " " };
            write!(out, "{sep}{x:.3},{y:.3}").expect("writing to a String");
        }
        out.push_str("\"/>");
    }
    out.push_str("</g></svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_svg_is_deterministic() {
        assert_eq!(svg(), svg());
    }
}
