//! License stage 4, charts: a [`Trend`] → the geometry of an inline SVG line chart
//! (polyline points, dots, axis ticks). Only numbers and plain text leave this module;
//! the template draws the SVG, so every label is escaped like any other text.

use chrono::NaiveDate;
use serde::Serialize;

use super::history::Trend;
use super::text::Words;

/// Width of the SVG viewBox.
pub const WIDTH: f64 = 360.0;
/// Height of the SVG viewBox.
pub const HEIGHT: f64 = 170.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 14.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 30.0;

/// A chart ready for the template.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// Unique id within the page (for `aria-labelledby`).
    pub id: String,
    /// Heading.
    pub title: String,
    /// Text alternative: every series with its values.
    pub desc: String,
    /// viewBox width.
    pub width: f64,
    /// viewBox height.
    pub height: f64,
    /// Left edge of the plot area.
    pub left: f64,
    /// Right edge of the plot area.
    pub right: f64,
    /// x of the value labels (right-aligned there).
    pub label_x: f64,
    /// y of the date labels.
    pub date_y: f64,
    /// The lines.
    pub series: Vec<SeriesView>,
    /// Horizontal grid lines with labels.
    pub y_ticks: Vec<Tick>,
    /// Dates under the x axis.
    pub x_ticks: Vec<Tick>,
}

/// One line of a chart.
#[derive(Debug, Clone, Serialize)]
pub struct SeriesView {
    /// Legend text.
    pub label: String,
    /// CSS class.
    pub class: String,
    /// `points` attributes, one per unbroken run of values.
    pub segments: Vec<String>,
    /// A dot per value, with its tooltip.
    pub dots: Vec<Dot>,
}

/// One data point.
#[derive(Debug, Clone, Serialize)]
pub struct Dot {
    /// x in viewBox units.
    pub x: f64,
    /// y in viewBox units.
    pub y: f64,
    /// Tooltip: `date: value`.
    pub title: String,
}

/// An axis label.
#[derive(Debug, Clone, Serialize)]
pub struct Tick {
    /// Position along the axis (x for dates, y for values).
    pub at: f64,
    /// Label.
    pub text: String,
    /// `start`, `middle` or `end` (SVG `text-anchor`).
    pub anchor: &'static str,
}

