#pragma once

#include <QIcon>

namespace remise::ui::icons {

enum class Page {
    Overview,
    Campaigns,
    Segments,
    Customers,
    Sessions,
    Simulator,
    Activity,
    Settings
};

/// A page's icon: the desktop theme's when it has one, else a simple glyph drawn in the
/// palette's text colour (so it follows light and dark palettes).
QIcon page(Page page);
/// The application icon: resources/icons/remise.svg (installed for the desktop entry) drawn
/// with QPainter, as the build has no SVG image plugin.
QIcon application();

} // namespace remise::ui::icons
