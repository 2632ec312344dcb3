//! Text shaped with rustybuzz through plans made once per font, direction,
//! script and language (issue 10: a year's PDF spent most of its minutes
//! building a shaping plan for every cell, twice), and the widths of the
//! words measured, kept. The glyphs are what `krilla`'s own simple shaping
//! makes (`Surface::draw_text`), drawn through `Surface::draw_glyphs`.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex, PoisonError};

use krilla::text::{GlyphId, KrillaGlyph};
use rustybuzz::{Direction, GlyphBuffer, Language, Script, ShapePlan, UnicodeBuffer};

use super::pdf::Font;

/// What a plan depends on besides the face.
type PlanKey = (Font, Direction, Option<Script>, Option<Language>);

static PLANS: LazyLock<Mutex<HashMap<PlanKey, Arc<ShapePlan>>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

/// A run of text: font, right to left, the text.
type RunKey = (Font, bool, String);

/// Widths in font units, by run.
static WIDTHS: LazyLock<Mutex<HashMap<RunKey, i64>>> = LazyLock::new(|| Mutex::new(HashMap::new()));

/// Kept widths at most (the words of a year's report fit many times).
const KEEP_WIDTHS: usize = 200_000;

/// `text` shaped in `font`, as `rustybuzz::shape` shapes it (the same
/// segment properties, no features), with a plan made once.
fn shape(font: Font, text: &str, is_rtl: bool) -> GlyphBuffer {
    let face = font.face();
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    buffer.set_direction(if is_rtl {
        Direction::RightToLeft
    } else {
        Direction::LeftToRight
    });
    // `script()` says UNKNOWN for none: guessing never sets UNKNOWN.
    let script = Some(buffer.script()).filter(|s| *s != rustybuzz::script::UNKNOWN);
    let key = (font, buffer.direction(), script, buffer.language());
    let plan =
        {
            let mut plans = PLANS.lock().unwrap_or_else(PoisonError::into_inner);
            Arc::clone(plans.entry(key.clone()).or_insert_with(|| {
                Arc::new(ShapePlan::new(face, key.1, key.2, key.3.as_ref(), &[]))
            }))
        };
    rustybuzz::shape_with_plan(face, &plan, buffer)
}

/// The advance of `text` (one direction) in font units.
pub(super) fn run_units(font: Font, text: &str, is_rtl: bool) -> i64 {
    let key = (font, is_rtl, text.to_owned());
    if let Some(w) = WIDTHS
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get(&key)
    {
        return *w;
    }
    let units: i64 = shape(font, text, is_rtl)
        .glyph_positions()
        .iter()
        .map(|p| i64::from(p.x_advance))
        .sum();
    let mut widths = WIDTHS.lock().unwrap_or_else(PoisonError::into_inner);
    if widths.len() >= KEEP_WIDTHS {
        widths.clear();
    }
    widths.insert(key, units);
    units
}

/// The glyphs of `text` (one direction) in `font`, as `krilla` places them.
pub(super) fn glyphs(font: Font, text: &str, is_rtl: bool) -> Vec<KrillaGlyph> {
    let output = shape(font, text, is_rtl);
    #[expect(clippy::cast_precision_loss, reason = "units per em: at most 16384")]
    let per_em = font.face().units_per_em() as f32;
    let positions = output.glyph_positions();
    let infos = output.glyph_infos();
    let mut out = Vec::with_capacity(infos.len());
    for (i, (pos, info)) in positions.iter().zip(infos).enumerate() {
        let start = info.cluster as usize;
        // The cluster ends where the next one (in logical order) starts.
        let end = if is_rtl {
            infos[..i]
                .iter()
                .rev()
                .find(|x| x.cluster != info.cluster)
                .map_or(text.len(), |x| x.cluster as usize)
        } else {
            infos[i + 1..]
                .iter()
                .find(|x| x.cluster != info.cluster)
                .map_or(text.len(), |x| x.cluster as usize)
        };
        #[expect(clippy::cast_precision_loss, reason = "glyph advances and offsets")]
        out.push(KrillaGlyph::new(
            GlyphId::new(info.glyph_id),
            pos.x_advance as f32 / per_em,
            pos.x_offset as f32 / per_em,
            pos.y_offset as f32 / per_em,
            pos.y_advance as f32 / per_em,
            start..end,
            None,
        ));
    }
    out
}