/// Lays out `trend` over `dates` (one per snapshot, oldest first).
pub fn layout(
    id: String,
    title: String,
    trend: &Trend,
    dates: &[NaiveDate],
    w: &Words<'_>,
) -> Chart {
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let first = dates.first().copied();
    let span = match (dates.first(), dates.last()) {
        (Some(a), Some(b)) => (*b - *a).num_days().max(1) as f64,
        _ => 1.0,
    };
    let x_of = |i: usize| -> f64 {
        match (first, dates.get(i)) {
            (Some(f), Some(d)) if dates.len() > 1 => {
                LEFT + (*d - f).num_days() as f64 / span * plot_w
            }
            _ => LEFT + plot_w / 2.0,
        }
    };
    let max = trend
        .series
        .iter()
        .flat_map(|s| s.values.iter().flatten())
        .fold(0.0f64, |m, v| m.max(*v));
    let top = nice_ceiling(max);
    let y_of = |v: f64| TOP + plot_h - (v / top) * plot_h;

    let series = trend
        .series
        .iter()
        .map(|s| {
            let mut segments = Vec::new();
            let mut run: Vec<String> = Vec::new();
            let mut dots = Vec::new();
            for (i, v) in s.values.iter().enumerate() {
                match v {
                    Some(v) => {
                        let (x, y) = (round1(x_of(i)), round1(y_of(*v)));
                        run.push(format!("{x},{y}"));
                        let date = dates.get(i).map(|d| w.date(*d)).unwrap_or_default();
                        dots.push(Dot {
                            x,
                            y,
                            title: format!("{date}: {}", w.number(*v)),
                        });
                    }
                    None => {
                        if !run.is_empty() {
                            segments.push(run.join(" "));
                            run.clear();
                        }
                    }
                }
            }
            if !run.is_empty() {
                segments.push(run.join(" "));
            }
            SeriesView {
                label: w.t(s.label),
                class: s.class.to_owned(),
                segments,
                dots,
            }
        })
        .collect();

    let y_ticks = [0.0, top / 2.0, top]
        .iter()
        .map(|v| Tick {
            at: round1(y_of(*v)),
            text: w.number(*v),
            anchor: "end",
        })
        .collect();
    let mut x_ticks = Vec::new();
    if let Some(d) = dates.first() {
        x_ticks.push(Tick {
            at: round1(x_of(0)),
            text: w.date(*d),
            anchor: if dates.len() > 1 { "start" } else { "middle" },
        });
    }
    if dates.len() > 1
        && let Some(d) = dates.last()
    {
        x_ticks.push(Tick {
            at: round1(x_of(dates.len() - 1)),
            text: w.date(*d),
            anchor: "end",
        });
    }
    let desc = trend
        .series
        .iter()
        .map(|s| {
            let values: Vec<String> = s
                .values
                .iter()
                .map(|v| v.map_or_else(|| "–".to_owned(), |v| w.number(v)))
                .collect();
            format!("{}: {}", w.t(s.label), values.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ");
    Chart {
        id,
        title,
        desc,
        width: WIDTH,
        height: HEIGHT,
        left: LEFT,
        right: WIDTH - RIGHT,
        label_x: LEFT - 6.0,
        date_y: HEIGHT - 10.0,
        series,
        y_ticks,
        x_ticks,
    }
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above `v` (at least 1), so the axis has
/// round labels and the highest value is never clipped.
pub fn nice_ceiling(v: f64) -> f64 {
    if !v.is_finite() || v <= 1.0 {
        return 1.0;
    }
    let magnitude = 10f64.powf(v.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|c| *c >= v)
        .unwrap_or(10.0 * magnitude)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::license::history::{Series, TrendSubject};

    #[test]
    fn nice_ceilings() {
        assert_eq!(nice_ceiling(0.0), 1.0);
        assert_eq!(nice_ceiling(23.0), 25.0);
        assert_eq!(nice_ceiling(25.0), 25.0);
        assert_eq!(nice_ceiling(61.2), 100.0);
        assert_eq!(nice_ceiling(18250.0), 20000.0);
        assert_eq!(nice_ceiling(f64::NAN), 1.0);
    }

    #[test]
    fn four_points_and_a_gap() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let dates = [
            d("2026-08-01"),
            d("2026-09-01"),
            d("2026-10-01"),
            d("2026-11-01"),
        ];
        let trend = Trend {
            subject: TrendSubject::Limit("x".into()),
            series: vec![
                Series {
                    label: "license_series_in_use",
                    class: "in-use",
                    values: vec![Some(19.0), Some(21.0), Some(22.0), Some(23.0)],
                },
                Series {
                    label: "license_series_total",
                    class: "total",
                    values: vec![Some(25.0), None, Some(25.0), Some(25.0)],
                },
            ],
        };
        let en = crate::i18n::builtin("en");
        let c = layout(
            "c1".into(),
            "Sales".into(),
            &trend,
            &dates,
            &Words::new(&en),
        );
        assert_eq!(c.series[0].segments.len(), 1);
        assert_eq!(c.series[0].dots.len(), 4);
        assert_eq!(c.series[0].segments[0].split(' ').count(), 4);
        assert_eq!(
            c.series[1].segments.len(),
            2,
            "a missing value breaks the line"
        );
        assert_eq!(c.series[0].dots[0].x, 48.0);
        assert_eq!(c.series[0].dots[3].x, 346.0);
        // 25 is the top of the axis: the licensed line runs along the top edge.
        assert_eq!(c.series[1].dots[0].y, 12.0);
        assert_eq!(c.series[0].dots[3].title, "November 1, 2026: 23");
        assert_eq!(c.desc, "In use: 19, 21, 22, 23; Licensed: 25, –, 25, 25");
        assert_eq!(
            c.y_ticks
                .iter()
                .map(|t| t.text.as_str())
                .collect::<Vec<_>>(),
            ["0", "12.5", "25"]
        );
    }
}
