//! Media links, as Markdig's MediaLinks extension (on in DocFX) renders them: an image
//! whose target is a video or audio file becomes a `<video>` or `<audio>` player, and a
//! YouTube link an embedded player.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::html::escape;
use super::runs::Spanned;

/// Mime types of the media file extensions.
const MEDIA: &[(&str, &str)] = &[
    ("mp4", "video/mp4"),
    ("m4v", "video/mp4"),
    ("webm", "video/webm"),
    ("ogv", "video/ogg"),
    ("mov", "video/quicktime"),
    ("3gp", "video/3gpp"),
    ("mp3", "audio/mpeg"),
    ("m4a", "audio/mp4"),
    ("oga", "audio/ogg"),
    ("ogg", "audio/ogg"),
    ("wav", "audio/wav"),
];

/// The player for a media URL, if it is one.
fn player(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let lower = path.to_ascii_lowercase();
    if let Some(id) = youtube_id(url) {
        return Some(format!(
            "<iframe src=\"https://www.youtube.com/embed/{}\" class=\"youtube\" width=\"500\" height=\"281\" frameborder=\"0\" allowfullscreen=\"\"></iframe>",
            escape(id)
        ));
    }
    let ext = lower.rsplit_once('.')?.1;
    let (_, mime) = MEDIA.iter().find(|(e, _)| *e == ext)?;
    let tag = if mime.starts_with("audio/") {
        "audio"
    } else {
        "video"
    };
    let size = if tag == "video" {
        " width=\"500\" height=\"281\""
    } else {
        ""
    };
    Some(format!(
        "<{tag}{size} controls=\"\"><source type=\"{mime}\" src=\"{}\"></source></{tag}>",
        escape(url)
    ))
}

fn youtube_id(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let id = if let Some(q) = rest.strip_prefix("youtube.com/watch?") {
        q.split('&').find_map(|kv| kv.strip_prefix("v="))?
    } else {
        rest.strip_prefix("youtu.be/")?
    };
    let id = id.split(['&', '?', '#']).next()?;
    (!id.is_empty()).then_some(id)
}

/// Replaces images of media files with players.
pub fn players<'a>(events: Vec<Spanned<'a>>) -> Vec<Spanned<'a>> {
    if !events.iter().any(|(e, _)| matches!(e, Event::Start(Tag::Image { dest_url, .. }) if player(dest_url).is_some())) {
        return events;
    }
    let mut out = Vec::with_capacity(events.len());
    let mut iter = events.into_iter();
    while let Some((event, range)) = iter.next() {
        let html = match &event {
            Event::Start(Tag::Image { dest_url, .. }) => player(dest_url),
            _ => None,
        };
        let Some(html) = html else {
            out.push((event, range));
            continue;
        };
        let mut depth = 1;
        for (e, _) in iter.by_ref() {
            match e {
                Event::Start(Tag::Image { .. }) => depth += 1,
                Event::End(TagEnd::Image) => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
        }
        out.push((Event::InlineHtml(CowStr::from(html)), range));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_files_and_youtube() {
        assert_eq!(
            player("https://example.com/video.mp4").as_deref(),
            Some(
                "<video width=\"500\" height=\"281\" controls=\"\"><source type=\"video/mp4\" src=\"https://example.com/video.mp4\"></source></video>"
            )
        );
        assert!(player("https://youtu.be/abc").is_some_and(|p| p.contains("embed/abc")));
        assert!(player("media/a.png").is_none());
    }
}
