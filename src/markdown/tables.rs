//! Table columns the Markdig way: a body row with more cells than the header widens the
//! table (the header gets empty cells), where GFM (and pulldown-cmark) drop the extra
//! cells. [`super::Options::header_columns`] keeps GFM's behaviour.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::State;
use super::runs::{self, Spanned};
use crate::source::SourceFile;

/// The byte ranges of the cells of a table row written at `range` in `src`.
fn cells(src: &str, range: &Range<usize>) -> Vec<Range<usize>> {
    let Some(line) = src.get(range.clone()) else {
        return Vec::new();
    };
    let line_end = line.find('\n').unwrap_or(line.len());
    let line = &line[..line_end];
    let mut bounds = Vec::new();
    let mut escaped = false;
    let mut code = false;
    for (i, c) in line.char_indices() {
        match c {
            '\\' if !escaped => {
                escaped = true;
                continue;
            }
            '`' if !escaped => code = !code,
            '|' if !escaped && !code => bounds.push(i),
            _ => {}
        }
        escaped = false;
    }
    let mut out = Vec::new();
    let mut start = 0;
    for b in bounds.iter().copied().chain(std::iter::once(line.len())) {
        out.push(start..b);
        start = b + 1;
    }
    // A leading or trailing pipe opens or closes the row; it makes no cell.
    if line.trim_start().starts_with('|')
        && out
            .first()
            .is_some_and(|r| line[r.clone()].trim().is_empty())
    {
        out.remove(0);
    }
    if line.trim_end().ends_with('|')
        && out
            .last()
            .is_some_and(|r| line[r.clone()].trim().is_empty())
    {
        out.pop();
    }
    out.into_iter()
        .map(|r| {
            let s = &line[r.clone()];
            let lead = s.len() - s.trim_start().len();
            let trail = s.len() - s.trim_end().len();
            range.start + r.start + lead..range.start + r.end - trail
        })
        .collect()
}

/// Widens tables to their widest row.
pub(crate) fn columns<'a>(
    st: &mut State<'_>,
    file: &'a SourceFile,
    events: Vec<Spanned<'a>>,
) -> Vec<Spanned<'a>> {
    if st.opts.header_columns
        || !events
            .iter()
            .any(|(e, _)| matches!(e, Event::Start(Tag::Table(_))))
    {
        return events;
    }
    let src: &'a str = &file.text;
    let mut out = Vec::with_capacity(events.len());
    let mut iter = events.into_iter();
    while let Some((event, range)) = iter.next() {
        if !matches!(event, Event::Start(Tag::Table(_))) {
            out.push((event, range));
            continue;
        }
        let mut table = vec![(event, range)];
        let mut depth = 1;
        for (e, r) in iter.by_ref() {
            match &e {
                Event::Start(Tag::Table(_)) => depth += 1,
                Event::End(TagEnd::Table) => depth -= 1,
                _ => {}
            }
            table.push((e, r));
            if depth == 0 {
                break;
            }
        }
        out.extend(widen(src, table));
    }
    out
}

fn widen<'a>(src: &'a str, table: Vec<Spanned<'a>>) -> Vec<Spanned<'a>> {
    let head_cells = table
        .iter()
        .skip_while(|(e, _)| !matches!(e, Event::Start(Tag::TableHead)))
        .take_while(|(e, _)| !matches!(e, Event::End(TagEnd::TableHead)))
        .filter(|(e, _)| matches!(e, Event::Start(Tag::TableCell)))
        .count();
    let rows: Vec<Vec<Range<usize>>> = table
        .iter()
        .filter(|(e, _)| matches!(e, Event::Start(Tag::TableRow)))
        .map(|(_, r)| cells(src, r))
        .collect();
    let width = rows.iter().map(Vec::len).max().unwrap_or(0).max(head_cells);
    if width == head_cells {
        return table;
    }
    let mut out = Vec::with_capacity(table.len() + width * 4);
    let mut row = 0;
    let mut cells_in_row = 0;
    for (e, r) in table {
        match &e {
            Event::Start(Tag::TableHead | Tag::TableRow) => cells_in_row = 0,
            Event::End(TagEnd::TableCell) => cells_in_row += 1,
            Event::End(TagEnd::TableHead) => {
                for _ in cells_in_row..width {
                    out.push((Event::Start(Tag::TableCell), r.end..r.end));
                    out.push((Event::End(TagEnd::TableCell), r.end..r.end));
                }
            }
            Event::End(TagEnd::TableRow) => {
                let written = rows.get(row).map_or(&[][..], Vec::as_slice);
                for k in cells_in_row..width {
                    out.push((Event::Start(Tag::TableCell), r.clone()));
                    if let Some(cell) = written.get(k) {
                        out.extend(
                            super::parse_range(src, cell.clone())
                                .into_iter()
                                .filter(|(e, _)| runs::is_inline(e)),
                        );
                    }
                    out.push((Event::End(TagEnd::TableCell), r.clone()));
                }
                row += 1;
            }
            _ => {}
        }
        out.push((e, r));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn rows_wider_than_the_header_widen_the_table() {
        let r = render_page(&Files::default(), "a | b\n-- | -\n0 | 1 | *2*\n");
        let h = r.html.replace('\n', "");
        assert!(h.contains("<th>b</th><th></th></tr>"), "{h}");
        assert!(h.contains("<td>1</td><td><em>2</em></td></tr>"), "{h}");
    }
}
