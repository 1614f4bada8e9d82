#include "icons.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QPixmap>

using namespace Qt::StringLiterals;

namespace remise::ui::icons {

namespace {

QPixmap draw(Page page, int size, const QColor &color)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.scale(size / 24.0, size / 24.0);
    QPen pen(color, 1.8, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    switch (page) {
    case Page::Overview: // bars
        p.setBrush(color);
        p.drawRect(QRectF(4, 13, 3.5, 7));
        p.drawRect(QRectF(10.25, 8, 3.5, 12));
        p.drawRect(QRectF(16.5, 4, 3.5, 16));
        break;
    case Page::Campaigns: { // a price tag
        QPainterPath tag;
        tag.moveTo(3, 12);
        tag.lineTo(12, 3);
        tag.lineTo(21, 3);
        tag.lineTo(21, 12);
        tag.lineTo(12, 21);
        tag.closeSubpath();
        p.drawPath(tag);
        p.setBrush(color);
        p.drawEllipse(QPointF(16.5, 7.5), 1.6, 1.6);
        break;
    }
    case Page::Segments: // overlapping circles
        p.drawEllipse(QPointF(9, 12), 6, 6);
        p.drawEllipse(QPointF(15, 12), 6, 6);
        break;
    case Page::Customers: // a person
        p.drawEllipse(QPointF(12, 8), 4, 4);
        p.drawArc(QRectF(4, 14, 16, 14), 0, 180 * 16);
        break;
    case Page::Sessions: // a cart
        p.drawPolyline(QList<QPointF>{{2, 4}, {5, 4}, {8, 15}, {19, 15}, {21, 7}, {6.2, 7}});
        p.setBrush(color);
        p.drawEllipse(QPointF(9, 19), 1.6, 1.6);
        p.drawEllipse(QPointF(18, 19), 1.6, 1.6);
        break;
    case Page::Simulator: // a play triangle in a circle
        p.drawEllipse(QPointF(12, 12), 9, 9);
        p.setBrush(color);
        p.drawPolygon(QList<QPointF>{{10, 8}, {16, 12}, {10, 16}});
        break;
    case Page::Activity: // a pulse line
        p.drawPolyline(QList<QPointF>{{2, 12}, {7, 12}, {10, 5}, {14, 19}, {17, 12}, {22, 12}});
        break;
    case Page::Settings: { // a gear
        p.drawEllipse(QPointF(12, 12), 3, 3);
        for (int i = 0; i < 8; ++i) {
            p.save();
            p.translate(12, 12);
            p.rotate(i * 45.0);
            p.drawLine(QPointF(0, -6.5), QPointF(0, -9.5));
            p.restore();
        }
        p.drawEllipse(QPointF(12, 12), 6.5, 6.5);
        break;
    }
    }
    return pixmap;
}

QString themeName(Page page)
{
    switch (page) {
    case Page::Overview:
        return u"view-statistics"_s;
    case Page::Campaigns:
        return u"tag"_s;
    case Page::Segments:
        return u"view-filter"_s;
    case Page::Customers:
        return u"system-users"_s;
    case Page::Sessions:
        return u"view-list-details"_s;
    case Page::Simulator:
        return u"media-playback-start"_s;
    case Page::Activity:
        return u"view-history"_s;
    case Page::Settings:
        return u"preferences-system"_s;
    }
    return {};
}

} // namespace

QIcon page(Page which)
{
    if (QIcon::hasThemeIcon(themeName(which)))
        return QIcon::fromTheme(themeName(which));
    const QPalette palette = QApplication::palette();
    QIcon icon;
    for (int size : {16, 24, 32, 48}) {
        icon.addPixmap(draw(which, size, palette.color(QPalette::Active, QPalette::WindowText)),
                       QIcon::Normal);
        icon.addPixmap(
            draw(which, size, palette.color(QPalette::Active, QPalette::HighlightedText)),
            QIcon::Selected);
        icon.addPixmap(draw(which, size, palette.color(QPalette::Disabled, QPalette::WindowText)),
                       QIcon::Disabled);
    }
    return icon;
}

QIcon application()
{
    QIcon icon;
    for (int size : {16, 32, 48, 64, 128, 256}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        p.scale(size / 256.0, size / 256.0);
        // The same drawing as resources/icons/remise.svg.
        QLinearGradient tile(0, 0, 0, 256);
        tile.setColorAt(0, QColor(0x5b, 0x5b, 0xd6));
        tile.setColorAt(1, QColor(0x3e, 0x3e, 0xa8));
        p.setPen(Qt::NoPen);
        p.setBrush(tile);
        p.drawRoundedRect(QRectF(8, 8, 240, 240), 52, 52);
        QPainterPath tag;
        tag.moveTo(52, 132);
        tag.lineTo(132, 52);
        tag.lineTo(204, 52);
        tag.lineTo(204, 124);
        tag.lineTo(124, 204);
        tag.closeSubpath();
        p.setPen(QPen(Qt::white, 14, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.setBrush(Qt::white);
        p.drawPath(tag);
        const QColor ink(0x4a, 0x4a, 0xc0);
        p.setPen(Qt::NoPen);
        p.setBrush(ink);
        p.drawEllipse(QPointF(176, 80), 11, 11);
        p.setPen(QPen(ink, 11, Qt::SolidLine, Qt::RoundCap));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(QPointF(107, 120), 12, 12);
        p.drawEllipse(QPointF(145, 158), 12, 12);
        p.drawLine(QPointF(154, 108), QPointF(98, 170));
        p.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace remise::ui::icons
