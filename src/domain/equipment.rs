//! Equipment by serial number (issue 12): what the visitor brings in is
//! listed at step 2 in "Peralatan yang dibawa", one item after another
//! separated by `;` (or a new line), each its type and, after `#`, its
//! serial number: `Laptop Dell #5CG1234; Harddisk 2TB #WX45`. At step 6
//! each item is confirmed taken out with the visitor or left in the room
//! with a reason; items taken out that were not listed are recorded too.

/// The most items one visit lists (the check-out shows a row for each).
pub const MAX_ITEMS: usize = 12;

/// The items of an equipment text, each as `type #serial` (or `type`
/// alone), spaces tidied; empty pieces dropped; at most [`MAX_ITEMS`]
/// (the rest joined into the last, so nothing typed is lost).
pub fn listed(text: &str) -> Vec<String> {
    let mut items: Vec<String> = text
        .split([';', '\n'])
        .map(tidy)
        .filter(|s| !s.is_empty())
        .collect();
    if items.len() > MAX_ITEMS {
        let rest = items.split_off(MAX_ITEMS - 1).join("; ");
        items.push(rest);
    }
    items
}

/// Whether the text lists any item with a serial number.
pub fn has_serials(text: &str) -> bool {
    listed(text).iter().any(|i| serial(i).is_some())
}

/// An item's serial number, if it has one.
pub fn serial(item: &str) -> Option<&str> {
    item.split_once('#')
        .map(|(_, s)| s.trim())
        .filter(|s| !s.is_empty())
}

/// `Laptop   Dell#5CG 1` → `Laptop Dell #5CG 1`.
fn tidy(piece: &str) -> String {
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    match piece.split_once('#') {
        Some((kind, serial)) => {
            let (kind, serial) = (words(kind), words(serial));
            match (kind.is_empty(), serial.is_empty()) {
                (_, true) => kind,
                (true, false) => format!("#{serial}"),
                (false, false) => format!("{kind} #{serial}"),
            }
        }
        None => words(piece),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_split_by_semicolons_and_lines() {
        assert_eq!(
            listed("Laptop Dell  #5CG1234; Harddisk 2TB#WX45\nmultimeter;; "),
            ["Laptop Dell #5CG1234", "Harddisk 2TB #WX45", "multimeter"]
        );
        assert_eq!(listed("  "), Vec::<String>::new());
        // A comma is part of an item: text typed before the list keeps
        // its meaning.
        assert_eq!(listed("Laptop, multimeter"), ["Laptop, multimeter"]);
    }

    #[test]
    fn serial_numbers_follow_a_hash() {
        assert_eq!(serial("Laptop Dell #5CG1234"), Some("5CG1234"));
        assert_eq!(serial("multimeter"), None);
        assert_eq!(listed("Disk #"), ["Disk"]);
        assert!(has_serials("a; b #1"));
        assert!(!has_serials("Laptop, multimeter"));
    }

    #[test]
    fn too_many_items_are_kept_in_the_last() {
        let text = (1..=15)
            .map(|i| format!("Disk #{i}"))
            .collect::<Vec<_>>()
            .join(";");
        let items = listed(&text);
        assert_eq!(items.len(), MAX_ITEMS);
        assert_eq!(
            items[MAX_ITEMS - 1],
            "Disk #12; Disk #13; Disk #14; Disk #15"
        );
    }
}
