//! Progress charts drawn on the server by plotters as inline SVG. Axes and text are drawn
//! in a sentinel colour that becomes `currentColor`, so the charts follow the page's light or
//! dark theme without any style attribute (the CSP allows none).

use plotters::prelude::*;
use pyprep_practice::{DayCount, TopicMastery};

use crate::view::topic_label;

const INK: RGBColor = RGBColor(1, 2, 3);
const BAR: RGBColor = RGBColor(70, 120, 200);
const GOOD: RGBColor = RGBColor(40, 150, 90);

fn finish(svg: String, label: &str) -> String {
    let svg = svg.replace("#010203", "currentColor");
    // An accessible name, and a responsive width: the viewBox keeps the proportions.
    svg.replacen(
        "<svg ",
        &format!(
            "<svg role=\"img\" aria-label=\"{}\" class=\"chart\" preserveAspectRatio=\"xMidYMid meet\" ",
            crate::highlight::escape(label)
        ),
        1,
    )
}

fn short_date(date: &str) -> String {
    // `YYYY-MM-DD` to `MM-DD`: the year is noise on a 30-day axis.
    date.get(5..).unwrap_or(date).to_string()
}

/// A bar per day (reviews done, or cards coming due).
pub fn days(days: &[DayCount], label: &str) -> String {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (560, 250)).into_drawing_area();
        let max = days.iter().map(|d| d.count).max().unwrap_or(0).max(4);
        let n = days.len().max(1) as u32;
        let chart = ChartBuilder::on(&root)
            .margin(8)
            .margin_right(16)
            .x_label_area_size(30)
            .y_label_area_size(36)
            .build_cartesian_2d((0u32..n).into_segmented(), 0u32..(max + max / 8 + 1));
        let Ok(mut chart) = chart else {
            return String::new();
        };
        let dates: Vec<String> = days.iter().map(|d| short_date(&d.date)).collect();
        let _ = chart
            .configure_mesh()
            .disable_x_mesh()
            .bold_line_style(INK.mix(0.12))
            .light_line_style(INK.mix(0.0))
            .axis_style(INK.mix(0.5))
            .label_style(("sans-serif", 15).into_font().color(&INK))
            .x_labels(5)
            .x_label_formatter(&|x| match x {
                SegmentValue::CenterOf(i) | SegmentValue::Exact(i) => {
                    dates.get(*i as usize).cloned().unwrap_or_default()
                }
                SegmentValue::Last => String::new(),
            })
            .y_labels(5)
            .draw();
        let _ = chart.draw_series(
            Histogram::vertical(&chart)
                .style(BAR.filled())
                .margin(2)
                .data(days.iter().enumerate().map(|(i, d)| (i as u32, d.count))),
        );
        let _ = root.present();
    }
    finish(svg, label)
}

/// A horizontal bar per topic: mastery (probability of recall over all its cards).
pub fn mastery(topics: &[TopicMastery], label: &str) -> String {
    let mut svg = String::new();
    {
        let rows = topics.len().max(1);
        let height = 40 + rows as u32 * 26;
        let root = SVGBackend::with_string(&mut svg, (720, height)).into_drawing_area();
        let chart = ChartBuilder::on(&root)
            .margin(8)
            .margin_right(24)
            .x_label_area_size(28)
            .y_label_area_size(170)
            .build_cartesian_2d(0f32..100f32, (0u32..rows as u32).into_segmented());
        let Ok(mut chart) = chart else {
            return String::new();
        };
        // Row 0 is drawn at the bottom; the weakest topic (first) goes on top.
        let names: Vec<String> = topics.iter().rev().map(|t| topic_label(&t.topic)).collect();
        let _ = chart
            .configure_mesh()
            .disable_y_mesh()
            .bold_line_style(INK.mix(0.12))
            .light_line_style(INK.mix(0.0))
            .axis_style(INK.mix(0.5))
            .label_style(("sans-serif", 13).into_font().color(&INK))
            .x_labels(6)
            .x_label_formatter(&|x| format!("{x:.0}%"))
            .y_labels(rows)
            .y_label_formatter(&|y| match y {
                SegmentValue::CenterOf(i) | SegmentValue::Exact(i) => {
                    names.get(*i as usize).cloned().unwrap_or_default()
                }
                SegmentValue::Last => String::new(),
            })
            .draw();
        let _ = chart.draw_series(
            Histogram::horizontal(&chart)
                .style(GOOD.filled())
                .margin(4)
                .data(
                    topics
                        .iter()
                        .rev()
                        .enumerate()
                        .map(|(i, t)| (i as u32, t.mastery * 100.0)),
                ),
        );
        let _ = root.present();
    }
    finish(svg, label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_are_svg_without_style_attributes() {
        let days_svg = days(
            &[
                DayCount {
                    date: "2026-01-01".into(),
                    count: 3,
                },
                DayCount {
                    date: "2026-01-02".into(),
                    count: 0,
                },
            ],
            "Reviews per day",
        );
        assert!(
            days_svg.starts_with("<svg role=\"img\" aria-label=\"Reviews per day\""),
            "{days_svg}"
        );
        assert!(days_svg.contains("currentColor"));
        assert!(days_svg.contains("01-01"));
        assert!(!days_svg.contains("style="));
        let mastery_svg = mastery(
            &[TopicMastery {
                topic: "iterators-generators".into(),
                cards: 3,
                studied: 1,
                retrievability: Some(0.9),
                mastery: 0.3,
            }],
            "Mastery",
        );
        assert!(
            mastery_svg.contains("Iterators &amp; generators"),
            "{mastery_svg}"
        );
        assert!(!mastery_svg.contains("style="));
    }
}
