//! Flowing content down A4 pages: a cursor that starts a new page when the
//! next block does not fit, and page footers ("Halaman 1/2") added once the
//! page count is known.

use super::pdf::{self, Font, Meta, PAGE_HEIGHT, PAGE_WIDTH, Page, PdfError};

/// Left margin.
pub const LEFT: f32 = 40.0;
/// Right margin (x of the right edge of the text area).
pub const RIGHT: f32 = PAGE_WIDTH - 40.0;
/// Width of the text area: 515 pt.
pub const WIDTH: f32 = RIGHT - LEFT;
const TOP: f32 = PAGE_HEIGHT - 50.0;
const BOTTOM: f32 = 60.0;

/// The pages written so far and the cursor on the last one.
pub struct Flow {
    pages: Vec<Page>,
    /// The top of the next block, in points from the bottom of the page.
    pub y: f32,
}

impl Flow {
    pub fn new() -> Self {
        Self {
            pages: vec![Page::new()],
            y: TOP,
        }
    }

    /// The page being written.
    pub fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// True when a block `height` tall fits above the bottom margin.
    pub fn fits(&self, height: f32) -> bool {
        self.y - height >= BOTTOM
    }

    pub fn new_page(&mut self) {
        self.pages.push(Page::new());
        self.y = TOP;
    }

    /// Starts a new page unless a block `height` tall fits; true if it did.
    pub fn ensure(&mut self, height: f32) -> bool {
        if self.fits(height) || self.y >= TOP {
            false
        } else {
            self.new_page();
            true
        }
    }

    /// Adds the footer (`left` text and "`page_word` i/n", and `lacks_note`
    /// on a page where a character printed as a placeholder) to every page
    /// and assembles the PDF.
    pub fn finish(
        mut self,
        left: &str,
        page_word: &str,
        lacks_note: &str,
        meta: &Meta<'_>,
    ) -> Result<Vec<u8>, PdfError> {
        let n = self.pages.len();
        for (i, page) in self.pages.iter_mut().enumerate() {
            if page.lacks_glyphs() {
                page.text(Font::Regular, 7.5, LEFT, 46.0, lacks_note);
            }
            page.line(LEFT, 42.0, RIGHT, 42.0, 0.5);
            for (j, line) in pdf::wrap(Font::Regular, 8.0, left, WIDTH - 80.0)
                .iter()
                .take(2)
                .enumerate()
            {
                #[expect(clippy::cast_precision_loss, reason = "two lines")]
                let y = 30.0 - 9.0 * j as f32;
                page.text(Font::Regular, 8.0, LEFT, y, line);
            }
            page.text_right(
                Font::Regular,
                8.0,
                RIGHT,
                30.0,
                &format!("{page_word} {}/{n}", i + 1),
            );
        }
        pdf::document(&self.pages, meta)
    }
}
